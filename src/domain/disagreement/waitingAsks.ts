import type { Actor } from '../access/can.ts';
import { type StageDirectory, stagePeople } from '../directory/stagePeople.ts';
import { stageOf } from '../protocol/ladder.ts';
import {
  awaitingConfirmationFrom,
  type CaseRules,
  currentStage,
  type Disagreement,
  minutesAwaited,
  stageLabel,
} from './disagreement.ts';

/** What Waiting for you groups its rows by: what is asked of the person. */
export const waitingGroups = ['confirm', 'stage', 'actions'] as const;
export type WaitingGroup = (typeof waitingGroups)[number];

/** One thing a case asks of a person, in words, with the due time that applies to it. */
export type WaitingAsk = {
  group: WaitingGroup;
  /** "Confirm or reject the proposed outcome", "Act at Stage 2 (…)", "Complete your action: …". */
  action: string;
  /** The stage's due time, or the agreed action's; null where the stage has no timescale. */
  dueAt: string | null;
  /** The agreed action an "actions" ask is about. */
  actionId?: string;
};

/**
 * What an open case asks of a person now: to confirm or reject an outcome their agency has not
 * confirmed, to act at its stage (for their agency's side, or for the partnership at a stage
 * the partnership takes; the minutes of a meeting they chaired), and each agreed action they
 * own that is not done while the case is open or resolved (as the reminders say). Empty when
 * it asks nothing of them.
 */
export function waitingAsks(
  disagreement: Disagreement,
  rules: Pick<CaseRules, 'protocol' | 'ladder' | 'now'>,
  actor: Pick<Actor, 'personId' | 'agencyId'>,
  directory: StageDirectory,
): WaitingAsk[] {
  const asks: WaitingAsk[] = [];
  const current = currentStage(disagreement);
  const stageDue = current?.dueAt ?? null;
  const ladderStage = current ? stageOf(rules.ladder, current.key) : undefined;
  if (actor.agencyId && awaitingConfirmationFrom(disagreement).includes(actor.agencyId)) {
    asks.push({
      group: 'confirm',
      action: 'Confirm or reject the proposed outcome',
      dueAt: stageDue,
    });
  }
  // A minuted meeting held: its chair records the minutes (the protocol says it is minuted).
  if (minutesAwaited(disagreement, rules)?.chairId === actor.personId) {
    asks.push({
      group: 'stage',
      action: 'Record the minutes of the meeting you chaired',
      dueAt: stageDue,
    });
  }
  if (ladderStage && !disagreement.resolution) {
    const acting = stagePeople(disagreement, ladderStage, directory).find((side) =>
      side.people.some((person) => person.id === actor.personId),
    );
    if (acting) {
      const label = stageLabel(rules, ladderStage);
      asks.push({
        group: 'stage',
        action:
          acting.side === 'partnership'
            ? `Take ${label} for the partnership: record or propose an outcome`
            : `Act at ${label}: record, resolve or escalate`,
        dueAt: stageDue,
      });
    }
  }
  // The case itself says which of its actions the person owns. An ended case's cannot be done.
  const actionsOpen = disagreement.status === 'open' || disagreement.status === 'resolved';
  for (const agreed of actionsOpen ? disagreement.actions : []) {
    if (agreed.ownerId !== actor.personId || agreed.completedAt !== null) continue;
    asks.push({
      group: 'actions',
      action: `Complete your action: ${agreed.description}`,
      dueAt: agreed.dueAt,
      actionId: agreed.id,
    });
  }
  return asks;
}
