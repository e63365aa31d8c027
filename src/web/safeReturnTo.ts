/** A local path to return to after signing in; anything else (another site) goes home. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-/?=&.%]*$/.test(value) ? value : '/';
}
