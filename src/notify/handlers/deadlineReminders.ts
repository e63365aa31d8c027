import { maySee } from '../../domain/access/can.ts';
import { listInWords } from '../../domain/calendar/formatting.ts';
import { stagePeople, whoMayHear } from '../../domain/directory/stagePeople.ts';
import type { EventOf } from '../../domain/disagreement/caseEvents.ts';
import { nextStages, otherSideCanSee, stageLabel } from '../../domain/disagreement/disagreement.ts';
import { stageOf } from '../../domain/protocol/ladder.ts';
import { deadlineMessages } from '../messages.ts';
import { dueText, onCallWords, outOfHours, peopleAt } from './caseWords.ts';
import type { MessageFacts, MessageHandler } from './messageIntent.ts';

// The clock's events (issue 6): a stage's reminder before it is due; once it is overdue, a
// prompt to its people and an alert to the next level's, at the due time and each working day
// at 9am; the same for agreed actions, to their owners. Each occurrence is sent once.

/** Out of hours, where the protocol has an on-call route, the prompts carry it (protocols.md §2). */
function onCallIfOutOfHours(facts: MessageFacts): string | null {
  const { route, contacts } = onCallWords(facts);
  if (!route || !outOfHours(facts)) return null;
  return `${route}${contacts ? ` On call: ${contacts}.` : ''}`;
}

function stageAt(facts: MessageFacts, stageIndex: number) {
  const entered = facts.disagreement.stages[stageIndex];
  const stage = entered && stageOf(facts.rules.ladder, entered.key);
  return entered && stage ? { entered, stage, label: stageLabel(facts.rules, stage) } : null;
}

export const stageReminderDue: MessageHandler<EventOf<'StageReminderDue'>> = (event, facts) => {
  const at = stageAt(facts, event.stageIndex);
  if (!at) return [];
  return [
    {
      kind: 'stageReminder',
      to: peopleAt(facts, at.stage),
      once: { scope: `stage-${event.stageIndex}`, occurrence: event.occurrence },
      message: deadlineMessages.stageReminder({
        ...facts.facts,
        stage: at.label,
        dueText: dueText(facts, at.entered.dueAt) ?? '',
      }),
    },
  ];
};

export const stageOverdue: MessageHandler<EventOf<'StageOverdue'>> = (event, facts) => {
  const at = stageAt(facts, event.stageIndex);
  if (!at) return [];
  const { disagreement, rules } = facts;
  const next = nextStages(disagreement, rules)[0];
  const nextLevel = next
    ? whoMayHear(
        stagePeople(disagreement, next, facts),
        otherSideCanSee(disagreement, rules.ladder),
      ).filter((person) => maySee(person, facts.access))
    : [];
  const due = dueText(facts, at.entered.dueAt) ?? '';
  const onCall = onCallIfOutOfHours(facts);
  const scope = `stage-${event.stageIndex}`;
  return [
    {
      kind: 'stageOverdue',
      to: peopleAt(facts, at.stage),
      once: { scope, occurrence: event.occurrence },
      message: deadlineMessages.stageOverdue({
        ...facts.facts,
        stage: at.label,
        dueText: due,
        nextLevel:
          nextLevel.length > 0 ? listInWords(nextLevel.map((person) => person.name)) : null,
        outOfHours: onCall,
      }),
    },
    ...(next
      ? [
          {
            kind: 'nextLevelAlert' as const,
            to: nextLevel,
            once: { scope: `${scope}-next-level`, occurrence: event.occurrence },
            message: deadlineMessages.nextLevelAlert({
              ...facts.facts,
              stage: at.label,
              dueText: due,
              nextStage: stageLabel(rules, next),
              outOfHours: onCall,
            }),
          },
        ]
      : []),
  ];
};

function actionAt(facts: MessageFacts, actionId: string) {
  const action = facts.disagreement.actions.find((candidate) => candidate.id === actionId);
  return action
    ? {
        action,
        owner: facts.people.filter((person) => person.id === action.ownerId),
        dueText: dueText(facts, action.dueAt) ?? '',
      }
    : null;
}

export const actionReminderDue: MessageHandler<EventOf<'ActionReminderDue'>> = (event, facts) => {
  const at = actionAt(facts, event.actionId);
  if (!at) return [];
  return [
    {
      kind: 'actionReminder',
      to: at.owner,
      once: { scope: `action-${event.actionId}`, occurrence: event.occurrence },
      message: deadlineMessages.actionReminder({ ...facts.facts, dueText: at.dueText }),
    },
  ];
};

export const actionOverdue: MessageHandler<EventOf<'ActionOverdue'>> = (event, facts) => {
  const at = actionAt(facts, event.actionId);
  if (!at) return [];
  return [
    {
      kind: 'actionOverdue',
      to: at.owner,
      once: { scope: `action-${event.actionId}`, occurrence: event.occurrence },
      message: deadlineMessages.actionOverdue({ ...facts.facts, dueText: at.dueText }),
    },
  ];
};
