import { createServer, type Server } from 'node:http';
import net from 'node:net';
import Provider from 'oidc-provider';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type LocalOidcProvider = { issuer: string; close(): Promise<void> };

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, with one client, `accord`, whose
 * redirect is Accord's callback at `accordUrl`. Under `path` when given (Entra answers under
 * /TENANT-ID/v2.0); `claims` says which claims each scope gives and `accountClaims` what the
 * provider says of an account, asked at each sign-in so tests can change it between them.
 */
export async function startLocalOidcProvider(options: {
  accordUrl: string;
  path?: string;
  claims: Record<string, string[]>;
  accountClaims: (id: string) => Record<string, unknown>;
  conformIdTokenClaims?: boolean;
}): Promise<LocalOidcProvider> {
  const port = await freePort();
  const path = options.path ?? '';
  const issuer = `http://127.0.0.1:${port}${path}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'accord',
        client_secret: 'a-client-secret-for-the-tests-only',
        redirect_uris: [`${options.accordUrl}/sign-in/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: options.claims,
    ...(options.conformIdTokenClaims === undefined
      ? {}
      : { conformIdTokenClaims: options.conformIdTokenClaims }),
    cookies: { keys: ['a-cookie-key-for-the-tests-only'] },
    pkce: { required: () => true },
    findAccount: async (_context, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, ...options.accountClaims(id) }),
    }),
  });
  const callback = oidc.callback();
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (!url.startsWith(path)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    Object.assign(request, { originalUrl: url });
    request.url = url.slice(path.length) || '/';
    callback(request, response);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
