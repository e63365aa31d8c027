import { stringify } from 'yaml';
import type { Protocol } from './protocolSchema.ts';

/**
 * A protocol as YAML text. PLACEHOLDER until the lead merges the real one (deterministic,
 * leaving out fields equal to their defaults): this one writes the object as it is, leaving out
 * only what is undefined, so the editor's drafts (which may be incomplete) round-trip.
 */
export function protocolToYaml(protocol: Protocol): string {
  return stringify(withoutUndefined(protocol), { lineWidth: 0 });
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== undefined)
        .map(([key, entry]) => [key, withoutUndefined(entry)]),
    );
  }
  return value;
}
