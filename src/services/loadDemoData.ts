import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import {
  type DemoCase,
  type DemoPerson,
  type DemoStep,
  type DemoWhen,
  demoAdmin,
  demoCases,
  demoEmail,
  demoPartnerships,
  type PersonKey,
} from '../demo/demoDataSet.ts';
import type { AuditAction } from '../domain/audit/auditActions.ts';
import { type WorkingCalendar, workingCalendarFor } from '../domain/calendar/workingCalendar.ts';
import { isoInstant } from '../domain/clock.ts';
import { withLevel } from '../domain/directory/levels.ts';
import type { CaseCommand } from '../domain/disagreement/actions/caseCommand.ts';
import { close } from '../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../domain/disagreement/actions/proposeOutcome.ts';
import { recordDiscussion } from '../domain/disagreement/actions/recordDiscussion.ts';
import { setChildDeadline } from '../domain/disagreement/actions/setChildDeadline.ts';
import { withdraw } from '../domain/disagreement/actions/withdraw.ts';
import {
  type CaseStatus,
  caseStatuses,
  type Disagreement,
  isOverdue,
} from '../domain/disagreement/disagreement.ts';
import { Conflict } from '../domain/errors.ts';
import type { ProtocolLevel } from '../domain/protocol/protocolSchema.ts';
import { parseProtocolFile } from '../domain/protocol/validateProtocol.ts';
import { workingTimeOf } from '../domain/protocol/workingTimeOf.ts';
import { type BuiltInProtocolId, builtInProtocolFile } from '../protocols/builtInProtocols.ts';
import type { CaseDeps } from './caseDeps.ts';
import { insertPartnership } from './createPartnership.ts';
import { loadDemoHistory } from './demoHistory.ts';
import { loadActor } from './loadActor.ts';
import { raiseDisagreement } from './raiseDisagreement.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';
import { runCaseAction } from './runCaseAction.ts';

export type DemoDataSummary = {
  partnerships: number;
  people: number;
  cases: number;
  /** Of those, the partnerships' earlier years, all ended. */
  history: number;
  byStatus: Record<CaseStatus, number>;
  overdue: number;
  urgent: number;
};

type Via = 'cli' | 'system';

/** Ids given to the data set's people and agencies as they are stored. */
type Stored = {
  partnerships: Map<BuiltInProtocolId, string>;
  agencies: Map<string, string>;
  people: Map<PersonKey, StoredPerson>;
};
type StoredPerson = { id: string; agencyId: string | null; name: string; agencyName: string };

const notEmpty =
  'The demo data set loads only into an empty database, and this one already has partnerships or people';

/** Whether the database is empty enough for the demo data set: no partnerships and no people. */
export async function canLoadDemoData(db: Kysely<DatabaseSchema>): Promise<boolean> {
  return (
    (await peopleRepository(db).count()) === 0 &&
    (await partnershipRepository(db).list()).length === 0
  );
}

/**
 * Loads the demo data set (src/demo/demoDataSet.ts) into an empty database: the directory
 * in one transaction, then every case through the same use cases a person would use, as the
 * person the data set names, so that every right is checked and every change audited. Dates
 * are working days before the clock's now in each partnership's calendar.
 */
export async function loadDemoData(
  deps: CaseDeps,
  options: { via?: Via } = {},
): Promise<DemoDataSummary> {
  const via = options.via ?? 'cli';
  // The demo's cases happened in the past: nobody is e-mailed about them as they are loaded.
  deps = { ...deps, quiet: true };
  const stored = await createDirectory(deps, via);
  const byStatus = Object.fromEntries(caseStatuses.map((status) => [status, 0])) as Record<
    CaseStatus,
    number
  >;
  let overdue = 0;
  let urgent = 0;
  for (const demoCase of demoCases) {
    const disagreement = await createCase(deps, stored, demoCase, via);
    byStatus[disagreement.status]++;
    if (isOverdue(disagreement, deps.clock.now())) overdue++;
    if (disagreement.urgent) urgent++;
  }
  const history = await loadDemoHistory(deps, [...stored.partnerships.values()], via);
  for (const status of caseStatuses) byStatus[status] += history[status];
  const historyCount = caseStatuses.reduce((sum, status) => sum + history[status], 0);
  return {
    partnerships: stored.partnerships.size,
    people: stored.people.size,
    cases: demoCases.length + historyCount,
    history: historyCount,
    byStatus,
    overdue,
    urgent,
  };
}

async function createDirectory(deps: CaseDeps, via: Via): Promise<Stored> {
  const now = deps.clock.now();
  const createdAt = isoInstant(now);
  const context: RequestContext = { actor: null, via, requestId: null };
  const stored: Stored = { partnerships: new Map(), agencies: new Map(), people: new Map() };

  await deps.database.db.transaction().execute(async (trx) => {
    if (!(await canLoadDemoData(trx))) throw new Conflict(notEmpty);
    const organisations = organisationRepository(trx);
    const people = peopleRepository(trx);
    const audit = auditRepository(trx);
    const audited = (
      action: AuditAction,
      type: string,
      id: string | null,
      partnershipId: string | null,
    ) => audit.append(auditFacts(context, now, action, { type, id, partnershipId }));
    const managers: { personId: string; managerKey: string }[] = [];

    async function addPerson(
      person: DemoPerson,
      place: {
        partnershipId: string | null;
        agencyId: string | null;
        agencyName: string;
        teams: Map<string, string>;
        regions: Map<string, string>;
        /** The levels of the partnership's protocol, one of which the person may carry. */
        levels?: readonly ProtocolLevel[];
      },
    ) {
      const id = randomUUID();
      await people.insert(
        {
          id,
          partnershipId: place.partnershipId,
          name: person.name,
          email: demoEmail(person.key),
          jobTitle: person.jobTitle,
          telephone: person.telephone ?? null,
          agencyId: place.agencyId,
          teamId: person.team ? idOf(place.teams, person.team, 'team') : null,
          regionId: person.region ? idOf(place.regions, person.region, 'region') : null,
          // Line managers are set once everyone exists, so the order of the data does not matter.
          lineManagerId: null,
          ...levelled(person, place.levels ?? []),
          active: true,
        },
        createdAt,
      );
      await audited('person.created', 'person', id, place.partnershipId);
      stored.people.set(person.key, {
        id,
        agencyId: place.agencyId,
        name: person.name,
        agencyName: place.agencyName,
      });
      if (person.manager) managers.push({ personId: id, managerKey: person.manager });
    }

    for (const demo of demoPartnerships) {
      const source = readFileSync(builtInProtocolFile(demo.protocolId), 'utf8');
      const check = parseProtocolFile(source);
      if (!check.ok) throw new Error(`built-in protocol ${demo.protocolId} is invalid`);
      const { id: partnershipId } = await insertPartnership(
        trx,
        { name: demo.name, protocol: check.protocol, source },
        now,
        context,
      );
      stored.partnerships.set(demo.protocolId, partnershipId);

      const regions = new Map<string, string>();
      for (const name of demo.regions) {
        const id = randomUUID();
        await organisations.insertRegion({ id, partnershipId, name });
        await audited('region.created', 'region', id, partnershipId);
        regions.set(name, id);
      }
      const localAuthorities = new Map<string, string>();
      for (const authority of demo.localAuthorities) {
        const id = randomUUID();
        await organisations.insertLocalAuthority({ id, partnershipId, ...authority });
        await audited('local-authority.created', 'local-authority', id, partnershipId);
        localAuthorities.set(authority.name, id);
      }
      for (const agency of demo.agencies) {
        const agencyId = randomUUID();
        await organisations.insertAgency({
          id: agencyId,
          partnershipId,
          name: agency.name,
          kind: agency.kind,
          localAuthorityId: agency.localAuthority
            ? idOf(localAuthorities, agency.localAuthority, 'local authority')
            : null,
        });
        await audited('agency.created', 'agency', agencyId, partnershipId);
        stored.agencies.set(agency.key, agencyId);
        const teams = new Map<string, string>();
        for (const name of agency.teams) {
          const id = randomUUID();
          await organisations.insertTeam({ id, agencyId, name });
          await audited('team.created', 'team', id, partnershipId);
          teams.set(name, id);
        }
        for (const person of agency.people) {
          await addPerson(person, {
            partnershipId,
            agencyId,
            agencyName: agency.name,
            teams,
            regions,
            levels: check.protocol.levels,
          });
        }
      }
      for (const person of demo.partnershipTeam) {
        await addPerson(person, {
          partnershipId,
          agencyId: null,
          agencyName: demo.name,
          teams: new Map(),
          regions,
        });
      }
      for (const [position, contact] of demo.onCallContacts.entries()) {
        const id = randomUUID();
        await organisations.insertOnCallContact({ id, partnershipId, ...contact }, position);
        await audited('on-call-contact.created', 'on-call-contact', id, partnershipId);
      }
    }
    await addPerson(demoAdmin, {
      partnershipId: null,
      agencyId: null,
      agencyName: 'Accord',
      teams: new Map(),
      regions: new Map(),
    });
    for (const { personId, managerKey } of managers) {
      await people.setLineManager(personId, idOf(stored.people, managerKey, 'person').id);
    }
    await audited('demo-data.loaded', 'installation', null, null);
  });
  return stored;
}

async function createCase(deps: CaseDeps, stored: Stored, demo: DemoCase, via: Via) {
  const calendar = workingCalendarFor(workingTimeOf(protocolOf(demo.partnership)));
  const today = calendar.localDate(deps.clock.now());
  const at = (when: DemoWhen) => isoInstant(instantOf(calendar, today, when));
  const person = (key: string) => idOf(stored.people, key, 'person');
  const as = async (key: string): Promise<RequestContext> => ({
    actor: await loadActor(deps.database, person(key).id),
    via,
    requestId: null,
  });
  const agencyOf = (key: string) => {
    const agencyId = person(key).agencyId;
    if (!agencyId) throw new Error(`demo data: ${key} works for no agency`);
    return agencyId;
  };

  let disagreement = await raiseDisagreement(
    deps,
    {
      partnershipId: idOf(stored.partnerships, demo.partnership, 'partnership'),
      raisedAt: at(demo.raisedAt),
      otherAgencyIds: [
        agencyOf(demo.otherPerson),
        ...(demo.alsoAgencies ?? []).map((key) => idOf(stored.agencies, key, 'agency')),
      ],
      otherPersonId: person(demo.otherPerson).id,
      category: demo.category,
      urgent: demo.urgent,
      children: demo.children.map((child) => ({
        firstName: child.firstName,
        lastName: child.lastName,
        dateOfBirth: child.dateOfBirth,
        expectedDueDate:
          child.expectedInWeeks === undefined
            ? null
            : today.add({ weeks: child.expectedInWeeks }).toString(),
      })),
      summary: demo.summary,
      impactOnChild: demo.impactOnChild,
      desiredOutcome: demo.desiredOutcome,
      evidence: demo.evidence,
      family: demo.family,
      referralDate: demo.referralDate
        ? calendar.localDate(instantOf(calendar, today, demo.referralDate)).toString()
        : undefined,
      agenciesInvolved: demo.agenciesInvolved,
    },
    await as(demo.raisedBy),
  );

  for (const step of demo.steps) {
    disagreement = await takeStep(deps, step, disagreement, await as(step.by), {
      at,
      person,
      calendar,
      today,
    });
  }
  return disagreement;
}

type StepHelpers = {
  at: (when: DemoWhen) => string;
  person: (key: PersonKey) => StoredPerson;
  calendar: WorkingCalendar;
  today: Temporal.PlainDate;
};

/** One step of a demo case, through its use case, as the person the data set names. */
function takeStep(
  deps: CaseDeps,
  step: DemoStep,
  { id, version }: Disagreement,
  context: RequestContext,
  { at, person, calendar, today }: StepHelpers,
): Promise<Disagreement> {
  const act = <Input extends z.ZodType>(command: CaseCommand<Input>, input: z.input<Input>) =>
    runCaseAction(deps, command, { id, version, input }, context);
  switch (step.do) {
    case 'record':
      return act(recordDiscussion, {
        occurredAt: at(step.at),
        mode: step.mode,
        participants: step.participants.map((key) => {
          const { name, agencyName } = person(key);
          return `${name} (${agencyName})`;
        }),
        summary: step.summary,
      });
    case 'escalate':
      return act(escalate, {
        occurredAt: at(step.at),
        reason: step.reason,
        toStageKey: step.toStageKey,
        writtenAccount: step.writtenAccount,
      });
    case 'propose':
      return act(proposeOutcome, {
        occurredAt: at(step.at),
        agreedOutcome: step.agreedOutcome,
        actions: step.actions.map((action) => ({
          description: action.description,
          ownerId: person(action.owner).id,
          dueAt: isoInstant(endOfWorkingDayFrom(calendar, today, action.dueInWorkingDays)),
        })),
      });
    case 'confirm':
      return act(confirmOutcome, {});
    case 'withdraw':
      return act(withdraw, { reason: step.reason });
    case 'close':
      return act(close, { lessons: step.lessons });
    case 'set-child-deadline': {
      const day = calendar.nthWorkingDayAfter(today, step.dueInWorkingDays);
      const dueAt = day.toZonedDateTime({ timeZone: calendar.timeZone, plainTime: '12:00' });
      return act(setChildDeadline, { dueAt: isoInstant(dueAt.toInstant()), reason: step.reason });
    }
  }
}

function protocolOf(protocolId: BuiltInProtocolId) {
  const check = parseProtocolFile(readFileSync(builtInProtocolFile(protocolId), 'utf8'));
  if (!check.ok) throw new Error(`built-in protocol ${protocolId} is invalid`);
  return check.protocol;
}

/** A working day some working days before `today`, at a local time: always before today. */
function instantOf(
  calendar: WorkingCalendar,
  today: Temporal.PlainDate,
  [workingDaysAgo, localTime]: DemoWhen,
): Temporal.Instant {
  if (!Number.isInteger(workingDaysAgo) || workingDaysAgo < 1) {
    throw new Error(`demo data: ${workingDaysAgo} working days ago is not in the past`);
  }
  return workingDayBefore(calendar, today, workingDaysAgo)
    .toZonedDateTime({ timeZone: calendar.timeZone, plainTime: Temporal.PlainTime.from(localTime) })
    .toInstant();
}

function workingDayBefore(
  calendar: WorkingCalendar,
  today: Temporal.PlainDate,
  workingDays: number,
): Temporal.PlainDate {
  let day = today;
  for (let counted = 0; counted < workingDays; ) {
    day = day.subtract({ days: 1 });
    if (calendar.isWorkingDay(day)) counted++;
  }
  return day;
}

/** The end of the working day so many working days after today (before it, when negative). */
function endOfWorkingDayFrom(
  calendar: WorkingCalendar,
  today: Temporal.PlainDate,
  workingDays: number,
): Temporal.Instant {
  const day =
    workingDays > 0
      ? calendar.nthWorkingDayAfter(today, workingDays)
      : workingDayBefore(calendar, today, -workingDays);
  return calendar.endOfWorkingDay(day);
}

function idOf<T>(ids: ReadonlyMap<string, T>, key: string, what: string): T {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`demo data: there is no ${what} "${key}"`);
  return id;
}

/** A demo person's roles, with the level they carry (one of their protocol's) and its role. */
function levelled(person: DemoPerson, levels: readonly ProtocolLevel[]) {
  if (!person.level) return { roles: person.roles };
  const level = levels.find((each) => each.id === person.level);
  if (!level)
    throw new Error(`demo person ${person.key}: no level "${person.level}" in the protocol`);
  const { roles, levelRole } = withLevel(person.roles, level);
  return { roles, level: level.id, levelRole };
}
