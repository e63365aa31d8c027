import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../db/database.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { hashPassword } from '../domain/accounts/passwordHash.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { normaliseEmail } from '../domain/directory/directory.ts';
import { Conflict } from '../domain/errors.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { type BuiltInProtocolId, builtInProtocolFile } from '../protocols/builtInProtocols.ts';
import { insertPartnership } from './createPartnership.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type FirstPartnership = {
  partnershipName: string;
  protocolId: BuiltInProtocolId;
  name: string;
  email: string;
  password: string;
};

/** Whether the service still needs its first-run setup: nobody exists yet. */
export async function needsSetup(database: Database): Promise<boolean> {
  return (await peopleRepository(database.db).count()) === 0;
}

/**
 * First run: the first partnership, on a built-in protocol, and its first person, who is
 * both administrator and partnership team. Refused once anyone exists. The input is
 * already checked by the setup form.
 */
export async function setUpFirstPartnership(
  deps: { database: Database; clock: Clock },
  input: FirstPartnership,
  context: RequestContext,
): Promise<{ partnershipId: string; personId: string }> {
  const source = readFileSync(builtInProtocolFile(input.protocolId), 'utf8');
  const check = parseProtocolFile(source);
  if (!check.ok) throw new Error(`built-in protocol ${input.protocolId} is invalid`);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const people = peopleRepository(trx);
    if ((await people.count()) > 0) throw new Conflict('Accord is already set up');
    // A second setup racing this one fails on the key, so only one first person is ever made.
    await trx
      .insertInto('settings')
      .values({ key: 'setup.completed', value: isoInstant(now), updated_at: isoInstant(now) })
      .execute();
    const partnership = await insertPartnership(
      trx,
      { name: input.partnershipName.trim(), protocol: check.protocol, source },
      now,
      context,
    );
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
