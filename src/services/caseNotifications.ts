import type { Kysely } from 'kysely';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import type { QueuedMessage } from '../db/repositories/outboxRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { formatInstant } from '../domain/calendar/formatting.ts';
import { isoInstant } from '../domain/clock.ts';
import type { Person } from '../domain/directory/directory.ts';
import { safeguardingLeadsOf, stagePeople } from '../domain/directory/stagePeople.ts';
import {
  awaitingConfirmationFrom,
  currentStage,
  type Disagreement,
  otherSideCanSee,
  stageLabel,
} from '../domain/disagreement/disagreement.ts';
import { monitoringFormFor } from '../domain/disagreement/monitoringForm.ts';
import { type LadderStage, stageOf } from '../domain/protocol/ladder.ts';
import { caseFacts, type Message, type MessageKind, messages } from '../notify/messages.ts';
import type { CaseDeps } from './caseDeps.ts';
import { DEFAULT_BASE_URL } from './caseDeps.ts';
import type { LoadedRules } from './caseRules.ts';

/**
 * The messages a change to a case causes (product.md 8, issue 6 "Events and recipients"),
 * worked out from the case before and after the change, to be queued in the same transaction.
 */
export async function caseNotifications(
  db: Kysely<DatabaseSchema>,
  change: {
    before: Disagreement | null;
    after: Disagreement;
    rules: LoadedRules;
    actorId: string;
    baseUrl: string;
  },
): Promise<QueuedMessage[]> {
  const { before, after, rules, actorId } = change;
  const partyAgencies = [after.raiserAgencyId, ...after.otherAgencyIds];
  const people = await peopleRepository(db).inAgencies(partyAgencies);
  const organisations = organisationRepository(db);
  const agencies = await organisations.agencies(after.partnershipId);
  const localAuthority = (await organisations.localAuthorities(after.partnershipId)).find(
    (authority) => authority.id === after.localAuthorityId,
  );
  const byId = new Map(people.map((person) => [person.id, person]));
  const partnershipTeam = await peopleRepository(db).withRole(
    after.partnershipId,
    'partnership-team',
  );
  const agencyName = (id: string) =>
    agencies.find((agency) => agency.id === id)?.name ?? 'an agency';
  const personName = (id: string) => {
    const person = byId.get(id);
    return person ? `${person.name} (${agencyName(person.agencyId ?? '')})` : 'Someone';
  };
  const facts = caseFacts(after, agencyName, change.baseUrl);
  const { caseUrl } = facts;
  const zone = rules.calendar.timeZone;
  const dueText = (iso: string | null) =>
    iso ? formatInstant(Temporal.Instant.from(iso), zone) : null;

  const queued: QueuedMessage[] = [];
  // Routine news may wait for a person's morning summary; urgent and monitoring messages never do.
  const routine = new Set<MessageKind>([
    'raised',
    'stageEntered',
    'outcomeProposed',
    'resolved',
    'closed',
    'withdrawn',
  ]);
  const send = (kind: MessageKind, to: readonly Person[], message: Message) => {
    const seen = new Set<string>();
    for (const person of to) {
      if (!person.active || person.id === actorId || seen.has(person.email)) continue;
      seen.add(person.email);
      queued.push({
        kind,
        dedupeKey: `${after.id}:v${after.version}:${kind}:${person.email}`,
        partnershipId: after.partnershipId,
        disagreementId: after.id,
        personId: person.id,
        recipient: person.email,
        digestible: routine.has(kind) && !after.urgent,
        ...message,
      });
    }
  };
  const sendToAddress = (
    kind: MessageKind,
    address: string | null | undefined,
    message: Message,
  ) => {
    // Without the monitoring team's address, its partnership team hears instead.
    if (!address) {
      send(kind, partnershipTeam, message);
      return;
    }
    queued.push({
      kind,
      dedupeKey: `${after.id}:v${after.version}:${kind}:${address}`,
      partnershipId: after.partnershipId,
      disagreementId: after.id,
      personId: null,
      recipient: address,
      ...message,
    });
  };

  const peopleAt = (stage: LadderStage | undefined, side?: 'raising' | 'other') =>
    stage
      ? stagePeople(after, stage, people)
          .filter((entry) => !side || entry.side === side)
          .flatMap((entry) => entry.people)
      : [];
  const named = (id: string | null) => (id ? [byId.get(id)].filter((p): p is Person => !!p) : []);
  const withManager = (list: Person[]) =>
    list.flatMap((person) => [person, ...named(person.lineManagerId)]);
  const current = currentStage(after);
  const currentLadderStage = current ? stageOf(rules.ladder, current.key) : undefined;
  const otherSide = () => {
    const list = [
      ...withManager(named(after.otherPersonId)),
      ...peopleAt(currentLadderStage, 'other'),
    ];
    if (list.length > 0) return list;
    return safeguardingLeadsOf(people, after.otherAgencyIds);
  };
  const everyone = () => [
    ...named(after.raisedBy),
    ...withManager(named(after.otherPersonId)),
    ...peopleAt(currentLadderStage ?? stageOf(rules.ladder, after.stages.at(-1)?.key ?? '')),
  ];

  // Raised: the other side hears when it may see the case (East Riding: from stage 2).
  const visibleBefore = before ? otherSideCanSee(before, rules.ladder) : false;
  const visibleNow = otherSideCanSee(after, rules.ladder);
  if (!visibleBefore && visibleNow) {
    send(
      'raised',
      otherSide(),
      messages.raised({
        ...facts,
        raisedBy: personName(after.raisedBy),
        stage: stageLabel(rules, currentLadderStage),
        dueText: dueText(current?.dueAt ?? null),
      }),
    );
  }
  if (!before && after.urgent) {
    const leads = safeguardingLeadsOf(people, partyAgencies);
    // Outside working hours the on-call route comes with it (protocols.md §2, "Out of hours").
    const onCall = await organisations.onCallContacts(after.partnershipId);
    const outOfHours = rules.calendar.isWorkingTime(rules.now)
      ? null
      : [
          rules.protocol.outOfHours?.route,
          onCall.length > 0
            ? `On call: ${onCall.map((contact) => `${contact.name}, ${contact.telephone}`).join('; ')}.`
            : null,
        ]
          .filter(Boolean)
          .join(' ') || 'Use your agency’s out-of-hours arrangements.';
    const message = messages.urgentRaised({
      ...facts,
      raisedBy: personName(after.raisedBy),
      outOfHours,
    });
    send('urgentRaised', leads, message);
    if (rules.protocol.urgent.notifyMonitoringTeam) {
      sendToAddress('urgentRaised', localAuthority?.monitoringTeamEmail, message);
    }
  }

  const entered = before && after.stages.length > before.stages.length ? current : null;
  if (entered && currentLadderStage) {
    send(
      'stageEntered',
      peopleAt(currentLadderStage),
      messages.stageEntered({
        ...facts,
        stage: stageLabel(rules, currentLadderStage),
        dueText: dueText(entered.dueAt),
      }),
    );
  }
  if (after.monitoringNotifiedAt && !before?.monitoringNotifiedAt && currentLadderStage) {
    const form = monitoringFormFor(rules);
    const team = localAuthority?.monitoringTeamName ?? rules.protocol.terms.monitoringTeam;
    sendToAddress(
      'monitoringStageEntered',
      localAuthority?.monitoringTeamEmail,
      messages.monitoringStageEntered({
        ...facts,
        stage: stageLabel(rules, currentLadderStage),
        monitoringTeam: team,
        formUrl: form ? `${caseUrl}/monitoring-form` : null,
      }),
    );
    if (currentLadderStage.onEntry.tellOtherAgencyFirst) {
      const escalator = byId.get(actorId);
      if (escalator) {
        queued.push({
          kind: 'tellOtherAgencyFirst',
          dedupeKey: `${after.id}:v${after.version}:tellOtherAgencyFirst:${escalator.email}`,
          partnershipId: after.partnershipId,
          disagreementId: after.id,
          personId: escalator.id,
          recipient: escalator.email,
          ...messages.tellOtherAgencyFirst({
            ...facts,
            stage: stageLabel(rules, currentLadderStage),
            monitoringTeam: team,
          }),
        });
      }
    }
  }

  if (after.resolution && !before?.resolution && after.status === 'open') {
    const waiting = awaitingConfirmationFrom(after);
    send(
      'outcomeProposed',
      everyone().filter((person) => person.agencyId && waiting.includes(person.agencyId)),
      messages.outcomeProposed({ ...facts, proposedBy: personName(after.resolution.proposedBy) }),
    );
  }
  if (before?.status === 'open' && after.status === 'resolved') {
    send('resolved', everyone(), messages.resolved(facts));
  }
  if (before?.status === 'resolved' && after.status === 'closed') {
    send('closed', everyone(), messages.closed(facts));
  }
  // The other side hears of a withdrawal only if it had heard of the disagreement.
  if (before?.status === 'open' && after.status === 'withdrawn' && visibleBefore) {
    send(
      'withdrawn',
      otherSide(),
      messages.withdrawn({ ...facts, withdrawnBy: personName(actorId) }),
    );
  }
  return queued;
}

/** The messages a change causes, queued in the change's own transaction (the outbox). */
export async function queueNotifications(
  db: Kysely<DatabaseSchema>,
  deps: CaseDeps,
  change: Omit<Parameters<typeof caseNotifications>[1], 'baseUrl'>,
): Promise<void> {
  if (deps.quiet) return;
  const queued = await caseNotifications(db, {
    ...change,
    baseUrl: deps.baseUrl ?? DEFAULT_BASE_URL,
  });
  await outboxRepository(db).enqueue(queued, isoInstant(deps.clock.now()));
}
