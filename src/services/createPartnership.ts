import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Conflict, Invalid } from '../domain/errors.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { workingTimeOf } from '../domain/protocol/workingTimeOf.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type NewPartnership = { name: string; protocolSource: string };

/** A new partnership on a protocol file, adopted as its version 1; the file sets its working time. */
export async function createPartnership(
  deps: { database: Database; clock: Clock },
  input: NewPartnership,
  context: RequestContext,
): Promise<{ id: string; protocolVersion: number }> {
  const name = input.name.trim();
  if (!name)
    throw new Invalid('Enter the partnership’s name', [
      { path: 'name', message: 'Enter the partnership’s name' },
    ]);
  const check = parseProtocolFile(input.protocolSource);
  if (!check.ok) {
    throw new Invalid(
      'The protocol file has problems',
      check.problems.map((p) => ({ path: `protocol.${p.path}`, message: p.message })),
    );
  }
  const now = deps.clock.now();
  const id = randomUUID();
  return deps.database.db.transaction().execute(async (trx) => {
    const partnerships = partnershipRepository(trx);
    if (await partnerships.nameTaken(name))
      throw new Conflict(`There is already a partnership called ${name}`);
    await partnerships.insert({
      id,
      name,
      workingTime: workingTimeOf(check.protocol),
      createdAt: isoInstant(now),
    });
    const protocolVersion = await partnerships.addProtocolVersion({
      id: randomUUID(),
      partnershipId: id,
      protocolId: check.protocol.id,
      name: check.protocol.name,
      source: input.protocolSource,
      adoptedAt: isoInstant(now),
      adoptedBy: context.actor?.personId ?? null,
    });
    const audit = auditRepository(trx);
    await audit.append(
      auditFacts(context, now, 'partnership.created', {
        type: 'partnership',
        id,
        partnershipId: id,
      }),
    );
    await audit.append(
      auditFacts(context, now, 'protocol.adopted', { type: 'partnership', id, partnershipId: id }),
    );
    return { id, protocolVersion };
  });
}
