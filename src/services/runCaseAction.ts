import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { actingAgencyOf, type CaseAccess, can } from '../domain/access/can.ts';
import type { CaseChange } from '../domain/audit/auditActions.ts';
import type { CaseCommand, Outcome } from '../domain/disagreement/actions/caseCommand.ts';
import { type Disagreement, otherSideCanSee } from '../domain/disagreement/disagreement.ts';
import { Conflict, Forbidden, NotAllowedNow } from '../domain/errors.ts';
import { auditCase } from './auditCase.ts';
import { refusalsAudited } from './auditRefusal.ts';
import { standingOn } from './caseAccess.ts';
import type { CaseDeps } from './caseDeps.ts';
import { caseDirectoryFor } from './caseDirectory.ts';
import type { LoadedRules } from './caseRules.ts';
import { type MessageDeps, queueCaseMessages } from './messages/queueMessages.ts';
import { parseInput } from './parseInput.ts';
import type { RequestContext } from './requestContext.ts';
import { loadVisibleCase } from './visibleCase.ts';

type Db = Kysely<DatabaseSchema>;

export type CaseActionRequest<Input> = {
  id: string;
  /** The version of the case the person saw: a change made since is a conflict (409). */
  version: number;
  input: Input;
};

/**
 * The one runner of case actions, in one transaction: find the case (404 unless the person may
 * see it), check the command's ability (403) and the version the person saw (409), check the
 * input against the command's schema (400), apply the command, then save the case, audit it
 * under the command's name and hand its events to the messages they call for.
 */
export async function runCaseAction<Input extends z.ZodType>(
  deps: CaseDeps,
  command: CaseCommand<Input>,
  request: CaseActionRequest<z.input<Input>>,
  context: RequestContext,
): Promise<Disagreement> {
  const now = deps.clock.now();
  const refusal = { caseId: request.id, action: command.name };
  return refusalsAudited(deps, refusal, context, () =>
    deps.database.db.transaction().execute(async (trx) => {
      const { disagreement, rules, access, actor } = await loadVisibleCase(
        trx,
        request.id,
        context,
        now,
      );
      if (!can(actor, command.ability, access)) throw new Forbidden(command.refusal);
      if (disagreement.version !== request.version) {
        throw new Conflict(
          'Someone else changed this disagreement first: look at it again, then make your change',
        );
      }
      if (disagreement.purgedAt) {
        throw new NotAllowedNow(
          'This disagreement’s details were removed under the partnership’s retention policy: it can no longer be changed',
        );
      }
      const input = parseInput(command.input, request.input);
      const directory = await caseDirectoryFor(
        trx,
        disagreement,
        command.needsWholeDirectory ?? false,
      );
      const outcome = command.apply(disagreement, input, {
        rules,
        by: { personId: actor.personId, agencyId: actingAgencyOf(actor, access) },
        directory,
        access,
      });
      return saveChange(trx, deps, context, {
        before: disagreement,
        outcome,
        rules,
        auditAs: command.name,
        actorId: actor.personId,
        accessBefore: access,
      });
    }),
  );
}

/**
 * A changed case saved if nobody changed it since it was read, its index rows written again
 * from the directory, the change audited, and its events' messages queued: the end of every
 * change, whoever (or whatever) made it.
 */
export async function saveChange(
  trx: Db,
  deps: MessageDeps,
  context: RequestContext,
  change: {
    before: Disagreement;
    outcome: Outcome;
    rules: LoadedRules;
    auditAs: CaseChange;
    actorId: string | null;
    accessBefore?: CaseAccess;
  },
): Promise<Disagreement> {
  const next = change.outcome.disagreement;
  const standing = await standingOn(trx, next, change.rules.ladder);
  await disagreementRepository(trx).update(next, change.before.version, {
    otherSideCanSee: otherSideCanSee(next, change.rules.ladder),
    involved: standing.involved,
    calendar: change.rules.calendar,
    protocol: change.rules.protocol,
  });
  await auditCase(trx, context, deps.clock.now(), `disagreement.${change.auditAs}`, next);
  await queueCaseMessages(trx, deps, [
    {
      disagreement: next,
      rules: change.rules,
      events: change.outcome.events,
      actorId: change.actorId,
      standing,
      ...(change.accessBefore ? { accessBefore: change.accessBefore } : {}),
    },
  ]);
  return next;
}
