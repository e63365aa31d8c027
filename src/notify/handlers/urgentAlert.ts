import { safeguardingLeadsOf } from '../../domain/directory/stagePeople.ts';
import { partyAgencyIds } from '../../domain/disagreement/disagreement.ts';
import { messages } from '../messages.ts';
import { onCallWords, outOfHours, personName } from './caseWords.ts';
import type { MessageHandler, MessageIntent } from './messageIntent.ts';
import { monitoringTeam } from './monitoringTeam.ts';

/**
 * An urgent case, as it is raised: the safeguarding leads of the agencies in it who may see it
 * (East Riding's stage 1 is the raising agency's alone), and the monitoring team where the
 * protocol says so; outside working hours with the on-call route (protocols.md §2).
 */
export const urgentAlert: MessageHandler = (_event, facts) => {
  const { disagreement, rules } = facts;
  if (!disagreement.urgent) return [];
  const { route, contacts } = onCallWords(facts);
  const onCall = outOfHours(facts)
    ? [route, contacts ? `On call: ${contacts}.` : null].filter(Boolean).join(' ') ||
      'Use your agency’s out-of-hours arrangements.'
    : null;
  const message = messages.urgentRaised({
    ...facts.facts,
    raisedBy: personName(facts, disagreement.raisedBy),
    outOfHours: onCall,
  });
  const intents: MessageIntent[] = [
    {
      kind: 'urgentRaised',
      to: safeguardingLeadsOf(facts.people, partyAgencyIds(disagreement)),
      message,
    },
  ];
  if (rules.protocol.urgent.notifyMonitoringTeam) {
    intents.push({ kind: 'urgentRaised', to: monitoringTeam(facts), message });
  }
  return intents;
};
