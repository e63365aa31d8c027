import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import {
  REFERENCE_PREFIX_PATTERN,
  uniqueReferencePrefix,
} from '../domain/directory/referencePrefix.ts';
import { Conflict, Invalid } from '../domain/errors.ts';
import type { Protocol } from '../domain/protocol/protocolSchema.ts';
import { protocolOrInvalid } from '../domain/protocol/validateProtocol.ts';
import { workingTimeOf } from '../domain/protocol/workingTimeOf.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type NewPartnership = {
  name: string;
  protocolSource: string;
  /** Starts its case references; by default one its name suggests that no other partnership has. */
  referencePrefix?: string | undefined;
};

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
  const protocol = protocolOrInvalid(input.protocolSource);
  const referencePrefix = input.referencePrefix?.trim().toUpperCase();
  if (referencePrefix !== undefined && !REFERENCE_PREFIX_PATTERN.test(referencePrefix)) {
    throw new Invalid('The reference prefix is not one Accord can use', [
      {
        path: 'referencePrefix',
        message: 'must be 2 to 8 capital letters and digits, starting with a letter',
      },
    ]);
  }
  const now = deps.clock.now();
  return deps.database.db
    .transaction()
    .execute((trx) =>
      insertPartnership(
        trx,
        { name, protocol: protocol, source: input.protocolSource, referencePrefix },
        now,
        context,
      ),
    );
}

/** Adds a partnership and its protocol version 1 inside the caller's transaction. */
export async function insertPartnership(
  trx: Kysely<DatabaseSchema>,
  input: { name: string; protocol: Protocol; source: string; referencePrefix?: string | undefined },
  now: Temporal.Instant,
  context: RequestContext,
): Promise<{ id: string; protocolVersion: number }> {
  const partnerships = partnershipRepository(trx);
  if (await partnerships.nameTaken(input.name)) {
    throw new Conflict(`There is already a partnership called ${input.name}`);
  }
  const prefixes = await partnerships.referencePrefixes();
  if (input.referencePrefix && prefixes.has(input.referencePrefix)) {
    throw new Conflict(`Another partnership's case references start ${input.referencePrefix}`);
  }
  const id = randomUUID();
  await partnerships.insert({
    id,
    name: input.name,
    referencePrefix: input.referencePrefix ?? uniqueReferencePrefix(input.name, prefixes),
    workingTime: workingTimeOf(input.protocol),
    reminderWorkingDays: 1,
    createdAt: isoInstant(now),
  });
  const protocolVersion = await partnerships.addProtocolVersion({
    id: randomUUID(),
    partnershipId: id,
    protocolId: input.protocol.id,
    name: input.protocol.name,
    source: input.source,
    adoptedAt: isoInstant(now),
    adoptedBy: context.actor?.personId ?? null,
    reason: null,
  });
  const audit = auditRepository(trx);
  const record = { type: 'partnership', id, partnershipId: id };
  await audit.append(auditFacts(context, now, 'partnership.created', record));
  await audit.append(auditFacts(context, now, 'protocol.adopted', record));
  return { id, protocolVersion };
}
