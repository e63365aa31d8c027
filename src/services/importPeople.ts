import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { canInPartnership, grantsAdministration } from '../domain/access/can.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { normaliseEmail } from '../domain/directory/directory.ts';
import { findLevel, levelMisfit, withLevel } from '../domain/directory/levels.ts';
import { type FieldProblem, Forbidden, Invalid, NotFound } from '../domain/errors.ts';
import { safeString } from '../domain/safeText.ts';
import { type AgencyKind, agencyKinds, type Role, roles } from '../domain/vocabulary.ts';
import { levelsInForce } from './personLevels.ts';
import { refreshPlannerStatistics } from './plannerStatistics.ts';
import { refreshInvolvement } from './refreshInvolvement.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export const PEOPLE_CSV_COLUMNS = [
  'name',
  'email',
  'job_title',
  'telephone',
  'agency',
  'agency_kind',
  'team',
  'region',
  'roles',
  'level',
  'line_manager_email',
] as const;

const optionalText = safeString('line')
  .trim()
  .max(200, 'must be 200 characters or fewer')
  .transform((value) => value || null);

const row = z.object({
  name: safeString('line')
    .trim()
    .min(1, 'enter a name')
    .max(200, 'must be 200 characters or fewer'),
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: 'must be an e-mail address' })),
  job_title: optionalText,
  telephone: optionalText,
  agency: optionalText,
  agency_kind: z
    .string()
    .trim()
    .refine((value) => value === '' || (agencyKinds as readonly string[]).includes(value), {
      message: `must be one of ${agencyKinds.join(', ')}`,
    })
    .transform((value) => value || null),
  team: optionalText,
  region: optionalText,
  roles: z
    .string()
    .trim()
    .transform((value) => value.split(/[;\s]+/).filter(Boolean))
    .pipe(z.array(z.enum(roles, { error: `each role must be one of ${roles.join(', ')}` }))),
  level: optionalText,
  line_manager_email: z
    .string()
    .trim()
    .transform((value) => (value ? normaliseEmail(value) : null)),
});

/**
 * Adds people to a partnership's directory from a CSV file with a header row. Any problem in
 * any row refuses the whole file, with every problem listed by row and column.
 */
export async function importPeople(
  deps: { database: Database; clock: Clock },
  input: { partnershipId: string; csv: string },
  context: RequestContext,
): Promise<{ imported: number }> {
  if (context.actor && !canInPartnership(context.actor, 'manage-directory', input.partnershipId)) {
    throw new Forbidden('Only the partnership team can import people');
  }
  const { db } = deps.database;
  const partnership = await partnershipRepository(db).get(input.partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');

  let records: Record<string, string>[];
  try {
    records = parse(input.csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new Invalid('The file is not a readable CSV file', [
      { path: 'file', message: (error as Error).message },
    ]);
  }
  const problems: FieldProblem[] = [];
  const header = Object.keys(records[0] ?? {});
  const missing = ['name', 'email', 'roles'].filter((column) => !header.includes(column));
  const unknown = header.filter(
    (column) => !(PEOPLE_CSV_COLUMNS as readonly string[]).includes(column),
  );
  for (const column of missing)
    problems.push({ path: 'row 1', message: `the header has no "${column}" column` });
  for (const column of unknown)
    problems.push({ path: 'row 1', message: `unknown column "${column}"` });
  if (records.length === 0)
    problems.push({ path: 'file', message: 'the file has no people in it' });
  if (problems.length > 0) throw new Invalid('The file cannot be imported', problems);

  const organisations = organisationRepository(db);
  const people = peopleRepository(db);
  const agencies = await organisations.agencies(input.partnershipId);
  const existingPeople = await people.inPartnership(input.partnershipId);
  const emailsInUse = await people.emailsInUse(records.map((record) => record.email ?? ''));
  const levels = await levelsInForce(db, input.partnershipId);
  const kindOfAgency = new Map<string, AgencyKind>(
    agencies.map((agency) => [agency.name, agency.kind]),
  );
  for (const record of records) {
    const kind = record.agency_kind?.trim() as AgencyKind;
    const name = record.agency?.trim();
    if (name && kind && agencyKinds.includes(kind) && !kindOfAgency.has(name)) {
      kindOfAgency.set(name, kind);
    }
  }

  // Agencies the file itself adds, by naming their kind on any row.
  const agenciesAddedByFile = new Set(
    records
      .filter((record) => record.agency && record.agency_kind)
      .map((record) => record.agency?.trim()),
  );
  const rows: { line: number; value: z.output<typeof row> & { levelRole: Role | null } }[] = [];
  const seenEmails = new Map<string, number>();
  records.forEach((record, index) => {
    const line = index + 2;
    const parsed = row.safeParse(
      Object.fromEntries(PEOPLE_CSV_COLUMNS.map((column) => [column, record[column] ?? ''])),
    );
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          path: `row ${line}`,
          message: `${String(issue.path[0])}: ${issue.message}`,
        });
      }
      return;
    }
    const value = parsed.data;
    const email = normaliseEmail(value.email);
    const earlier = seenEmails.get(email);
    if (earlier)
      problems.push({ path: `row ${line}`, message: `email: ${email} is also on row ${earlier}` });
    else if (emailsInUse.has(email))
      problems.push({
        path: `row ${line}`,
        message: `email: ${email} is already in the directory`,
      });
    seenEmails.set(email, line);
    const agencyKnown =
      agencies.some((agency) => agency.name === value.agency) ||
      agenciesAddedByFile.has(value.agency ?? '');
    if (value.agency && !agencyKnown) {
      problems.push({
        path: `row ${line}`,
        message: `agency: "${value.agency}" is not in the directory; give its agency_kind to add it`,
      });
    }
    if (value.team && !value.agency)
      problems.push({ path: `row ${line}`, message: 'team: give the agency the team belongs to' });
    const level = value.level ? findLevel(levels, value.level) : undefined;
    if (value.level && !level) {
      problems.push({
        path: `row ${line}`,
        message: `level: "${value.level}" is not a level of the partnership's protocol${levels.length ? `; its levels are ${levels.map((each) => `${each.id} (${each.name})`).join(', ')}` : ', which defines none'}`,
      });
    }
    // An agency the directory does not know is a problem of its own.
    const kind = value.agency ? kindOfAgency.get(value.agency) : null;
    const misfit = level && kind !== undefined && levelMisfit(level, kind);
    if (misfit) problems.push({ path: `row ${line}`, message: `level: ${misfit}` });
    if (value.roles.length === 0 && !value.level) {
      problems.push({ path: `row ${line}`, message: 'roles: name at least one role, or a level' });
    }
    if (grantsAdministration(value.roles)) {
      problems.push({
        path: `row ${line}`,
        message: 'roles: administrators are not imported; an administrator grants that role',
      });
    }
    rows.push({
      line,
      value: {
        ...value,
        email,
        ...withLevel(value.roles, level),
        level: level?.id ?? null,
      },
    });
  });

  const personIdByEmail = new Map<string, string>(
    existingPeople.map((person) => [person.email, person.id]),
  );
  for (const { value } of rows)
    personIdByEmail.set(value.email, personIdByEmail.get(value.email) ?? randomUUID());
  const managerOf = new Map<string, string>(
    existingPeople.filter((p) => p.lineManagerId).map((p) => [p.id, p.lineManagerId as string]),
  );
  for (const { line, value } of rows) {
    if (!value.line_manager_email) continue;
    const managerId = personIdByEmail.get(value.line_manager_email);
    if (!managerId) {
      problems.push({
        path: `row ${line}`,
        message: `line_manager_email: ${value.line_manager_email} is neither in this file nor in the directory`,
      });
    } else if (value.line_manager_email === value.email) {
      problems.push({
        path: `row ${line}`,
        message: 'line_manager_email: a person cannot be their own line manager',
      });
    } else {
      managerOf.set(personIdByEmail.get(value.email) as string, managerId);
    }
  }
  for (const { line, value } of rows) {
    const start = personIdByEmail.get(value.email) as string;
    const seen = new Set([start]);
    for (let manager = managerOf.get(start); manager; manager = managerOf.get(manager)) {
      if (seen.has(manager)) {
        problems.push({
          path: `row ${line}`,
          message: 'line_manager_email: the line managers form a loop back to this person',
        });
        break;
      }
      seen.add(manager);
    }
  }
  if (problems.length > 0)
    throw new Invalid('The file cannot be imported: nothing was imported', problems);

  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    const organisationsInTrx = organisationRepository(trx);
    const peopleInTrx = peopleRepository(trx);
    const audit = auditRepository(trx);
    const agencyIds = new Map(agencies.map((agency) => [agency.name, agency.id]));
    const teamIds = new Map(
      (await organisationsInTrx.teams(input.partnershipId)).map((t) => [
        `${t.agencyId}/${t.name}`,
        t.id,
      ]),
    );
    const regionIds = new Map(
      (await organisationsInTrx.regions(input.partnershipId)).map((r) => [r.name, r.id]),
    );
    const record = (type: string, id: string) => ({ type, id, partnershipId: input.partnershipId });

    for (const { value } of rows) {
      let agencyId: string | null = null;
      if (value.agency) {
        agencyId = agencyIds.get(value.agency) ?? null;
        if (!agencyId) {
          agencyId = randomUUID();
          await organisationsInTrx.insertAgency({
            id: agencyId,
            partnershipId: input.partnershipId,
            name: value.agency,
            kind: value.agency_kind as AgencyKind,
            localAuthorityId: null,
          });
          agencyIds.set(value.agency, agencyId);
          await audit.append(
            auditFacts(context, now, 'agency.created', record('agency', agencyId)),
          );
        }
      }
      let teamId: string | null = null;
      if (value.team && agencyId) {
        teamId = teamIds.get(`${agencyId}/${value.team}`) ?? null;
        if (!teamId) {
          teamId = randomUUID();
          await organisationsInTrx.insertTeam({ id: teamId, agencyId, name: value.team });
          teamIds.set(`${agencyId}/${value.team}`, teamId);
        }
      }
      let regionId: string | null = null;
      if (value.region) {
        regionId = regionIds.get(value.region) ?? null;
        if (!regionId) {
          regionId = randomUUID();
          await organisationsInTrx.insertRegion({
            id: regionId,
            partnershipId: input.partnershipId,
            name: value.region,
          });
          regionIds.set(value.region, regionId);
        }
      }
      const id = personIdByEmail.get(value.email) as string;
      await peopleInTrx.insert(
        {
          id,
          partnershipId: input.partnershipId,
          name: value.name,
          email: value.email,
          jobTitle: value.job_title,
          telephone: value.telephone,
          agencyId,
          teamId,
          regionId,
          lineManagerId: null,
          roles: value.roles as Role[],
          level: value.level,
          levelRole: value.levelRole,
          active: true,
        },
        isoInstant(now),
      );
      await audit.append(auditFacts(context, now, 'person.created', record('person', id)));
    }
    for (const { value } of rows) {
      if (value.line_manager_email) {
        await peopleInTrx.setLineManager(
          personIdByEmail.get(value.email) as string,
          personIdByEmail.get(value.line_manager_email) ?? null,
        );
      }
    }
    // Those whom stages of open cases name (a service manager, a line manager) are assigned now.
    const ofRows = rows.map(({ value }) => agencyIds.get(value.agency ?? '') ?? null);
    await refreshInvolvement(trx, input.partnershipId, [...new Set(ofRows)], now);
  });
  // A directory imported at once may multiply the people: SQLite's planner would go on
  // planning for the few it counted until the job's next run, reading 100,000 roles by a scan.
  await refreshPlannerStatistics(deps.database);
  return { imported: rows.length };
}
