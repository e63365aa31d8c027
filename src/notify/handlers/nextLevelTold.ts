import type { EventOf } from '../../domain/disagreement/caseEvents.ts';
import { currentStage, nextStages, stageLabel } from '../../domain/disagreement/disagreement.ts';
import { stageOf } from '../../domain/protocol/ladder.ts';
import { deadlineMessages } from '../messages.ts';
import { dueText } from './caseWords.ts';
import type { MessageHandler } from './messageIntent.ts';

/** "Tell the next level now": the people told hear that a speedy response is needed. */
export const nextLevelTold: MessageHandler<EventOf<'NextLevelTold'>> = (event, facts) => {
  const { disagreement, rules } = facts;
  const stage = currentStage(disagreement);
  return [
    {
      kind: 'nextLevelAlert',
      to: facts.people.filter((person) => event.personIds.includes(person.id)),
      toActor: true,
      once: { tag: 'next-level-now' },
      message: deadlineMessages.nextLevelAlert({
        ...facts.facts,
        stage: stageLabel(rules, stage ? stageOf(rules.ladder, stage.key) : undefined),
        dueText: dueText(facts, stage?.dueAt ?? null) ?? 'no set time',
        nextStage: stageLabel(rules, nextStages(disagreement, rules)[0]),
      }),
    },
  ];
};
