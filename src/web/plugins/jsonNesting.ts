import type { FastifyInstance } from 'fastify';
import { Invalid } from '../../domain/errors.ts';

/** Deeper than any body Accord takes (a case's JSON is a few levels), far short of a stack. */
export const MAX_JSON_NESTING = 32;

/**
 * Fastify's own JSON parser (secure-json-parse), behind a count of how deep the body nests:
 * a body thousands deep would otherwise reach the handlers and overflow the stack of
 * whatever walks it, a 500. Counted on the text, before it is parsed.
 */
export function limitJsonNesting(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestingDepth(body as string) > MAX_JSON_NESTING) {
      done(
        new Invalid(`The request body nests more than ${MAX_JSON_NESTING} levels deep`, [
          { path: 'body', message: `must not nest more than ${MAX_JSON_NESTING} levels deep` },
        ]),
        undefined,
      );
      return;
    }
    parseJson(request, body as string, done);
  });
}

/** The deepest nesting of arrays and objects in a JSON text; brackets inside strings do not count. */
export function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const character = json[i];
    if (inString) {
      if (character === '\\') i++;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '[' || character === '{') deepest = Math.max(deepest, ++depth);
    else if (character === ']' || character === '}') depth--;
  }
  return deepest;
}
