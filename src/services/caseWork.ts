import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import {
  type CaseVisibility,
  disagreementRepository,
  type InvolvedPerson,
} from '../db/repositories/disagreementRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { type Actor, type CaseAccess, type CaseAction, can } from '../domain/access/can.ts';
import { type WorkingCalendar, workingCalendarFor } from '../domain/calendar/workingCalendar.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import type { Partnership } from '../domain/directory/directory.ts';
import { stagePeople } from '../domain/directory/stagePeople.ts';
import {
  type CaseRules,
  type Disagreement,
  meetingsOf,
  otherSideCanSee,
} from '../domain/disagreement/disagreement.ts';
import { Conflict, Forbidden, NotFound } from '../domain/errors.ts';
import { type Ladder, ladderFor, stageOf } from '../domain/protocol/ladder.ts';
import type { Protocol } from '../domain/protocol/protocolSchema.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { caseNotifications } from './caseNotifications.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// What every use case on a case shares: the protocol version and calendar it runs on, who
// stands where on it, finding it (404 unless the person may see it), and saving a change
// with its audit entry in one transaction, refused if someone else changed it first.

export type CaseDeps = {
  database: Database;
  clock: Clock;
  /** Where Accord is served, for links in messages. */
  baseUrl?: string;
  /** Queue no messages: for loading cases that happened in the past (the demo data set). */
  quiet?: boolean;
};

export const DEFAULT_BASE_URL = 'http://localhost:3000';
type Db = Kysely<DatabaseSchema>;

const protocols = new Map<string, Protocol>();
const calendars = new Map<string, WorkingCalendar>();

/** A stored protocol version never changes, so it is read once per process. */
export async function protocolOf(db: Db, partnershipId: string, version?: number) {
  const stored = await partnershipRepository(db).protocolVersion(partnershipId, version);
  if (!stored) throw new NotFound('There is no such partnership');
  const key = `${partnershipId}:${stored.version}`;
  let protocol = protocols.get(key);
  if (!protocol) {
    const check = parseProtocolFile(stored.source);
    if (!check.ok) throw new Error(`stored protocol ${key} no longer reads`);
    protocol = check.protocol;
    protocols.set(key, protocol);
  }
  return { version: stored.version, protocol };
}

export function calendarOf(partnership: Partnership): WorkingCalendar {
  const key = JSON.stringify(partnership.workingTime);
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = workingCalendarFor(partnership.workingTime);
    if (calendars.size > 100) calendars.clear();
    calendars.set(key, calendar);
  }
  return calendar;
}

export type LoadedRules = CaseRules & { partnership: Partnership };

export async function rulesFor(
  db: Db,
  disagreement: Pick<Disagreement, 'partnershipId' | 'protocolVersion' | 'pathway'>,
  now: Temporal.Instant,
): Promise<LoadedRules> {
  const partnership = await partnershipRepository(db).get(disagreement.partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  const { protocol } = await protocolOf(
    db,
    disagreement.partnershipId,
    disagreement.protocolVersion,
  );
  return {
    partnership,
    protocol,
    ladder: ladderFor(protocol, disagreement.pathway),
    calendar: calendarOf(partnership),
    now,
  };
}

/**
 * Everyone named or assigned on a case, with the side their agency puts them on: the raiser,
 * the other professional, action owners, the proposer, and the people the directory names for
 * every stage the case has entered (their line managers, the front door's Practice Manager for
 * the region, a Senior Liaison Officer...), so that they can see the case they act on.
 */
export async function involvedIn(
  db: Db,
  disagreement: Disagreement,
  ladder: Ladder,
): Promise<InvolvedPerson[]> {
  const people = peopleRepository(db);
  const partyAgencies = [disagreement.raiserAgencyId, ...disagreement.otherAgencyIds];
  const directory = await people.inAgencies(partyAgencies);
  const atStages = disagreement.stages.flatMap((entered) => {
    const stage = stageOf(ladder, entered.key);
    return stage ? stagePeople(disagreement, stage, directory).flatMap((side) => side.people) : [];
  });
  const ids = new Set([
    disagreement.raisedBy,
    ...(disagreement.otherPersonId ? [disagreement.otherPersonId] : []),
    ...disagreement.actions.map((action) => action.ownerId),
    ...(disagreement.resolution ? [disagreement.resolution.proposedBy] : []),
    ...atStages.map((person) => person.id),
  ]);
  // A meeting's chair and attendees are assigned to its stage, whatever their agency.
  const meetings = meetingsOf(disagreement);
  const chairs = new Set(meetings.map((meeting) => meeting.chairId));
  const assigned = new Set(meetings.flatMap((meeting) => meeting.attendeeIds));
  const named = (await people.getMany([...ids, ...assigned])).filter(
    (person) =>
      assigned.has(person.id) ||
      // Someone who has left the agencies in the disagreement no longer stands on a side of it.
      (person.agencyId !== null && partyAgencies.includes(person.agencyId)),
  );
  return named.map((person) => ({
    personId: person.id,
    agencyId: person.agencyId,
    side:
      person.agencyId === disagreement.raiserAgencyId
        ? 'raising'
        : person.agencyId && disagreement.otherAgencyIds.includes(person.agencyId)
          ? 'other'
          : 'participant',
    chair: chairs.has(person.id),
  }));
}

export async function caseAccessOf(
  db: Db,
  disagreement: Disagreement,
  rules: CaseRules,
): Promise<CaseAccess> {
  const involved = await disagreementRepository(db).involvedPeople(disagreement.id);
  const chains = await peopleRepository(db).managerChains(
    involved.map((person) => person.personId),
  );
  return {
    partnershipId: disagreement.partnershipId,
    raiserId: disagreement.raisedBy,
    raiserAgencyId: disagreement.raiserAgencyId,
    otherAgencyIds: disagreement.otherAgencyIds,
    involved,
    chains,
    otherSideCanSee: otherSideCanSee(disagreement, rules.ladder),
    proposedByAgencyId:
      disagreement.status === 'open' ? (disagreement.resolution?.proposedByAgencyId ?? null) : null,
  };
}

/** Cases of one partnership, protocol version and pathway share their rules: read them once. */
export function rulesCache(db: Db, now: Temporal.Instant) {
  const known = new Map<string, Promise<LoadedRules>>();
  return (disagreement: Disagreement) => {
    const key = `${disagreement.partnershipId}:${disagreement.protocolVersion}:${disagreement.pathway}`;
    let rules = known.get(key);
    if (!rules) {
      rules = rulesFor(db, disagreement, now);
      known.set(key, rules);
    }
    return rules;
  };
}

/** The SQL form of "who may see": the person, their reports, and their agency-wide roles. */
export async function visibilityOf(db: Db, actor: Actor): Promise<CaseVisibility> {
  const agencyWide =
    actor.agencyId && (actor.roles.has('senior-manager') || actor.roles.has('safeguarding-lead'))
      ? actor.agencyId
      : null;
  return {
    personId: actor.personId,
    partnershipId: actor.partnershipId,
    teamOf: actor.roles.has('partnership-team') ? actor.partnershipId : null,
    agencyWide,
    reports: await peopleRepository(db).reportsOf(actor.personId),
  };
}

export type LoadedCase = {
  disagreement: Disagreement;
  rules: LoadedRules;
  access: CaseAccess;
  actor: Actor;
};

const notFound = () => new NotFound('There is no such disagreement, or you cannot see it');

/** The case if the person may see it; a NotFound otherwise, whether or not it exists. */
export async function loadVisibleCase(
  db: Db,
  id: string,
  context: RequestContext,
  now: Temporal.Instant,
): Promise<LoadedCase> {
  const actor = context.actor;
  if (!actor) throw notFound();
  const disagreement = await disagreementRepository(db).get(id);
  if (!disagreement) throw notFound();
  const rules = await rulesFor(db, disagreement, now);
  const access = await caseAccessOf(db, disagreement, rules);
  if (!can(actor, 'view', access)) throw notFound();
  return { disagreement, rules, access, actor };
}

/** The messages a change causes, queued in the change's own transaction (the outbox). */
export async function queueNotifications(
  db: Db,
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

export function auditCase(
  db: Db,
  context: RequestContext,
  now: Temporal.Instant,
  action: string,
  disagreement: Pick<Disagreement, 'id' | 'partnershipId'>,
) {
  return auditRepository(db).append(
    auditFacts(context, now, action, {
      type: 'disagreement',
      id: disagreement.id,
      partnershipId: disagreement.partnershipId,
    }),
  );
}

/**
 * One change to a case: find it (404), check the person may do this (403) and that they saw
 * the current version (409), apply the domain's rule, save and audit, all in one transaction.
 */
export async function changeCase(
  deps: CaseDeps,
  context: RequestContext,
  request: {
    id: string;
    version: number;
    ability: CaseAction;
    refusal: string;
    auditAction: string;
    change: (loaded: LoadedCase, db: Db) => Disagreement | Promise<Disagreement>;
  },
): Promise<Disagreement> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const loaded = await loadVisibleCase(trx, request.id, context, now);
    if (!can(loaded.actor, request.ability, loaded.access)) throw new Forbidden(request.refusal);
    if (loaded.disagreement.version !== request.version) {
      throw new Conflict(
        'Someone else changed this disagreement first: look at it again, then make your change',
      );
    }
    const next = await request.change(loaded, trx);
    await disagreementRepository(trx).update(next, request.version, {
      otherSideCanSee: otherSideCanSee(next, loaded.rules.ladder),
      involved: await involvedIn(trx, next, loaded.rules.ladder),
    });
    await auditCase(trx, context, now, request.auditAction, next);
    await queueNotifications(trx, deps, {
      before: loaded.disagreement,
      after: next,
      rules: loaded.rules,
      actorId: loaded.actor.personId,
    });
    return next;
  });
}
