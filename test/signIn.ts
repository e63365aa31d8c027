import type { FastifyInstance } from 'fastify';
import { TEST_PASSWORD } from './factories.ts';

/** The session cookie and a CSRF token read from a page, as a browser would have them. */
export type Browser = { cookie: string; csrfToken: string };

/** The session cookie a response sets (not sign-in's device cookie), else `current`. */
export function cookieFrom(response: { headers: Record<string, unknown> }, current = ''): string {
  const setCookie = response.headers['set-cookie'];
  const cookies = ([setCookie].flat().filter(Boolean) as string[]).map((c) => c.split(';')[0]);
  const first = cookies.find((cookie) => !cookie?.startsWith('accord_device='));
  return first ?? current;
}

/** The device cookie a successful sign-in sets, as a Cookie header value. */
export function deviceCookieFrom(response: { headers: Record<string, unknown> }): string {
  const setCookie = response.headers['set-cookie'];
  const cookies = ([setCookie].flat().filter(Boolean) as string[]).map((c) => c.split(';')[0]);
  return cookies.find((cookie) => cookie?.startsWith('accord_device=')) ?? '';
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
