import type { FastifyInstance } from 'fastify';
import { TEST_PASSWORD } from './factories.ts';

/** The session cookie and a CSRF token read from a page, as a browser would have them. */
export type Browser = { cookie: string; csrfToken: string };

export function cookieFrom(response: { headers: Record<string, unknown> }, current = ''): string {
  const setCookie = response.headers['set-cookie'];
  const first = (Array.isArray(setCookie) ? setCookie[0] : setCookie) as string | undefined;
  return first ? (first.split(';')[0] ?? current) : current;
}

export function csrfTokenIn(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

/** Signs in through the real sign-in form and returns the signed-in browser. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
  remoteAddress = '127.0.0.1',
): Promise<Browser> {
  const page = await app.inject({ method: 'GET', url: '/sign-in', remoteAddress });
  const cookie = cookieFrom(page);
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie },
    payload: { email, password, _csrf: csrfTokenIn(page.body) },
    remoteAddress,
  });
  if (response.statusCode !== 303) throw new Error(`sign-in failed with ${response.statusCode}`);
  const signedIn = cookieFrom(response, cookie);
  const home = await app.inject({ method: 'GET', url: '/account', headers: { cookie: signedIn } });
  return { cookie: signedIn, csrfToken: csrfTokenIn(home.body) };
}
