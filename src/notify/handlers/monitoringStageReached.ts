import type { EventOf } from '../../domain/disagreement/caseEvents.ts';
import { stageLabel } from '../../domain/disagreement/disagreement.ts';
import { monitoringFormFor } from '../../domain/disagreement/monitoringForm.ts';
import { stageOf } from '../../domain/protocol/ladder.ts';
import { messages } from '../messages.ts';
import { named } from './caseWords.ts';
import type { MessageHandler, MessageIntent } from './messageIntent.ts';
import { monitoringTeam, monitoringTeamName } from './monitoringTeam.ts';

/**
 * The protocol's monitoring stage: the monitoring team is told, with the monitoring form's link,
 * and the escalating person is reminded to tell the other agency first where the protocol asks.
 */
export const monitoringStageReached: MessageHandler<EventOf<'MonitoringStageReached'>> = (
  event,
  facts,
) => {
  const { disagreement, rules } = facts;
  const entered = disagreement.stages[event.stageIndex];
  const stage = entered && stageOf(rules.ladder, entered.key);
  if (!stage) return [];
  const label = stageLabel(rules, stage);
  const team = monitoringTeamName(facts);
  const intents: MessageIntent[] = [
    {
      kind: 'monitoringStageEntered',
      to: monitoringTeam(facts),
      message: messages.monitoringStageEntered({
        ...facts.facts,
        stage: label,
        monitoringTeam: team,
        formUrl: monitoringFormFor(rules) ? `${facts.facts.caseUrl}/monitoring-form` : null,
      }),
    },
  ];
  if (stage.onEntry.tellOtherAgencyFirst) {
    intents.push({
      kind: 'tellOtherAgencyFirst',
      to: named(facts, facts.actorId),
      toActor: true,
      message: messages.tellOtherAgencyFirst({
        ...facts.facts,
        stage: label,
        monitoringTeam: team,
      }),
    });
  }
  return intents;
};
