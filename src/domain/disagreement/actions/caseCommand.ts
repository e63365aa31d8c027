import type { z } from 'zod';
import type { CaseAccess, CaseAction } from '../../access/can.ts';
import type { CaseChange } from '../../audit/auditActions.ts';
import { isoInstant } from '../../clock.ts';
import type { Agency, MeetingPlace, Person } from '../../directory/directory.ts';
import { NotAllowedNow } from '../../errors.ts';
import type { LadderStage } from '../../protocol/ladder.ts';
import type { CaseStage, Disagreement, HistoryEntry } from '../caseDocument.ts';
import type { CaseEvent } from '../caseEvents.ts';
import { type CaseRules, dueOf, otherSideCanSee, stageLabel, storedDue } from '../disagreement.ts';

/**
 * A case action as a command (docs/architecture.md, "Case actions"): its name, which is what
 * the audit log says it did; the ability can() must grant; its input as a zod schema; and a
 * pure apply that returns the changed case and the events it caused, or throws Invalid (the
 * request is wrong) or NotAllowedNow (not in this state). One runner
 * (services/runCaseAction.ts) does the rest.
 */
export type CaseCommand<Input extends z.ZodType = z.ZodType> = {
  /** Past tense, as the audit log and the timeline say it: "escalated". */
  name: CaseChange;
  ability: CaseAction;
  /** What a person who may see the case but not do this is told (403). */
  refusal: string;
  input: Input;
  /** Whether apply needs every person of the partnership, not only the party agencies'. */
  needsWholeDirectory?: boolean;
  apply(disagreement: Disagreement, input: z.output<Input>, context: CommandContext): Outcome;
};

/** A command, typed by its input schema. */
export function caseCommand<Input extends z.ZodType>(
  command: CaseCommand<Input>,
): CaseCommand<Input> {
  return command;
}

/** Who acts: the person, and the party agency they act for in this case (null if none). */
export type Acting = { personId: string; agencyId: string | null };

/** The people and agencies a command may need to check its input against. */
export type CaseDirectory = {
  people: readonly Person[];
  agencies: readonly Agency[];
  /** The partnership's meeting places (read with the whole directory; else none). */
  meetingPlaces: readonly MeetingPlace[];
};

export type CommandContext = {
  rules: CaseRules;
  by: Acting;
  directory: CaseDirectory;
  /** How people stand to the case before the change, for who may be told of it. */
  access: CaseAccess;
};

export type Outcome = { disagreement: Disagreement; events: CaseEvent[] };

/** The case with its changes, one version on. */
export function changed(
  disagreement: Disagreement,
  rules: CaseRules,
  changes: Partial<Disagreement>,
): Disagreement {
  return {
    ...disagreement,
    ...changes,
    version: disagreement.version + 1,
    updatedAt: isoInstant(rules.now),
  };
}

export function withHistory(disagreement: Disagreement, entry: HistoryEntry): HistoryEntry[] {
  return [...disagreement.history, entry];
}

/** The open stage, or NotAllowedNow for a case that is not open. */
export function openStage(disagreement: Disagreement, doing: string): CaseStage {
  const stage = disagreement.stages.at(-1);
  if (disagreement.status !== 'open' || !stage || stage.endedAt !== null) {
    throw new NotAllowedNow(`You cannot ${doing} a disagreement that is ${disagreement.status}`);
  }
  return stage;
}

export function notEnded(disagreement: Disagreement, doing: string): void {
  if (disagreement.status === 'closed' || disagreement.status === 'withdrawn') {
    throw new NotAllowedNow(`You cannot ${doing} a disagreement that is ${disagreement.status}`);
  }
}

export function notInFuture(at: string, rules: CaseRules, what: string, field: string): void {
  if (Temporal.Instant.compare(Temporal.Instant.from(at), rules.now) > 0) {
    throw new NotAllowedNow(`${what} cannot be in the future`, { field });
  }
}

export function notBefore(at: string, earliest: string, message: string, field: string): void {
  if (Temporal.Instant.compare(Temporal.Instant.from(at), Temporal.Instant.from(earliest)) < 0) {
    throw new NotAllowedNow(message, { field });
  }
}

/**
 * The case entering a stage (at raising, or on escalation), with the timeline's entry for it:
 * its due time worked out and kept with its reasons, and the events entering causes: the stage
 * itself, the other agencies told when they may first see the case, and the monitoring team
 * told at the protocol's stage.
 */
export function enterStage(
  disagreement: Disagreement,
  target: LadderStage,
  entry: {
    at: string;
    by: string;
    reason: string | null;
    writtenAccount: string | null;
    history: HistoryEntry;
  },
  rules: CaseRules,
): Outcome {
  const seenBefore = disagreement.stages.length > 0 && otherSideCanSee(disagreement, rules.ladder);
  const entered: CaseStage = {
    key: target.key,
    startedAt: entry.at,
    dueAt: null,
    dueReasons: null,
    endedAt: null,
    outcome: null,
    enteredBy: entry.by,
    reason: entry.reason,
    writtenAccount: entry.writtenAccount,
  };
  const stages = [...disagreement.stages, entered];
  const due = storedDue(dueOf({ ...disagreement, stages }, rules, target.key, entry.at));
  stages[stages.length - 1] = { ...entered, ...due };
  let next: Disagreement = {
    ...disagreement,
    stages,
    history: withHistory(disagreement, entry.history),
  };
  const stageIndex = stages.length - 1;
  const events: CaseEvent[] = [{ type: 'StageEntered', stageIndex }];
  if (!seenBefore && otherSideCanSee(next, rules.ladder)) {
    events.push({ type: 'OtherAgenciesInvolved' });
  }
  if (target.onEntry.notifyMonitoringTeam && !next.monitoringNotifiedAt) {
    const at = isoInstant(rules.now);
    next = {
      ...next,
      monitoringNotifiedAt: at,
      history: withHistory(next, {
        at,
        kind: 'monitoring-notified',
        personId: entry.by,
        text: `The ${rules.protocol.terms.monitoringTeam} is to be told: the case reached ${stageLabel(rules, target)}`,
      }),
    };
    events.push({ type: 'MonitoringStageReached', stageIndex });
  }
  return { disagreement: next, events };
}
