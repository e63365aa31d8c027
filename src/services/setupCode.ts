import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { settingsRepository } from '../db/repositories/settingsRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Clock } from '../domain/clock.ts';

/**
 * The one-time code that first-run setup asks for, as Jenkins does: made at start while
 * nobody exists, printed on standard output, so only whoever runs the server can set it up.
 * The database keeps only its SHA-256 (the code is 128 random bits, so the hash gives nothing
 * away), one per instance started: behind a load balancer the setup form may be answered by
 * any instance, and the code printed by any of them works. Setup removes them all.
 */
const SETUP_CODE_KEY = 'setup-code:';

/** Whether the service still needs its first-run setup: nobody exists yet. */
export async function needsSetup(database: Database): Promise<boolean> {
  return (await peopleRepository(database.db).count()) === 0;
}

/** A new setup code, its hash kept; undefined once anyone exists (setup is closed for good). */
export async function openSetup(deps: {
  database: Database;
  clock: Clock;
}): Promise<string | undefined> {
  if (!(await needsSetup(deps.database))) return undefined;
  const code = (randomBytes(16).toString('hex').match(/.{4}/g) ?? []).join('-');
  await settingsRepository(deps.database.db).put(
    `${SETUP_CODE_KEY}${randomUUID()}`,
    hashOf(code),
    deps.clock.now(),
  );
  return code;
}

/** Whether `code` is one an instance printed; every stored code is compared, in constant time. */
export async function isSetupCode(db: Kysely<DatabaseSchema>, code: string): Promise<boolean> {
  const given = Buffer.from(hashOf(code), 'hex');
  let matches = false;
  for (const stored of await settingsRepository(db).startingWith(SETUP_CODE_KEY)) {
    const expected = Buffer.from(stored.value, 'hex');
    if (expected.length === given.length && timingSafeEqual(expected, given)) matches = true;
  }
  return matches;
}

export async function closeSetup(db: Kysely<DatabaseSchema>): Promise<void> {
  await settingsRepository(db).removeStartingWith(SETUP_CODE_KEY);
}

/** Spaces, dashes and case do not matter: people copy codes in pieces. */
function hashOf(code: string): string {
  const normalised = code.toLowerCase().replace(/[^0-9a-f]/g, '');
  return createHash('sha256').update(`accord-setup:${normalised}`).digest('hex');
}
