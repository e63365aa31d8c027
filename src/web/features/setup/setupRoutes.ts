import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { passwordProblem } from '../../../domain/accounts/passwordRules.ts';
import { Conflict } from '../../../domain/errors.ts';
import { checkSchema, errorList } from '../../../forms/form.ts';
import { builtInProtocol, builtInProtocolIds } from '../../../protocols/builtInProtocols.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { startSession } from '../signIn/signInRoutes.ts';

const setupForm = z
  .object({
    partnershipName: z
      .string()
      .trim()
      .min(1, 'Enter the partnership name')
      .max(200, 'Partnership name must be 200 characters or fewer'),
    protocolId: z.enum(builtInProtocolIds, {
      error: 'Select the protocol your partnership follows',
    }),
    name: z
      .string()
      .trim()
      .min(1, 'Enter your full name')
      .max(200, 'Full name must be 200 characters or fewer'),
    email: z
      .string()
      .trim()
      .max(320, 'E-mail address must be 320 characters or fewer')
      .pipe(
        z.email({ error: 'Enter an e-mail address in the correct format, like name@example.org' }),
      ),
    password: z.string().superRefine((password, context) => {
      const problem = passwordProblem(password);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
  })
  // Once every field is right, the password must not be made of the person's own details.
  .superRefine((form, context) => {
    const problem = passwordProblem(form.password, { email: form.email, name: form.name });
    if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

/** First run only: once anyone exists, /setup is not there. */
export async function setupRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  const protocolChoices = (selected?: unknown) =>
    builtInProtocolIds.map((id) => ({
      value: id,
      text: builtInProtocol(id).name,
      checked: id === selected,
    }));

  app.get('/setup', async (_request, reply) => {
    if (!(await services.needsSetup())) return reply.callNotFound();
    return reply.render('setup/setup.njk', {
      csrfToken: reply.generateCsrf(),
      protocolChoices: protocolChoices(),
      values: {},
      errors: {},
    });
  });

  app.post('/setup', async (request, reply) => {
    if (!(await services.needsSetup())) return reply.callNotFound();
    const form = checkSchema(setupForm, request.body);
    if (!form.ok) {
      return reply.code(400).render('setup/setup.njk', {
        csrfToken: reply.generateCsrf(),
        protocolChoices: protocolChoices(form.values.protocolId),
        values: form.values,
        errors: form.errors,
        errorList: errorList(form.errors),
      });
    }
    try {
      const { personId } = await services.setUpFirstPartnership(form.data, webContext(request));
      await startSession(request, personId, services.clock.now());
      return reply.redirect('/account?setUp=yes', 303);
    } catch (error) {
      if (error instanceof Conflict) return reply.callNotFound();
      throw error;
    }
  });
}
