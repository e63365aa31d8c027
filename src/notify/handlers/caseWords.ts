import { formatInstant } from '../../domain/calendar/formatting.ts';
import type { Person } from '../../domain/directory/directory.ts';
import { safeguardingLeadsOf, stagePeople } from '../../domain/directory/stagePeople.ts';
import { currentStage } from '../../domain/disagreement/disagreement.ts';
import { type LadderStage, stageOf } from '../../domain/protocol/ladder.ts';
import type { MessageFacts } from './messageIntent.ts';

// What several handlers say or ask of a case: names, due times in words, and who stands where.

export function agencyName(facts: MessageFacts, id: string | null): string {
  return facts.agencies.find((agency) => agency.id === id)?.name ?? 'an agency';
}

/** "Pat Example (Northfield School)", or "Sam Example (the partnership team)". */
export function personName(facts: MessageFacts, id: string): string {
  const person = facts.people.find((candidate) => candidate.id === id);
  if (person?.agencyId) return `${person.name} (${agencyName(facts, person.agencyId)})`;
  const ofTeam = facts.partnershipTeam.find((candidate) => candidate.id === id);
  if (ofTeam) return `${ofTeam.name} (the partnership team)`;
  return person?.name ?? 'Someone';
}

export function dueText(facts: MessageFacts, iso: string | null): string | null {
  return iso ? formatInstant(Temporal.Instant.from(iso), facts.rules.calendar.timeZone) : null;
}

export function named(facts: MessageFacts, id: string | null): Person[] {
  const person = id ? facts.people.find((candidate) => candidate.id === id) : undefined;
  return person ? [person] : [];
}

export function withManager(facts: MessageFacts, people: readonly Person[]): Person[] {
  return people.flatMap((person) => [person, ...named(facts, person.lineManagerId)]);
}

/** The stage the case is at now, or last was. */
export function latestLadderStage(facts: MessageFacts): LadderStage | undefined {
  const { disagreement, rules } = facts;
  const stage = currentStage(disagreement) ?? disagreement.stages.at(-1);
  return stage ? stageOf(rules.ladder, stage.key) : undefined;
}

export function peopleAt(
  facts: MessageFacts,
  stage: LadderStage | undefined,
  side?: 'raising' | 'other',
): Person[] {
  return stage
    ? stagePeople(facts.disagreement, stage, facts)
        .filter((entry) => !side || entry.side === side)
        .flatMap((entry) => entry.people)
    : [];
}

/** The other agencies' people: the named professional and their manager, and the stage's. */
export function otherSide(facts: MessageFacts): Person[] {
  const { disagreement } = facts;
  const current = currentStage(disagreement);
  const stage = current ? stageOf(facts.rules.ladder, current.key) : undefined;
  const people = [
    ...withManager(facts, named(facts, disagreement.otherPersonId)),
    ...peopleAt(facts, stage, 'other'),
  ];
  return people.length > 0
    ? people
    : safeguardingLeadsOf(facts.people, disagreement.otherAgencyIds);
}

/** Everyone the case's news goes to: the raiser, the other professional, the stage's people. */
export function everyone(facts: MessageFacts): Person[] {
  const { disagreement } = facts;
  return [
    ...named(facts, disagreement.raisedBy),
    ...withManager(facts, named(facts, disagreement.otherPersonId)),
    ...peopleAt(facts, latestLadderStage(facts)),
  ];
}

/** Outside working hours, the protocol's on-call route and the partnership's contacts. */
export function onCallWords(facts: MessageFacts): {
  route: string | null;
  contacts: string | null;
} {
  const contacts = facts.onCall.map((contact) => `${contact.name}, ${contact.telephone}`);
  return {
    route: facts.rules.protocol.outOfHours?.route ?? null,
    contacts: contacts.length > 0 ? contacts.join('; ') : null,
  };
}

export function outOfHours(facts: MessageFacts): boolean {
  return !facts.rules.calendar.isWorkingTime(facts.now);
}
