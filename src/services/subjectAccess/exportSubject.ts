import type { Readable } from 'node:stream';
import { organisationRepository } from '../../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../../db/repositories/peopleRepository.ts';
import { subjectAccessRepository } from '../../db/repositories/subjectAccessRepository.ts';
import {
  jsonEntry,
  jsonListEntry,
  textEntry,
  type ZipEntry,
  zipArchive,
} from '../../documents/zipArchive.ts';
import type { Person } from '../../domain/directory/directory.ts';
import { NotFound } from '../../domain/errors.ts';
import type { ChildSearch } from '../../domain/subjectAccess/childSearch.ts';
import type { CaseDeps } from '../caseDeps.ts';
import { calendarOf, rulesCache } from '../caseRules.ts';
import type { RequestContext } from '../requestContext.ts';
import { caseFilesForSubjectAccess } from './caseFilesForSubjectAccess.ts';
import {
  auditSubjectAccess,
  casesNamingChild,
  casesNamingPerson,
  personOfPartnership,
  subjectAccessTeam,
} from './findSubject.ts';
import { type Subject, subjectAccessReadme } from './subjectAccessReadme.ts';

/** A subject-access archive to send: its file name, and the ZIP as it is made. */
export type SubjectAccessArchive = { filename: string; archive: Readable };

type Db = CaseDeps['database']['db'];

/**
 * Never the person's name: a download's name is seen in download folders, browser histories and
 * proxies' logs. The partnership's prefix and the day say what it is.
 */
const filenameFor = (referencePrefix: string, day: Temporal.PlainDate) =>
  `subject-access-${referencePrefix}-${day}.zip`;

async function partnershipOf(db: Db, partnershipId: string) {
  const partnership = await partnershipRepository(db).get(partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  return partnership;
}

/**
 * What Accord holds about a child, as one ZIP: a README and each case naming them. The export
 * is audited by the ids of the cases in it, before it is sent.
 */
export async function exportChildSubject(
  deps: CaseDeps,
  search: ChildSearch,
  context: RequestContext,
): Promise<SubjectAccessArchive> {
  const { partnershipId } = subjectAccessTeam(context);
  const now = deps.clock.now();
  const { partnership, cases } = await deps.database.db.transaction().execute(async (trx) => {
    const found = await casesNamingChild(trx, partnershipId, search, now);
    await auditSubjectAccess(trx, context, now, 'subject-access.exported', {
      partnershipId,
      caseIds: found.map((c) => c.disagreement.id),
    });
    return { partnership: await partnershipOf(trx, partnershipId), cases: found };
  });
  const calendar = calendarOf(partnership);
  const readme = subjectAccessReadme({
    subject: { kind: 'child', search },
    partnershipName: partnership.name,
    at: now,
    timeZone: calendar.timeZone,
    references: cases.map((c) => c.disagreement.reference),
  });
  async function* files(): AsyncGenerator<ZipEntry> {
    yield textEntry('README.txt', readme);
    for (const { disagreement, rules } of cases) {
      yield* await caseFilesForSubjectAccess(deps.database.db, disagreement, rules, now);
    }
  }
  return {
    filename: filenameFor(partnership.referencePrefix, calendar.localDate(now)),
    archive: zipArchive(files(), now),
  };
}

/** A person's directory entry, with the names of their agency, team, region and manager. */
async function directoryEntry(db: Db, person: Person) {
  const organisations = organisationRepository(db);
  const partnershipId = person.partnershipId ?? '';
  const named = <T extends { id: string; name: string }>(list: T[], id: string | null) =>
    id ? { id, name: list.find((item) => item.id === id)?.name ?? null } : null;
  const manager = person.lineManagerId
    ? await peopleRepository(db).get(person.lineManagerId)
    : undefined;
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    jobTitle: person.jobTitle,
    telephone: person.telephone,
    agency: named(await organisations.agencies(partnershipId), person.agencyId),
    team: named(await organisations.teams(partnershipId), person.teamId),
    region: named(await organisations.regions(partnershipId), person.regionId),
    lineManager: person.lineManagerId
      ? { id: person.lineManagerId, name: manager?.name ?? null }
      : null,
    roles: person.roles,
    /** Their level of seniority, by its id in the partnership's protocol. */
    level: person.level ?? null,
    active: person.active,
  };
}

/**
 * What Accord holds about a professional, as one ZIP: a README, their directory entry, each
 * case naming them, the audit entries they made and the messages queued for them. Audited by
 * their id and the ids of the cases in it, before it is sent; the cases, entries and messages
 * are then read a batch at a time as the archive is written.
 */
export async function exportProfessionalSubject(
  deps: CaseDeps,
  input: { personId: string },
  context: RequestContext,
): Promise<SubjectAccessArchive> {
  const { partnershipId } = subjectAccessTeam(context);
  const now = deps.clock.now();
  const db = deps.database.db;
  const { partnership, person, named } = await db.transaction().execute(async (trx) => {
    const chosen = await personOfPartnership(trx, partnershipId, input.personId);
    const cases = await casesNamingPerson(trx, partnershipId, chosen.id);
    await auditSubjectAccess(trx, context, now, 'subject-access.exported', {
      partnershipId,
      caseIds: cases.map((c) => c.id),
      personId: chosen.id,
    });
    return { partnership: await partnershipOf(trx, partnershipId), person: chosen, named: cases };
  });
  const calendar = calendarOf(partnership);
  const repository = subjectAccessRepository(db);
  const entry = await directoryEntry(db, person);
  const counts = await repository.countsFor(person.id);
  const subject: Subject = { kind: 'professional', person };
  const readme = subjectAccessReadme({
    subject,
    partnershipName: partnership.name,
    at: now,
    timeZone: calendar.timeZone,
    references: named.map((c) => c.reference),
    ...counts,
  });
  async function* files(): AsyncGenerator<ZipEntry> {
    yield textEntry('README.txt', readme);
    yield jsonEntry('directory-entry.json', entry);
    const rulesOf = rulesCache(db, now);
    for await (const disagreement of repository.cases(named.map((c) => c.id))) {
      yield* await caseFilesForSubjectAccess(db, disagreement, await rulesOf(disagreement), now);
    }
    yield jsonListEntry('audit-entries.json', repository.auditEntriesBy(person.id));
    yield jsonListEntry('messages.json', repository.messagesTo(person.id));
  }
  return {
    filename: filenameFor(partnership.referencePrefix, calendar.localDate(now)),
    archive: zipArchive(files(), now),
  };
}
