import type { EventOf } from '../../domain/disagreement/caseEvents.ts';
import { awaitingConfirmationFrom } from '../../domain/disagreement/disagreement.ts';
import { messages } from '../messages.ts';
import { everyone, otherSide, personName } from './caseWords.ts';
import type { MessageHandler } from './messageIntent.ts';
import { lessonsOnClosing } from './partnershipMessages.ts';

/** A proposed outcome: the people of the agencies that must confirm it. */
export const outcomeProposed: MessageHandler = (_event, facts) => {
  const { disagreement } = facts;
  const waiting = awaitingConfirmationFrom(disagreement);
  if (!disagreement.resolution || waiting.length === 0) return [];
  return [
    {
      kind: 'outcomeProposed',
      to: everyone(facts).filter((person) => person.agencyId && waiting.includes(person.agencyId)),
      message: messages.outcomeProposed({
        ...facts.facts,
        proposedBy: personName(facts, disagreement.resolution.proposedBy),
      }),
    },
  ];
};

export const disagreementResolved: MessageHandler = (_event, facts) => [
  { kind: 'resolved', to: everyone(facts), message: messages.resolved(facts.facts) },
];

/** Closed: everyone on it hears; with lessons, the partnership team hears of them too. */
export const disagreementClosed: MessageHandler<EventOf<'DisagreementClosed'>> = (event, facts) => [
  { kind: 'closed', to: everyone(facts), message: messages.closed(facts.facts) },
  ...lessonsOnClosing(event.lessons, facts),
];

/** The other agencies hear of a withdrawal only if they had heard of the disagreement. */
export const disagreementWithdrawn: MessageHandler<{
  type: 'DisagreementWithdrawn';
  otherAgenciesKnew: boolean;
}> = (event, facts) =>
  event.otherAgenciesKnew
    ? [
        {
          kind: 'withdrawn',
          to: otherSide(facts),
          message: messages.withdrawn({
            ...facts.facts,
            withdrawnBy: personName(facts, facts.actorId ?? ''),
          }),
        },
      ]
    : [];
