import fc from 'fast-check';
import { protocolInputArbitrary } from './protocolArbitrary.ts';
import { textArbitrary } from './textArbitrary.ts';

type Path = (string | number)[];

/** Every place in a value: each field of its objects and each item of its lists. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => [[...path, i], ...pathsOf(item, [...path, i])]);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [
      [...path, key],
      ...pathsOf(item, [...path, key]),
    ]);
  }
  return [];
}

const junk = fc.oneof(
  textArbitrary,
  fc.integer({ min: -5, max: 300 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(''),
  fc.constant('   '),
  fc.array(textArbitrary, { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('key', 'name', 'unit', 'amount', 'extra'), textArbitrary, {
    maxKeys: 2,
  }),
);

type Change = { at: number; remove: boolean; value: unknown };

/**
 * A protocol being written in the editor: a valid one with some fields taken away and others
 * replaced by what a person might leave half-done (empty text, a number for a list, an unknown
 * field), so it may well not pass the checker.
 */
export const draftArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    protocolInputArbitrary,
    fc.array(fc.record({ at: fc.nat(), remove: fc.boolean(), value: junk }), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([input, changes]) => {
    const draft = structuredClone(input);
    for (const change of changes) applyChange(draft, change);
    return draft;
  });

function applyChange(draft: Record<string, unknown>, { at, remove, value }: Change): void {
  const paths = pathsOf(draft);
  const path = paths[at % paths.length];
  if (!path) return;
  let parent: unknown = draft;
  for (const part of path.slice(0, -1)) parent = (parent as Record<string, unknown>)[part];
  const last = path.at(-1) as string | number;
  if (Array.isArray(parent) && typeof last === 'number') {
    if (remove) parent.splice(last, 1);
    else parent[last] = value;
  } else if (typeof parent === 'object' && parent !== null) {
    const record = parent as Record<string, unknown>;
    if (remove) delete record[last];
    else record[last] = value;
  }
}
