import type { EventOf } from '../../domain/disagreement/caseEvents.ts';
import { stageLabel } from '../../domain/disagreement/disagreement.ts';
import { messages } from '../messages.ts';
import { latestLadderStage, personName } from './caseWords.ts';
import type { MessageHandler, MessageIntent } from './messageIntent.ts';
import { monitoringTeam, monitoringTeamName } from './monitoringTeam.ts';

/** Told now, at whatever stage: the monitoring team hears who told it (the reason stays on the case). */
export const partnershipTold: MessageHandler<EventOf<'PartnershipTold'>> = (_event, facts) => {
  const told = facts.disagreement.partnershipTold;
  if (!told) return [];
  return [
    {
      kind: 'partnershipTold',
      to: monitoringTeam(facts),
      message: messages.partnershipTold({
        ...facts.facts,
        toldBy: personName(facts, told.by),
        stage: stageLabel(facts.rules, latestLadderStage(facts)),
        monitoringTeam: monitoringTeamName(facts),
      }),
    },
  ];
};

/** New lessons for the learning log: the partnership team hears how many, and where they go. */
function lessonsFor(count: number, facts: Parameters<MessageHandler>[1]): MessageIntent[] {
  if (count === 0) return [];
  return [
    {
      kind: 'lessonsForPartnership',
      to: facts.partnershipTeam,
      message: messages.lessonsForPartnership({
        ...facts.facts,
        count,
        route: facts.rules.protocol.learning.route,
      }),
    },
  ];
}

export const lessonReferred: MessageHandler<EventOf<'LessonReferred'>> = (_event, facts) =>
  lessonsFor(1, facts);

export const lessonsOnClosing = (count: number, facts: Parameters<MessageHandler>[1]) =>
  lessonsFor(count, facts);
