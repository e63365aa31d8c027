import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { auditRepository } from '../../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../../db/repositories/partnershipRepository.ts';
import { retentionRepository } from '../../db/repositories/retentionRepository.ts';
import { canInPartnership } from '../../domain/access/can.ts';
import { type Clock, isoInstant } from '../../domain/clock.ts';
import { Forbidden, NotFound } from '../../domain/errors.ts';
import { retentionCutoff, retentionMonthsSchema } from '../../domain/retention/retentionPeriod.ts';
import { parseInput } from '../parseInput.ts';
import { auditFacts, type RequestContext } from '../requestContext.ts';

type Deps = { database: Database; clock: Clock };

function teamPartnership(context: RequestContext): string {
  const actor = context.actor;
  if (!actor?.partnershipId || !canInPartnership(actor, 'manage-directory', actor.partnershipId)) {
    throw new Forbidden('Only the partnership team can set the retention period');
  }
  return actor.partnershipId;
}

/** The partnership's retention period, and how many cases its next run will purge. */
export async function retentionSettings(
  deps: Deps,
  _input: Record<string, never>,
  context: RequestContext,
): Promise<{ months: number; purgedNext: number }> {
  const partnershipId = teamPartnership(context);
  const partnership = await partnershipRepository(deps.database.db).get(partnershipId);
  const retention = retentionRepository(deps.database.db);
  const months = await retention.periodOf(partnershipId);
  if (!partnership || months === undefined) throw new NotFound('There is no such partnership');
  const cutoff = retentionCutoff(deps.clock.now(), months, partnership.workingTime.timeZone);
  return {
    months,
    purgedNext: await retention.countPastPeriod(partnershipId, isoInstant(cutoff)),
  };
}

/** Sets how many months after a case ended its details are kept; audited. */
export async function setRetentionPeriod(
  deps: Deps,
  input: { months: unknown },
  context: RequestContext,
): Promise<void> {
  const partnershipId = teamPartnership(context);
  const { months } = parseInput(z.strictObject({ months: retentionMonthsSchema }), input);
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    await retentionRepository(trx).setPeriod(partnershipId, months);
    await auditRepository(trx).append(
      auditFacts(context, now, 'retention-period.changed', {
        type: 'partnership',
        id: partnershipId,
        partnershipId,
      }),
    );
  });
}
