import type { FastifyInstance, FastifyRequest } from 'fastify';
import type * as OpenIdClient from 'openid-client';
import { identityFrom, type OidcIdentity } from '../../../domain/accounts/oidcIdentity.ts';
import { isoInstant } from '../../../domain/clock.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { safeReturnTo } from '../../safeReturnTo.ts';
import { startSession } from '../signIn/signInRoutes.ts';

const unavailable =
  'Signing in with your organisation’s account is not working at the moment. Use your e-mail address and password, or try again later.';

const refusals: Record<string, string> = {
  'not-in-directory':
    'Your organisation’s account is not in Accord’s directory. Ask your partnership team to add you.',
  'email-not-verified':
    'Your organisation did not confirm your e-mail address, so Accord cannot tell who you are.',
  'linked-to-another':
    'Your Accord account is already linked to a different organisation account. Ask your Accord administrator.',
  inactive: 'Your Accord account is not active. Ask your partnership team.',
  'wrong-tenant':
    'Your organisation account is not from the organisation this Accord signs people in with. Use your e-mail address and password, or ask your partnership team.',
  failed:
    'Signing in with your organisation’s account did not work. Try again, or use your e-mail address and password.',
};

/**
 * Sign-in with the organisation's OpenID Connect provider (Microsoft Entra ID in councils and
 * the NHS): the authorisation code flow with PKCE, state and nonce, through openid-client.
 */
export async function oidcRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  const settings = services.config.oidc;
  if (!settings) return;
  // Loaded only where sign-in by a provider is set up: with jose, a tenth of a second of start-up.
  const client = await import('openid-client');
  const redirectUri = `${services.config.baseUrl}/sign-in/oidc/callback`;
  const entra = settings.entraTenant !== undefined;

  // Discovered on first use, and again after a failure, so start-up never waits on the provider.
  let configuration: Promise<OpenIdClient.Configuration> | undefined;
  const discover = () => {
    configuration ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        isLocalTestProvider(settings.issuer, services.config.isProduction)
          ? { execute: [client.allowInsecureRequests] }
          : undefined,
      )
      .catch((error) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  };

  app.get('/sign-in/oidc', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const reauthenticate = query.reauthenticate === 'yes';
    let configuration: OpenIdClient.Configuration;
    try {
      configuration = await discover();
    } catch (error) {
      request.log.warn({ err: error }, 'the OpenID Connect provider cannot be reached');
      return reply.code(503).render('signIn/sign-in.njk', {
        csrfToken: reply.generateCsrf(),
        returnTo: safeReturnTo(query.returnTo),
        oidcEnabled: true,
        values: {},
        errors: { oidc: unavailable },
        errorList: [{ text: unavailable, href: '#email' }],
      });
    }
    request.session.oidc = {
      state,
      nonce,
      codeVerifier,
      returnTo: safeReturnTo(query.returnTo),
      reauthenticate,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(reauthenticate ? { prompt: 'login', max_age: '0' } : {}),
    });
    return reply.redirect(url.href);
  });

  app.get('/sign-in/oidc/callback', async (request, reply) => {
    const pending = request.session.oidc;
    request.session.oidc = undefined;
    const refused = (reason: string) =>
      reply.code(401).render('signIn/sign-in.njk', {
        csrfToken: reply.generateCsrf(),
        returnTo: pending?.returnTo ?? '/',
        oidcEnabled: true,
        values: {},
        errors: { oidc: refusals[reason] ?? refusals.failed },
        errorList: [{ text: refusals[reason] ?? refusals.failed, href: '#email' }],
      });
    if (!pending) return refused('failed');

    let identity: OidcIdentity;
    try {
      const tokens = await client.authorizationCodeGrant(
        await discover(),
        currentUrl(request, services.config.baseUrl),
        {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
      );
      const claims = tokens.claims();
      if (!claims) return refused('failed');
      // Providers may keep the e-mail claims for the userinfo endpoint rather than the ID token;
      // Entra puts its user name (an address) in the ID token even without the email claim.
      const emailInToken =
        typeof claims.email === 'string' ||
        (entra && typeof claims.preferred_username === 'string');
      const emailClaims = emailInToken
        ? claims
        : await client.fetchUserInfo(await discover(), tokens.access_token, claims.sub);
      const found = identityFrom(settings.entraTenant, claims, emailClaims);
      if ('refused' in found) {
        request.log.warn({ reason: found.refused }, 'OpenID Connect token refused');
        return refused(found.refused);
      }
      identity = found;
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID Connect sign-in failed');
      return refused('failed');
    }

    const result = await services.signInWithOidc(identity, webContext(request));
    if (result.outcome === 'refused') return refused(result.reason);
    if (pending.reauthenticate && request.session.personId === result.personId) {
      request.session.authenticatedAt = isoInstant(services.clock.now());
    } else {
      await startSession(request, result.personId, services.clock.now());
    }
    return reply.redirect(pending.returnTo, 303);
  });
}

/** The callback's own address, as the provider sent the browser to it. */
function currentUrl(request: FastifyRequest, baseUrl: string): URL {
  return new URL(request.url, baseUrl);
}

// Plain http is allowed only for a provider on this machine outside production: the tests' own.
function isLocalTestProvider(issuer: string, production: boolean): boolean {
  const { protocol, hostname } = new URL(issuer);
  return (
    !production && protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost')
  );
}
