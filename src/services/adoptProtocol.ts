import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { canInPartnership } from '../domain/access/can.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { protocolOrInvalid } from '../domain/protocol/validateProtocol.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

/** Makes a protocol file the partnership's protocol in force, as a new version; open cases keep theirs. */
export async function adoptProtocol(
  deps: { database: Database; clock: Clock },
  input: { partnershipId: string; protocolSource: string; reason?: string },
  context: RequestContext,
): Promise<{ version: number; name: string }> {
  if (context.actor && !canInPartnership(context.actor, 'manage-protocol', input.partnershipId)) {
    throw new Forbidden('Only the partnership team can change its protocol');
  }
  const protocol = protocolOrInvalid(input.protocolSource);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const partnerships = partnershipRepository(trx);
    if (!(await partnerships.get(input.partnershipId)))
      throw new NotFound('There is no such partnership');
    const version = await partnerships.addProtocolVersion({
      id: randomUUID(),
      partnershipId: input.partnershipId,
      protocolId: protocol.id,
      name: protocol.name,
      source: input.protocolSource,
      adoptedAt: isoInstant(now),
      adoptedBy: context.actor?.personId ?? null,
      reason: input.reason ?? null,
    });
    await auditRepository(trx).append(
      auditFacts(context, now, 'protocol.adopted', {
        type: 'partnership',
        id: input.partnershipId,
        partnershipId: input.partnershipId,
      }),
    );
    return { version, name: protocol.name };
  });
}
