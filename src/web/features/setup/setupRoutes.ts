import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { passwordProblem } from '../../../domain/accounts/passwordRules.ts';
import { Conflict, Invalid } from '../../../domain/errors.ts';
import { checkSchema, errorList } from '../../../forms/form.ts';
import { builtInProtocol, builtInProtocolIds } from '../../../protocols/builtInProtocols.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { startSession } from '../signIn/signInRoutes.ts';

const setupCode = z
  .string()
  .trim()
  .min(1, 'Enter the setup code')
  .max(100, 'Enter the setup code exactly as Accord printed it when it started');

const newPartnership = z.object({
  partnershipName: z
    .string()
    .trim()
    .min(1, 'Enter the partnership name')
    .max(200, 'Partnership name must be 200 characters or fewer'),
  protocolId: z.enum(builtInProtocolIds, {
    error: 'Select the protocol your partnership follows',
  }),
});

const existingPartnership = z.object({
  partnershipId: z.string({ error: 'Select the partnership you are setting up' }).min(1, {
    error: 'Select the partnership you are setting up',
  }),
});

const yourAccount = z.object({
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
});

/** The setup form: a new partnership, or one of those made already on the command line. */
function setupForm<Partnership extends typeof newPartnership | typeof existingPartnership>(
  partnership: Partnership,
) {
  return (
    z
      .object({ setupCode })
      .extend(partnership.shape)
      .extend(yourAccount.shape)
      // Once every field is right, the password must not be made of the person's own details.
      .superRefine((form, context) => {
        const problem = passwordProblem(form.password, { email: form.email, name: form.name });
        if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
      })
  );
}

/** First run only: once anyone exists, /setup is not there. */
export async function setupRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  const protocolChoices = (selected?: unknown) =>
    builtInProtocolIds.map((id) => ({
      value: id,
      text: builtInProtocol(id).name,
      checked: id === selected,
    }));

  const partnershipChoices = (partnerships: { id: string; name: string }[], selected?: unknown) =>
    partnerships.map(({ id, name }) => ({
      value: id,
      text: name,
      checked: id === selected || partnerships.length === 1,
    }));

  const page = async (
    reply: FastifyReply,
    status: number,
    values: Record<string, unknown>,
    errors: Record<string, string>,
  ) => {
    const existing = await services.partnershipsAwaitingSetup();
    return reply.code(status).render('setup/setup.njk', {
      csrfToken: reply.generateCsrf(),
      protocolChoices: protocolChoices(values.protocolId),
      partnershipChoices: partnershipChoices(existing, values.partnershipId),
      values,
      errors,
      errorList: errorList(errors),
    });
  };

  app.get('/setup', async (_request, reply) => {
    if (!(await services.needsSetup())) return reply.callNotFound();
    return page(reply, 200, {}, {});
  });

  app.post(
    '/setup',
    // The code is 128 random bits, so this only keeps a guesser from wasting the server's time.
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      if (!(await services.needsSetup())) return reply.callNotFound();
      const existing = await services.partnershipsAwaitingSetup();
      const form =
        existing.length > 0
          ? checkSchema(setupForm(existingPartnership), request.body)
          : checkSchema(setupForm(newPartnership), request.body);
      if (!form.ok) return page(reply, 400, form.values, form.errors);
      try {
        const { personId } = await services.setUpFirstPartnership(form.data, webContext(request));
        await startSession(request, personId, services.clock.now());
        return reply.redirect('/account?setUp=yes', 303);
      } catch (error) {
        if (error instanceof Conflict) return reply.callNotFound();
        if (error instanceof Invalid) {
          const { password: _, ...values } = form.data;
          return page(reply, 400, values, problemsByField(error));
        }
        throw error;
      }
    },
  );
}

function problemsByField(error: Invalid): Record<string, string> {
  return Object.fromEntries(error.errors.map((problem) => [problem.path, problem.message]));
}
