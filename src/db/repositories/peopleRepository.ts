import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { normaliseEmail, type Person } from '../../domain/directory/directory.ts';
import type { PeopleSought } from '../../domain/directory/peopleSought.ts';
import type { Role } from '../../domain/vocabulary.ts';
import { compiledOnce } from '../compiledOnce.ts';
import type { DatabaseSchema } from '../schema.ts';
import { inSlices } from './inSlices.ts';
import { flag } from './rowMapping.ts';
import { uniqueOrConflict } from './uniqueViolation.ts';

// Read for the person behind every request.
const personById = compiledOnce((db: Kysely<DatabaseSchema>, id: string) =>
  db.selectFrom('people').selectAll().where('id', '=', id),
);
const rolesOfPeople = compiledOnce((db: Kysely<DatabaseSchema>, ids: readonly string[]) =>
  db.selectFrom('person_roles').select(['person_id', 'role']).where('person_id', 'in', ids),
);

export function peopleRepository(db: Kysely<DatabaseSchema>) {
  /** The people with their roles: read a slice at a time, unless the caller read them all. */
  async function withRoles(
    rows: DatabaseSchema['people'][],
    roleRowsRead?: readonly { person_id: string; role: string }[],
  ): Promise<Person[]> {
    if (rows.length === 0) return [];
    // Grouped once: a partnership may hold 100,000 people.
    const rolesOf = new Map<string, Role[]>();
    const group = (roleRows: readonly { person_id: string; role: string }[]) => {
      for (const { person_id, role } of roleRows) {
        const roles = rolesOf.get(person_id);
        if (roles) roles.push(role as Role);
        else rolesOf.set(person_id, [role as Role]);
      }
    };
    if (roleRowsRead) group(roleRowsRead);
    else {
      for (const slice of inSlices(rows.map((row) => row.id))) {
        group(await rolesOfPeople(db, slice));
      }
    }
    return rows.map((row) => ({
      id: row.id,
      partnershipId: row.partnership_id,
      name: row.name,
      email: row.email,
      jobTitle: row.job_title,
      telephone: row.telephone,
      agencyId: row.agency_id,
      teamId: row.team_id,
      regionId: row.region_id,
      lineManagerId: row.line_manager_id,
      level: row.level ?? null,
      levelRole: (row.level_role as Role | null) ?? null,
      active: flag(row.active),
      roles: rolesOf.get(row.id) ?? [],
    }));
  }

  return {
    async insert(person: Person, createdAt: string): Promise<void> {
      await uniqueOrConflict(
        db
          .insertInto('people')
          .values({
            id: person.id,
            partnership_id: person.partnershipId,
            name: person.name,
            email: normaliseEmail(person.email),
            job_title: person.jobTitle,
            telephone: person.telephone,
            agency_id: person.agencyId,
            team_id: person.teamId,
            region_id: person.regionId,
            line_manager_id: person.lineManagerId,
            level: person.level ?? null,
            level_role: person.levelRole ?? null,
            active: person.active,
            created_at: createdAt,
          })
          .execute(),
        `There is already someone with the e-mail address ${normaliseEmail(person.email)}`,
      );
      await this.setRoles(person.id, person.roles);
    },

    async setRoles(personId: string, roles: readonly Role[]): Promise<void> {
      await db.deleteFrom('person_roles').where('person_id', '=', personId).execute();
      if (roles.length > 0) {
        await db
          .insertInto('person_roles')
          .values([...new Set(roles)].map((role) => ({ person_id: personId, role })))
          .execute();
      }
    },

    async update(
      personId: string,
      changes: Pick<
        Person,
        | 'name'
        | 'jobTitle'
        | 'telephone'
        | 'agencyId'
        | 'teamId'
        | 'regionId'
        | 'lineManagerId'
        | 'active'
      >,
    ): Promise<void> {
      await db
        .updateTable('people')
        .set({
          name: changes.name,
          job_title: changes.jobTitle,
          telephone: changes.telephone,
          agency_id: changes.agencyId,
          team_id: changes.teamId,
          region_id: changes.regionId,
          line_manager_id: changes.lineManagerId,
          active: changes.active,
        })
        .where('id', '=', personId)
        .execute();
    },

    /**
     * Sets the person's level (a level id of the protocol in force, or null) and the role they
     * hold only because of it (null when none, or when it was also given directly).
     */
    async setLevel(personId: string, level: string | null, levelRole: Role | null): Promise<void> {
      await db
        .updateTable('people')
        .set({ level, level_role: level ? levelRole : null })
        .where('id', '=', personId)
        .execute();
    },

    async setLineManager(personId: string, lineManagerId: string | null): Promise<void> {
      await db
        .updateTable('people')
        .set({ line_manager_id: lineManagerId })
        .where('id', '=', personId)
        .execute();
    },

    async emailsInUse(emails: readonly string[]): Promise<Set<string>> {
      if (emails.length === 0) return new Set();
      const rows = await db
        .selectFrom('people')
        .select('email')
        .where('email', 'in', emails.map(normaliseEmail))
        .execute();
      return new Set(rows.map((row) => row.email));
    },

    async get(id: string): Promise<Person | undefined> {
      const rows = await personById(db, id);
      return (await withRoles(rows))[0];
    },

    async getMany(ids: readonly string[]): Promise<Person[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return withRoles(rows);
    },

    /** A partnership's people who hold a role, e.g. its partnership team. */
    async withRole(partnershipId: string, role: Role): Promise<Person[]> {
      const rows = await db
        .selectFrom('people')
        .selectAll('people')
        .where('people.partnership_id', '=', partnershipId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('person_roles')
              .select('person_roles.person_id')
              .whereRef('person_roles.person_id', '=', 'people.id')
              .where('person_roles.role', '=', role),
          ),
        )
        .execute();
      return withRoles(rows);
    },

    /** The people of some agencies, e.g. a case's party agencies. */
    async inAgencies(agencyIds: readonly string[]): Promise<Person[]> {
      if (agencyIds.length === 0) return [];
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('agency_id', 'in', [...agencyIds])
        .execute();
      return withRoles(rows);
    },

    /** A partnership's own people, of no agency: its team, its business unit, its panels. */
    async ownOf(partnershipId: string): Promise<Person[]> {
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .where('agency_id', 'is', null)
        .execute();
      return withRoles(rows);
    },

    /**
     * Everyone below a person in line management, at any depth: one statement however deep the
     * chain goes (`union` stops at a loop), the same text whoever is asked about.
     */
    async reportsOf(personId: string): Promise<string[]> {
      const rows = await db
        .withRecursive('reports(id)', (below) =>
          below
            .selectFrom('people')
            .select('people.id')
            .where('people.line_manager_id', '=', personId)
            .union(
              below
                .selectFrom('people')
                .innerJoin('reports', 'reports.id', 'people.line_manager_id')
                .select('people.id'),
            ),
        )
        .selectFrom('reports')
        .select('reports.id')
        .execute();
      return rows.map((row) => row.id).filter((id) => id !== personId);
    },

    /**
     * The people a case's page shows (see PeopleSought): those it names and everyone up their
     * line-management chains, and the people of its party agencies and of no agency who hold a
     * role or level its stages name; never the whole partnership. One statement (recursive, for
     * the chains) and their roles; in name order, as the whole directory is read.
     */
    async sought(sought: PeopleSought): Promise<Person[]> {
      type Where = (eb: ExpressionBuilder<DatabaseSchema, 'people'>) => Expression<SqlBool>;
      // Those who hold one of the roles or carry one of the levels, each found by its own index
      // (person_roles by role, people by level): the few managers among 100,000 practitioners
      // are not found by reading every person of their agencies.
      const holding = (roles: readonly string[], levels: readonly string[], where: Where) => [
        ...(roles.length > 0
          ? [
              db
                .selectFrom('person_roles')
                .innerJoin('people', 'people.id', 'person_roles.person_id')
                .selectAll('people')
                .where('person_roles.role', 'in', [...roles])
                .where(where),
            ]
          : []),
        ...(levels.length > 0
          ? [peopleWhere((eb) => eb.and([eb('people.level', 'in', [...levels]), where(eb)]))]
          : []),
      ];
      const peopleWhere = (where: Where) =>
        db.selectFrom('people').selectAll('people').where(where);
      const ofAgencies =
        sought.agencyIds.length > 0 && sought.agencyRoles.length + sought.agencyLevels.length > 0;
      const ofOwn =
        sought.partnershipIds.length > 0 && sought.ownRoles.length + sought.ownLevels.length > 0;
      const everyoneOf = sought.everyoneOf ?? [];
      const anywhereRoles = sought.partnershipIds.length > 0 ? (sought.anywhereRoles ?? []) : [];
      if (
        sought.named.length === 0 &&
        !ofAgencies &&
        !ofOwn &&
        everyoneOf.length === 0 &&
        anywhereRoles.length === 0
      ) {
        return [];
      }
      const read = (named: readonly string[], withStages: boolean) =>
        db
          .withRecursive('chain(id, line_manager_id)', (up) =>
            up
              .selectFrom('people')
              .select(['people.id', 'people.line_manager_id'])
              .where('people.id', 'in', [...named])
              .union(
                up
                  .selectFrom('people')
                  .innerJoin('chain', 'chain.line_manager_id', 'people.id')
                  .select(['people.id', 'people.line_manager_id']),
              ),
          )
          .selectFrom('people')
          .innerJoin('chain', 'chain.id', 'people.id')
          .selectAll('people')
          // Each part a select of its own, so each finds its rows by its own index.
          .$if(withStages, (query) =>
            [
              ...(ofAgencies
                ? holding(sought.agencyRoles, sought.agencyLevels, (eb) =>
                    eb('people.agency_id', 'in', sought.agencyIds),
                  )
                : []),
              ...(everyoneOf.length > 0
                ? [peopleWhere((eb) => eb('people.agency_id', 'in', everyoneOf))]
                : []),
              ...holding(anywhereRoles, [], (eb) =>
                eb('people.partnership_id', 'in', sought.partnershipIds),
              ),
              ...(ofOwn
                ? holding(sought.ownRoles, sought.ownLevels, (eb) =>
                    eb.and([
                      eb('people.partnership_id', 'in', sought.partnershipIds),
                      eb('people.agency_id', 'is', null),
                    ]),
                  )
                : []),
            ].reduce((union, part) => union.union(part), query),
          )
          .orderBy('name')
          .execute();
      // An empty list is no SQL: a name nobody has stands in. Many cases' people (Waiting for
      // you of someone with thousands of open cases) are read in large slices, so the bound
      // values stay under SQLite's limit; one slice keeps the database's order by name.
      const slices = [...inSlices(sought.named.length > 0 ? sought.named : [''], 5000)];
      const rows = [];
      for (const [index, slice] of slices.entries()) rows.push(...(await read(slice, index === 0)));
      if (slices.length === 1) return withRoles(rows);
      const unique = new Map(rows.map((row) => [row.id, row]));
      return withRoles(
        [...unique.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      );
    },

    async findByEmail(email: string): Promise<Person | undefined> {
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('email', '=', normaliseEmail(email))
        .execute();
      return (await withRoles(rows))[0];
    },

    async inPartnership(partnershipId: string): Promise<Person[]> {
      const rows = await db
        .selectFrom('people')
        .selectAll()
        .where('partnership_id', '=', partnershipId)
        .orderBy('name')
        .execute();
      // Their roles in one statement, not 200 slices of 500 ids (100,000 people).
      const roleRows = await db
        .selectFrom('person_roles')
        .innerJoin('people', 'people.id', 'person_roles.person_id')
        .select(['person_roles.person_id', 'person_roles.role'])
        .where('people.partnership_id', '=', partnershipId)
        .execute();
      return withRoles(rows, roleRows);
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    /**
     * The line-management chains of several people at once, nearest manager first: one
     * recursive query, however many levels. Stops at a loop (UNION keeps each row once).
     */
    async managerChains(personIds: readonly string[]): Promise<Map<string, string[]>> {
      const managerOf = new Map<string, string | null>();
      const ids = [...new Set(personIds)];
      if (ids.length > 0) {
        const { rows } = await sql<{ id: string; line_manager_id: string | null }>`
          with recursive chain(id, line_manager_id) as (
            select id, line_manager_id from people where id in (${sql.join(ids)})
            union
            select people.id, people.line_manager_id
              from people join chain on people.id = chain.line_manager_id
          )
          select id, line_manager_id from chain`.execute(db);
        for (const row of rows) managerOf.set(row.id, row.line_manager_id);
      }
      return new Map(
        personIds.map((personId) => {
          const chain: string[] = [];
          for (
            let manager = managerOf.get(personId);
            manager && manager !== personId && !chain.includes(manager);
            manager = managerOf.get(manager)
          ) {
            chain.push(manager);
          }
          return [personId, chain];
        }),
      );
    },

    /** Everyone above a person in their line-management chain, nearest first; stops at a loop. */
    async managerChain(personId: string): Promise<string[]> {
      return (await this.managerChains([personId])).get(personId) ?? [];
    },
  };
}

export type PeopleRepository = ReturnType<typeof peopleRepository>;
