import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Protocol } from '../domain/protocol/protocolSchema.ts';
import { describeProblem, parseProtocolFile } from '../domain/protocol/validateProtocol.ts';

export const builtInProtocolIds = [
  'pan-lancashire',
  'humber',
  'east-riding',
  'lincolnshire',
] as const;
export type BuiltInProtocolId = (typeof builtInProtocolIds)[number];

export function builtInProtocolFile(id: BuiltInProtocolId): string {
  return path.join(import.meta.dirname, `${id}.yaml`);
}

export function isBuiltInProtocolId(id: string): id is BuiltInProtocolId {
  return (builtInProtocolIds as readonly string[]).includes(id);
}

const loaded = new Map<BuiltInProtocolId, Protocol>();

/** A built-in protocol, read and checked once; a broken built-in is a bug, so it throws. */
export function builtInProtocol(id: BuiltInProtocolId): Protocol {
  let protocol = loaded.get(id);
  if (!protocol) {
    const check = parseProtocolFile(readFileSync(builtInProtocolFile(id), 'utf8'));
    if (!check.ok) {
      throw new Error(
        `built-in protocol ${id} is invalid:\n${check.problems.map(describeProblem).join('\n')}`,
      );
    }
    protocol = check.protocol;
    loaded.set(id, protocol);
  }
  return protocol;
}
