import { currentStage, stageLabel } from '../../domain/disagreement/disagreement.ts';
import { stageOf } from '../../domain/protocol/ladder.ts';
import { messages } from '../messages.ts';
import { dueText, otherSide, personName } from './caseWords.ts';
import type { MessageHandler } from './messageIntent.ts';

/** The other agencies hear of the disagreement when they may first see it (East Riding: stage 2). */
export const raisedWithOtherAgencies: MessageHandler = (_event, facts) => {
  const { disagreement, rules } = facts;
  const current = currentStage(disagreement);
  return [
    {
      kind: 'raised',
      to: otherSide(facts),
      message: messages.raised({
        ...facts.facts,
        raisedBy: personName(facts, disagreement.raisedBy),
        stage: stageLabel(rules, current ? stageOf(rules.ladder, current.key) : undefined),
        dueText: dueText(facts, current?.dueAt ?? null),
      }),
    },
  ];
};
