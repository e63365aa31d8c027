import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { uniqueOrConflict } from '../db/repositories/uniqueViolation.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { hashPassword } from '../domain/accounts/passwordHash.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { normaliseEmail } from '../domain/directory/directory.ts';
import { Conflict, Invalid } from '../domain/errors.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { type BuiltInProtocolId, builtInProtocolFile } from '../protocols/builtInProtocols.ts';
import { insertPartnership } from './createPartnership.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';
import { closeSetup, isSetupCode, needsSetup } from './setupCode.ts';

export type FirstPartnership = {
  setupCode: string;
  name: string;
  email: string;
  password: string;
} & (
  | { partnershipName: string; protocolId: BuiltInProtocolId }
  /** One made already with `accord partnership create`. */
  | { partnershipId: string }
);

/** The partnerships made before setup (`accord partnership create`), for setup to choose from. */
export async function partnershipsAwaitingSetup(
  database: Database,
): Promise<{ id: string; name: string }[]> {
  if (!(await needsSetup(database))) return [];
  const partnerships = await partnershipRepository(database.db).list();
  return partnerships.map(({ id, name }) => ({ id, name }));
}

/**
 * First run: the first partnership, on a built-in protocol, and its first person, who is
 * both administrator and partnership team; or, when partnerships were made already with
 * `accord partnership create`, that person in one of them and no new partnership. Refused
 * once anyone exists, and without a setup code an instance printed (setupCode.ts). The
 * input is already checked by the setup form.
 */
export async function setUpFirstPartnership(
  deps: { database: Database; clock: Clock },
  input: FirstPartnership,
  context: RequestContext,
): Promise<{ partnershipId: string; personId: string }> {
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const people = peopleRepository(trx);
    if ((await people.count()) > 0) throw new Conflict('Accord is already set up');
    if (!(await isSetupCode(trx, input.setupCode))) {
      throw new Invalid('The setup code is not right', [
        { path: 'setupCode', message: wrongSetupCode },
      ]);
    }
    // A second setup racing this one fails on the key, so only one first person is ever made.
    await uniqueOrConflict(
      trx
        .insertInto('settings')
        .values({ key: 'setup.completed', value: isoInstant(now), updated_at: isoInstant(now) })
        .execute(),
      'Accord is already set up',
    );
    const partnership = await partnershipFor(trx, input, now, context);
    await closeSetup(trx);
    const personId = randomUUID();
    await people.insert(
      {
        id: personId,
        partnershipId: partnership.id,
        name: input.name.trim(),
        email: normaliseEmail(input.email),
        jobTitle: null,
        telephone: null,
        agencyId: null,
        teamId: null,
        regionId: null,
        lineManagerId: null,
        roles: ['admin', 'partnership-team'],
        active: true,
      },
      isoInstant(now),
    );
    await accountRepository(trx).setPasswordHash(personId, passwordHash, isoInstant(now));
    await auditRepository(trx).append(
      auditFacts({ ...context, actor: null }, now, 'setup.completed', {
        type: 'person',
        id: personId,
        partnershipId: partnership.id,
      }),
    );
    return { partnershipId: partnership.id, personId };
  });
}

export const wrongSetupCode = 'Enter the setup code exactly as Accord printed it when it started';

async function partnershipFor(
  trx: Kysely<DatabaseSchema>,
  input: FirstPartnership,
  now: Temporal.Instant,
  context: RequestContext,
): Promise<{ id: string }> {
  const partnerships = partnershipRepository(trx);
  const existing = await partnerships.list();
  if ('partnershipId' in input) {
    const chosen = existing.find((partnership) => partnership.id === input.partnershipId);
    if (!chosen) {
      throw new Invalid('Select the partnership you are setting up', [
        { path: 'partnershipId', message: 'Select the partnership you are setting up' },
      ]);
    }
    return chosen;
  }
  // Made already with the command line: setup joins one, never makes another.
  if (existing.length > 0) {
    throw new Invalid('Select the partnership you are setting up', [
      { path: 'partnershipId', message: 'Select the partnership you are setting up' },
    ]);
  }
  const source = readFileSync(builtInProtocolFile(input.protocolId), 'utf8');
  const check = parseProtocolFile(source);
  if (!check.ok) throw new Error(`built-in protocol ${input.protocolId} is invalid`);
  return insertPartnership(
    trx,
    { name: input.partnershipName.trim(), protocol: check.protocol, source },
    now,
    context,
  );
}
