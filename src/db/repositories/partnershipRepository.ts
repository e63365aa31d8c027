import { type Kysely, PostgresAdapter, type Selectable } from 'kysely';
import { jsonArrayFrom as jsonArrayFromPostgres } from 'kysely/helpers/postgres';
import { jsonArrayFrom as jsonArrayFromSqlite } from 'kysely/helpers/sqlite';
import type { CalendarRegion } from '../../domain/calendar/bankHolidays.ts';
import type { Partnership, ProtocolVersion } from '../../domain/directory/directory.ts';
import { compiledOnce } from '../compiledOnce.ts';
import type { DatabaseSchema } from '../schema.ts';
import { json, toJson } from './rowMapping.ts';
import { uniqueOrConflict } from './uniqueViolation.ts';

// A partnership is read on most requests: its closure days come in the same statement, as
// JSON (an array on PostgreSQL, its text on SQLite), not in a second one.
function partnershipsWithClosureDays(db: Kysely<DatabaseSchema>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db
    .selectFrom('partnerships')
    .selectAll('partnerships')
    .select((eb) =>
      (postgres ? jsonArrayFromPostgres : jsonArrayFromSqlite)(
        eb
          .selectFrom('partnership_closure_days')
          .select(['partnership_closure_days.date', 'partnership_closure_days.name'])
          .whereRef('partnership_closure_days.partnership_id', '=', 'partnerships.id')
          .orderBy('partnership_closure_days.date'),
      ).as('closure_days'),
    );
}

const partnershipById = compiledOnce((db: Kysely<DatabaseSchema>, id: string) =>
  partnershipsWithClosureDays(db).where('partnerships.id', '=', id),
);

export function partnershipRepository(db: Kysely<DatabaseSchema>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const withClosureDays = () => partnershipsWithClosureDays(db);

  function toPartnership(
    row: Selectable<DatabaseSchema['partnerships']> & { closure_days: unknown },
  ): Partnership {
    return {
      id: row.id,
      name: row.name,
      referencePrefix: row.reference_prefix,
      createdAt: row.created_at,
      reminderWorkingDays: Number(row.reminder_working_days ?? 1),
      workingTime: {
        region: row.calendar as CalendarRegion,
        timeZone: row.time_zone,
        workingHours: { start: row.working_hours_start, end: row.working_hours_end },
        workingWeekdays: json<number[]>(row.working_weekdays),
        closureDays: json<{ date: string; name: string }[]>(row.closure_days as string | object),
      },
    };
  }

  return {
    async insert(partnership: Partnership): Promise<void> {
      const { workingTime } = partnership;
      await uniqueOrConflict(
        db
          .insertInto('partnerships')
          .values({
            id: partnership.id,
            name: partnership.name,
            reference_prefix: partnership.referencePrefix,
            time_zone: workingTime.timeZone,
            calendar: workingTime.region,
            working_hours_start: workingTime.workingHours.start,
            working_hours_end: workingTime.workingHours.end,
            working_weekdays: toJson(workingTime.workingWeekdays ?? [1, 2, 3, 4, 5]),
            reminder_working_days: partnership.reminderWorkingDays,
            created_at: partnership.createdAt,
          })
          .execute(),
        `There is already a partnership called ${partnership.name}`,
      );
      for (const day of workingTime.closureDays ?? []) {
        await db
          .insertInto('partnership_closure_days')
          .values({ partnership_id: partnership.id, date: day.date, name: day.name })
          .execute();
      }
    },

    async setWorkingTime(
      partnershipId: string,
      time: {
        region: string;
        workingHours: { start: string; end: string };
        /** Unchanged when not given. */
        timeZone?: string | undefined;
        /** ISO weekdays (1 is Monday); unchanged when not given. */
        workingWeekdays?: readonly number[] | undefined;
        reminderWorkingDays?: number | undefined;
      },
    ): Promise<void> {
      await db
        .updateTable('partnerships')
        .set({
          calendar: time.region,
          working_hours_start: time.workingHours.start,
          working_hours_end: time.workingHours.end,
          ...(time.timeZone ? { time_zone: time.timeZone } : {}),
          ...(time.workingWeekdays
            ? { working_weekdays: toJson([...time.workingWeekdays].sort((a, b) => a - b)) }
            : {}),
          ...(time.reminderWorkingDays ? { reminder_working_days: time.reminderWorkingDays } : {}),
        })
        .where('id', '=', partnershipId)
        .execute();
    },

    async addClosureDay(partnershipId: string, day: { date: string; name: string }): Promise<void> {
      await uniqueOrConflict(
        db
          .insertInto('partnership_closure_days')
          .values({ partnership_id: partnershipId, date: day.date, name: day.name })
          .execute(),
        'That day is already a closure day',
      );
    },

    /** Whether there was such a closure day to remove. */
    async removeClosureDay(partnershipId: string, date: string): Promise<boolean> {
      const result = await db
        .deleteFrom('partnership_closure_days')
        .where('partnership_id', '=', partnershipId)
        .where('date', '=', date)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async get(id: string): Promise<Partnership | undefined> {
      const [row] = await partnershipById(db, id);
      return row && toPartnership(row);
    },

    /**
     * The partnership read to be changed in the caller's transaction: locked on PostgreSQL
     * until it ends, so two adoptions at the same moment number their versions in turn
     * (SQLite has one writer).
     */
    async getToChange(id: string): Promise<Partnership | undefined> {
      const query = withClosureDays().where('partnerships.id', '=', id);
      const row = await (postgres ? query.forUpdate() : query).executeTakeFirst();
      return row && toPartnership(row);
    },

    async list(): Promise<Partnership[]> {
      const rows = await withClosureDays().orderBy('partnerships.name').execute();
      return rows.map(toPartnership);
    },

    /** The reference prefixes partnerships already have. */
    async referencePrefixes(): Promise<Set<string>> {
      const rows = await db.selectFrom('partnerships').select('reference_prefix').execute();
      return new Set(rows.map((row) => row.reference_prefix));
    },

    async nameTaken(name: string): Promise<boolean> {
      const row = await db
        .selectFrom('partnerships')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
        .executeTakeFirst();
      return row !== undefined;
    },

    async addProtocolVersion(
      version: Omit<ProtocolVersion, 'version'> & { id: string },
    ): Promise<number> {
      const latest = await db
        .selectFrom('protocol_versions')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('partnership_id', '=', version.partnershipId)
        .executeTakeFirst();
      const next = Number(latest?.version ?? 0) + 1;
      await db
        .insertInto('protocol_versions')
        .values({
          id: version.id,
          partnership_id: version.partnershipId,
          version: next,
          protocol_id: version.protocolId,
          name: version.name,
          source: version.source,
          adopted_at: version.adoptedAt,
          adopted_by: version.adoptedBy,
          reason: version.reason,
        })
        .execute();
      return next;
    },

    /** Every version the partnership adopted, newest first, without their files. */
    async protocolVersions(partnershipId: string): Promise<Omit<ProtocolVersion, 'source'>[]> {
      const rows = await db
        .selectFrom('protocol_versions')
        .select([
          'partnership_id',
          'version',
          'protocol_id',
          'name',
          'adopted_at',
          'adopted_by',
          'reason',
        ])
        .where('partnership_id', '=', partnershipId)
        .orderBy('version', 'desc')
        .execute();
      return rows.map((row) => ({
        partnershipId: row.partnership_id,
        version: Number(row.version),
        protocolId: row.protocol_id,
        name: row.name,
        adoptedAt: row.adopted_at,
        adoptedBy: row.adopted_by,
        reason: row.reason,
      }));
    },

    /**
     * How many of the partnership's cases run on each protocol version, and how many of those
     * are open: one query, grouped by version. Versions no case runs on are absent.
     */
    async caseCountsByProtocolVersion(
      partnershipId: string,
    ): Promise<Map<number, { cases: number; openCases: number }>> {
      const rows = await db
        .selectFrom('disagreements')
        .select((eb) => [
          'protocol_version',
          eb.fn.countAll().as('cases'),
          eb.fn.sum(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open_cases'),
        ])
        .where('partnership_id', '=', partnershipId)
        .groupBy('protocol_version')
        .execute();
      return new Map(
        rows.map((row) => [
          Number(row.protocol_version),
          { cases: Number(row.cases), openCases: Number(row.open_cases ?? 0) },
        ]),
      );
    },

    /** The version in force (the newest), or a given one for a case that started under it. */
    async protocolVersion(
      partnershipId: string,
      version?: number,
    ): Promise<ProtocolVersion | undefined> {
      let query = db
        .selectFrom('protocol_versions')
        .selectAll()
        .where('partnership_id', '=', partnershipId);
      query =
        version === undefined
          ? query.orderBy('version', 'desc').limit(1)
          : query.where('version', '=', version);
      const row = await query.executeTakeFirst();
      return (
        row && {
          partnershipId: row.partnership_id,
          version: Number(row.version),
          protocolId: row.protocol_id,
          name: row.name,
          source: row.source,
          adoptedAt: row.adopted_at,
          adoptedBy: row.adopted_by,
          reason: row.reason,
        }
      );
    },
  };
}

export type PartnershipRepository = ReturnType<typeof partnershipRepository>;
