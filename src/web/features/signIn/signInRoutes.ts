import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DEVICE_COOKIE_DAYS,
  deviceCookieKey,
  deviceIdFrom,
  newDeviceCookie,
} from '../../../domain/accounts/deviceCookie.ts';
import { isoInstant } from '../../../domain/clock.ts';
import { normaliseEmail } from '../../../domain/directory/directory.ts';
import { Invalid } from '../../../domain/errors.ts';
import { checkSchema, errorList } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { ABSOLUTE_HOURS, forgetSession, IDLE_MINUTES } from '../../plugins/sessions.ts';
import { webContext } from '../../requestContext.ts';
import { safeReturnTo } from '../../safeReturnTo.ts';

const signInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your e-mail address')
    .max(320, 'Enter a correct e-mail address and password'),
  password: z
    .string()
    .min(1, 'Enter your password')
    .max(1024, 'Enter a correct e-mail address and password'),
  returnTo: z.string().optional(),
});

/** Starts a fresh session for a person who has just proved who they are. */
export async function startSession(
  request: FastifyRequest,
  personId: string,
  now: Temporal.Instant,
) {
  await request.session.regenerate();
  const at = isoInstant(now);
  request.session.personId = personId;
  request.session.signedInAt = at;
  request.session.authenticatedAt = at;
  request.session.lastSeenAt = at;
}

/** The browser's proof that its owner signed in with it before (deviceCookie.ts). */
export const DEVICE_COOKIE = 'accord_device';

export async function signInRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  const oidcEnabled = services.config.oidc !== undefined;
  const { sessionSecret } = services.config;
  if (!sessionSecret) throw new Error('sign-in needs SESSION_SECRET for its device cookies');
  const deviceKey = deviceCookieKey(sessionSecret);

  app.get('/sign-in', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (request.actor) return reply.redirect(safeReturnTo(query.returnTo));
    return reply.render('signIn/sign-in.njk', {
      csrfToken: reply.generateCsrf(),
      returnTo: safeReturnTo(query.returnTo),
      signedOut: query.signedOut === 'yes',
      ended: endedWords(query.ended, query.kept === 'yes'),
      passwordSet: query.passwordSet === 'yes',
      oidcEnabled,
      values: {},
      errors: {},
    });
  });

  app.post(
    '/sign-in',
    // Per address: generous, since a whole office may share one; the growing waits do the rest.
    { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const form = checkSchema(signInForm, request.body);
      const returnTo = safeReturnTo(
        (request.body as Record<string, unknown> | undefined)?.returnTo,
      );
      const again = (errors: Record<string, string>, status = 400) =>
        reply.code(status).render('signIn/sign-in.njk', {
          csrfToken: reply.generateCsrf(),
          returnTo,
          oidcEnabled,
          values: { email: form.ok ? form.data.email : (form.values.email ?? '') },
          errors,
          errorList: errorList(errors),
        });
      if (!form.ok) return again(form.errors);

      const email = normaliseEmail(form.data.email);
      const device = deviceIdFrom(
        deviceKey,
        email,
        request.cookies[DEVICE_COOKIE],
        services.clock.now(),
      );
      const result = await services.signInWithPassword(
        { ...form.data, address: request.ip, device },
        webContext(request),
      );
      if (result.outcome === 'wait') {
        const wait = howLong(result.until.since(services.clock.now()));
        reply.header(
          'retry-after',
          Math.ceil(result.until.since(services.clock.now()).total('seconds')),
        );
        return again(
          { email: `You have tried to sign in too many times. Wait ${wait} before you try again` },
          429,
        );
      }
      if (result.outcome === 'refused') {
        return again({ email: 'Enter a correct e-mail address and password' }, 401);
      }
      await startSession(request, result.personId, services.clock.now());
      // A fresh id at each sign-in, so an old copy of the cookie is worth no more than a new one.
      reply.setCookie(DEVICE_COOKIE, newDeviceCookie(deviceKey, email, services.clock.now()), {
        httpOnly: true,
        sameSite: 'strict',
        secure: services.config.isProduction,
        path: '/sign-in',
        maxAge: DEVICE_COOKIE_DAYS * 24 * 60 * 60,
      });
      return reply.redirect(returnTo, 303);
    },
  );

  const linkParams = z.object({ token: z.string().regex(/^[\w-]{43}$/) });
  const passwordForm = z.object({
    password: z.string().max(1024, 'Password must be 256 characters or fewer'),
  });

  app.get('/set-password/:token', async (request, reply) => {
    const params = linkParams.safeParse(request.params);
    const person = params.success
      ? await services.personForPasswordLink(params.data.token)
      : undefined;
    return reply.code(person ? 200 : 404).render('signIn/set-password.njk', {
      person,
      csrfToken: reply.generateCsrf(),
      errors: {},
    });
  });

  app.post('/set-password/:token', async (request, reply) => {
    const params = linkParams.safeParse(request.params);
    const person = params.success
      ? await services.personForPasswordLink(params.data.token)
      : undefined;
    const form = checkSchema(passwordForm, request.body);
    if (!person || !params.success) {
      return reply.code(404).render('signIn/set-password.njk', { person: undefined, errors: {} });
    }
    try {
      if (!form.ok)
        throw new Invalid('bad form', [
          { path: 'password', message: form.errors.password ?? 'Enter a password' },
        ]);
      await services.setPasswordWithLink(
        { token: params.data.token, password: form.data.password },
        webContext(request),
      );
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      const errors = { password: error.errors[0]?.message ?? error.message };
      return reply.code(400).render('signIn/set-password.njk', {
        person,
        csrfToken: reply.generateCsrf(),
        errors,
        errorList: errorList(errors),
      });
    }
    return reply.redirect('/sign-in?passwordSet=yes', 303);
  });

  // For signed-in people: sent after the session ended, it goes to sign in again all the same.
  app.post('/sign-out', { config: { signedIn: true } }, async (request, reply) => {
    await forgetSession(services, request);
    return reply.redirect('/sign-in?signedOut=yes', 303);
  });
}

/** Why the person was signed out and whether their answers were kept, in words; or undefined. */
export function endedWords(ended: string | undefined, kept: boolean): string | undefined {
  const carryOn = kept
    ? 'Sign in again to carry on: your answers have been kept.'
    : 'Sign in again to carry on.';
  if (ended === 'idle') {
    return `You were signed out after ${IDLE_MINUTES} minutes without activity, to protect children’s information. ${kept ? 'Anything you had typed has been kept: sign in again to carry on.' : 'Sign in again to carry on.'}`;
  }
  if (ended === 'limit') {
    return `You were signed out after ${ABSOLUTE_HOURS} hours, to protect children’s information. ${carryOn}`;
  }
  if (ended === 'session') return `You were signed out. ${carryOn}`;
  if (ended === 'page') return 'The page had expired; sign in again.';
  return undefined;
}

/** A wait in words, rounded up: "30 seconds", "1 minute", "15 minutes". */
export function howLong(wait: Temporal.Duration): string {
  const seconds = Math.max(1, Math.ceil(wait.total('seconds')));
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
