import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { canInPartnership } from '../domain/access/can.ts';
import {
  describeWorkingTimeChange,
  workingTimeChanged,
} from '../domain/calendar/describeWorkingTimeChange.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Forbidden, NotFound } from '../domain/errors.ts';
import { protocolToYaml } from '../domain/protocol/protocolYaml.ts';
import { protocolOrInvalid } from '../domain/protocol/validateProtocol.ts';
import { workingTimeOf } from '../domain/protocol/workingTimeOf.ts';
import { applyProtocolLevels } from './applyProtocolLevels.ts';
import { reprojectOpenCases } from './reprojectOpenCases.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type AdoptedProtocol = {
  version: number;
  name: string;
  /** The version number the file itself states (the adopted `version` unless `renumber`). */
  statedVersion: number;
  /** Whether the file's calendar changed the partnership's working time. */
  workingTimeChanged: boolean;
  /** What it changed, in words ("Working hours changed from 9am to 5pm to …"); '' if nothing. */
  workingTimeChange: string;
  /** How many open cases' current stages are now due at another time. */
  reprojected: number;
};

/**
 * Makes a protocol file the partnership's protocol in force, as a new version, with why it was
 * adopted; open cases keep their version. The file's calendar (bank holidays, time zone,
 * working hours and weekdays) becomes the partnership's working time, keeping the closure days
 * it added; where that changes anything, open stages are due again under it, each case saying
 * why (as a change on the directory's working-time page does). The one way a protocol is
 * adopted: the command line and the browser's editor both call it. With `renumber`, the file
 * stored says the version number it is given; inside `within`, a transaction the caller holds
 * (the editor deletes the draft in the same one).
 */
export async function adoptProtocol(
  deps: { database: Database; clock: Clock; baseUrl?: string | undefined },
  input: {
    partnershipId: string;
    protocolSource: string;
    reason?: string | undefined;
    renumber?: boolean;
  },
  context: RequestContext,
  within?: Kysely<DatabaseSchema>,
): Promise<AdoptedProtocol> {
  if (context.actor && !canInPartnership(context.actor, 'manage-protocol', input.partnershipId)) {
    throw new Forbidden('Only the partnership team can change its protocol');
  }
  const protocol = protocolOrInvalid(input.protocolSource);
  const now = deps.clock.now();
  const inTransaction = <T>(work: (trx: Kysely<DatabaseSchema>) => Promise<T>) =>
    within ? work(within) : deps.database.db.transaction().execute(work);
  return inTransaction(async (trx) => {
    const partnerships = partnershipRepository(trx);
    const partnership = await partnerships.getToChange(input.partnershipId);
    if (!partnership) throw new NotFound('There is no such partnership');
    const next = ((await partnerships.protocolVersion(input.partnershipId))?.version ?? 0) + 1;
    const source = input.renumber
      ? protocolToYaml({ ...protocol, version: next })
      : input.protocolSource;
    const version = await partnerships.addProtocolVersion({
      id: randomUUID(),
      partnershipId: input.partnershipId,
      protocolId: protocol.id,
      name: protocol.name,
      source,
      adoptedAt: isoInstant(now),
      adoptedBy: context.actor?.personId ?? null,
      reason: input.reason?.trim() || null,
    });
    const audit = auditRepository(trx);
    const record = {
      type: 'partnership',
      id: input.partnershipId,
      partnershipId: input.partnershipId,
    };
    await audit.append(auditFacts(context, now, 'protocol.adopted', record));
    await applyProtocolLevels(
      trx,
      { partnershipId: input.partnershipId, levels: protocol.levels, now },
      context,
    );

    const before = partnership.workingTime;
    const after = { ...workingTimeOf(protocol), closureDays: before.closureDays ?? [] };
    const changed = workingTimeChanged(before, after);
    const change = changed ? describeWorkingTimeChange(before, after) : '';
    let reprojected = 0;
    if (changed) {
      await partnerships.setWorkingTime(input.partnershipId, {
        region: after.region,
        timeZone: after.timeZone,
        workingHours: after.workingHours,
        workingWeekdays: after.workingWeekdays ?? [1, 2, 3, 4, 5],
      });
      await audit.append(auditFacts(context, now, 'working-time.changed', record));
      reprojected = await reprojectOpenCases(trx, deps, input.partnershipId, before, context);
    }
    return {
      version,
      name: protocol.name,
      statedVersion: input.renumber ? version : protocol.version,
      workingTimeChanged: changed,
      workingTimeChange: change,
      reprojected,
    };
  });
}
