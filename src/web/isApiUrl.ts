/**
 * Whether a request is for the JSON API: it authenticates by bearer token alone, so the web's
 * session, CSRF checks and error pages do not apply to it.
 */
export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
