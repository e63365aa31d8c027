import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../src/db/database.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createPartnership } from '../src/services/createPartnership.ts';
import { commandLine } from '../src/services/requestContext.ts';

// The invented Ashdown partnership's protocol (test/protocols/levels.yaml): levels of seniority
// in the council, the police and health, and first-line managers who differ by agency kind.

export const ashdownSource = readFileSync(
  path.join(import.meta.dirname, 'protocols/levels.yaml'),
  'utf8',
);

let made = 0;

/** A new partnership on the Ashdown protocol. */
export async function anAshdownPartnership(database: Database): Promise<{ id: string }> {
  return createPartnership(
    { database, clock: fixedClock('2026-11-24T09:00:00Z') },
    { name: `Ashdown (test ${process.pid}-${++made})`, protocolSource: ashdownSource },
    commandLine,
  );
}
