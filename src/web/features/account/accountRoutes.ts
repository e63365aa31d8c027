import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../domain/access/can.ts';
import { formatInstant } from '../../../domain/calendar/formatting.ts';
import { roleNames } from '../../../domain/vocabularyNames.ts';
import type { FormErrors } from '../../../forms/fields.ts';
import { checkSchema, errorList } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { forgetSession } from '../../plugins/sessions.ts';
import { reauthenticated } from '../../reauthenticate.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';

const tokenForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter what the token is for')
    .max(100, 'Name must be 100 characters or fewer'),
  password: z.string().max(1024).optional(),
});

const tokenParams = z.object({ tokenId: z.uuid() });

const messagesForm = z.object({
  delivery: z.enum(['each', 'digest'], { error: 'Choose how routine messages reach you' }),
});

export async function accountRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      newToken?: string;
      errors?: FormErrors;
      values?: Record<string, unknown>;
      status?: number;
    } = {},
  ) {
    const actor = request.actor as Actor;
    const timeZone = 'Europe/London';
    const tokens = (await services.listApiTokens(actor.personId, webContext(request))).map(
      (token) => ({
        id: token.id,
        name: token.name,
        created: formatInstant(Temporal.Instant.from(token.createdAt), timeZone),
        lastUsed:
          token.lastUsedAt && formatInstant(Temporal.Instant.from(token.lastUsedAt), timeZone),
        revoked: token.revokedAt !== null,
      }),
    );
    const errors = extra.errors ?? {};
    return reply.code(extra.status ?? 200).render('account/account.njk', {
      tokens,
      roleNames: [...actor.roles].map((role) => roleNames[role] ?? role).join(', '),
      hasPassword: await services.hasPassword(actor.personId),
      dailyDigest: await services.takesDailyDigest(webContext(request)),
      saved: (request.query as Record<string, string>).saved === 'messages',
      oidcEnabled: services.config.oidc !== undefined,
      setUp: (request.query as Record<string, string>).setUp === 'yes',
      newToken: extra.newToken,
      values: answersOr(request, extra.values ?? {}),
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/account', (request, reply) => showAccount(request, reply));

  app.post('/account/tokens', async (request, reply) => {
    const actor = request.actor as Actor;
    const form = checkSchema(tokenForm, request.body);
    if (!form.ok)
      return showAccount(request, reply, { errors: form.errors, values: form.values, status: 400 });

    const confirmed = await reauthenticated(services, request, form.data.password);
    if (!confirmed) {
      const errors: FormErrors = (await services.hasPassword(actor.personId))
        ? { password: 'Enter your password correctly to create a token' }
        : {
            name: 'Sign in again with your organisation’s account, then create the token within 5 minutes',
          };
      return showAccount(request, reply, { errors, values: { name: form.data.name }, status: 401 });
    }
    const { token } = await services.createApiToken(
      { personId: actor.personId, name: form.data.name },
      webContext(request),
    );
    return showAccount(request, reply, { newToken: token });
  });

  app.post('/account/tokens/:tokenId/revoke', async (request, reply) => {
    const params = tokenParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    await services.revokeApiToken(params.data.tokenId, webContext(request));
    return reply.redirect('/account', 303);
  });

  app.post('/account/messages', async (request, reply) => {
    const form = checkSchema(messagesForm, request.body);
    if (!form.ok) return showAccount(request, reply, { errors: form.errors, status: 400 });
    await services.chooseDailyDigest(form.data.delivery === 'digest', webContext(request));
    return reply.redirect('/account?saved=messages', 303);
  });

  app.post('/account/sign-out-everywhere', async (request, reply) => {
    await services.signOutEverywhere(webContext(request));
    await forgetSession(services, request);
    return reply.redirect('/sign-in?signedOut=yes', 303);
  });
}
