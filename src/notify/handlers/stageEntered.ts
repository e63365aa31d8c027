import type { EventOf } from '../../domain/disagreement/caseEvents.ts';
import { stageLabel } from '../../domain/disagreement/disagreement.ts';
import { stageOf } from '../../domain/protocol/ladder.ts';
import { messages } from '../messages.ts';
import { dueText, peopleAt } from './caseWords.ts';
import type { MessageHandler } from './messageIntent.ts';

/** An escalation: the people the protocol names for the new stage. Raising has its own news. */
export const stageEntered: MessageHandler<EventOf<'StageEntered'>> = (event, facts) => {
  const entered = facts.disagreement.stages[event.stageIndex];
  const stage = entered && stageOf(facts.rules.ladder, entered.key);
  if (event.stageIndex === 0 || !entered || !stage) return [];
  return [
    {
      kind: 'stageEntered',
      to: peopleAt(facts, stage),
      message: messages.stageEntered({
        ...facts.facts,
        stage: stageLabel(facts.rules, stage),
        dueText: dueText(facts, entered.dueAt),
      }),
    },
  ];
};
