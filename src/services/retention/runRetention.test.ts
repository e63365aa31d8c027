import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { aCase, aDisagreementCast, type Cast, contextOf } from '../../../test/factories.ts';
import { databaseKindsToTest, describeOnEachDatabase } from '../../../test/testDatabase.ts';
import { type Database, openDatabase, SQLITE_FILE_NAME } from '../../db/database.ts';
import { prepareDatabase } from '../../db/prepareDatabase.ts';
import { caseReads } from '../../db/repositories/caseReads.ts';
import { outboxRepository } from '../../db/repositories/outboxRepository.ts';
import { releasePurgedBytes } from '../../db/repositories/retentionRepository.ts';
import { sessionRepository } from '../../db/repositories/sessionRepository.ts';
import { fixedClock } from '../../domain/clock.ts';
import type { Person } from '../../domain/directory/directory.ts';
import { close } from '../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../../domain/disagreement/actions/proposeOutcome.ts';
import { recordDiscussion } from '../../domain/disagreement/actions/recordDiscussion.ts';
import { withdraw } from '../../domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { dashboard } from '../dashboard.ts';
import { exportCases } from '../exportCases.ts';
import { learningLog, recordLessonStatus } from '../learningLog.ts';
import { monitoringInbox } from '../monitoringInbox.ts';
import { reportSummary } from '../reportSummary.ts';
import { runCaseAction } from '../runCaseAction.ts';
import { verifyAuditLog } from '../verifyAuditLog.ts';
import { runRetention } from './runRetention.ts';

const NOW = '2026-11-24T10:00:00Z';
const clock = fixedClock(NOW);
// Words that appear only in the old cases' free text and children's details.
const CHILD = 'Zebedee';
const SECRET = 'Quixotry';

const london = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('Europe/London').toInstant().toString();

async function rowsOfEveryTable(database: Database): Promise<string> {
  const tables =
    database.kind === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          database.db,
        )
      : await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
          database.db,
        );
  const dumps: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(database.db);
    dumps.push(JSON.stringify(rows.rows));
  }
  return dumps.join('\n');
}

/** The bytes of every file of the database: SQLite's file and log, PostgreSQL's relations. */
async function bytesOfTheFiles(database: Database, dataDir: string | undefined): Promise<string> {
  if (database.kind === 'sqlite') {
    return readdirSync(dataDir as string)
      .map((file) => readFileSync(path.join(dataDir as string, file)).toString('latin1'))
      .join('\n');
  }
  await sql`checkpoint`.execute(database.db);
  const { rows } = await sql<{ file: string }>`
    select current_setting('data_directory') || '/' || pg_relation_filepath(c.oid) as file
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where pg_relation_filepath(c.oid) is not null
      and (n.nspname = current_schema() or c.oid in (
        select reltoastrelid from pg_class t join pg_namespace tn on tn.oid = t.relnamespace
        where tn.nspname = current_schema()
        union
        select i.indexrelid from pg_index i join pg_class t on t.oid = i.indrelid
          join pg_namespace tn on tn.oid = t.relnamespace
        where tn.nspname = current_schema() or t.oid in (
          select reltoastrelid from pg_class x join pg_namespace xn on xn.oid = x.relnamespace
          where xn.nspname = current_schema())))`.execute(database.db);
  return rows
    .flatMap(({ file }) => {
      const directory = path.dirname(file);
      const base = path.basename(file);
      return readdirSync(directory)
        .filter((name) => name === base || name.startsWith(`${base}.`))
        .map((name) => readFileSync(path.join(directory, name)).toString('latin1'));
    })
    .join('\n');
}

const mentions = (text: string) =>
  text.toLowerCase().includes(CHILD.toLowerCase()) ||
  text.toLowerCase().includes(SECRET.toLowerCase());

describeOnEachDatabase('purging cases past their retention period', (context) => {
  const deps = () => ({ database: context.database, clock });
  let cast: Cast;
  let resolvedLongAgo: Disagreement;
  let withdrawnLongAgo: Disagreement;
  let closedRecently: Disagreement;
  let openLongAgo: Disagreement;

  const act = async <C extends Parameters<typeof runCaseAction>[1]>(
    disagreement: Disagreement,
    command: C,
    input: Parameters<typeof runCaseAction<C['input']>>[2]['input'],
    by: Person,
    at: string,
  ) => {
    clock.set(at);
    return runCaseAction(
      deps(),
      command,
      { id: disagreement.id, version: disagreement.version, input },
      await contextOf(context.database, by),
    );
  };

  const resolvedAndClosed = async (raisedAt: string, words: string, closedAt: string) => {
    clock.set(raisedAt);
    let disagreement = await aCase(deps(), cast, {
      raisedAt,
      children: [{ firstName: words, lastName: 'Example', dateOfBirth: '2015-04-01' }],
      summary: `${words} summary`,
      impactOnChild: `${words} impact`,
      desiredOutcome: `${words} outcome wanted`,
      evidence: `${words} evidence`,
      family: { parents: [`${words} Parent`], address: `1 ${words} Street` },
      agenciesInvolved: `${words} health visitor`,
    });
    const day = Temporal.Instant.from(raisedAt);
    const at = (days: number) => day.add({ hours: 24 * days }).toString();
    disagreement = await act(
      disagreement,
      recordDiscussion,
      {
        occurredAt: at(1),
        mode: 'phone',
        participants: [`${words} Grandparent`],
        summary: `${words} discussed`,
      },
      cast.school.practitioner,
      at(1),
    );
    disagreement = await act(
      disagreement,
      escalate,
      { occurredAt: at(2), reason: `${words} reason`, writtenAccount: `${words} account` },
      cast.school.manager,
      at(2),
    );
    disagreement = await act(
      disagreement,
      proposeOutcome,
      {
        occurredAt: at(3),
        agreedOutcome: `${words} agreed`,
        actions: [
          { description: `${words} visit`, ownerId: cast.school.manager.id, dueAt: at(20) },
        ],
      },
      cast.school.manager,
      at(3),
    );
    disagreement = await act(disagreement, confirmOutcome, {}, cast.socialCare.manager, at(4));
    disagreement = await act(
      disagreement,
      close,
      { lessons: [{ themes: ['training'], text: `${words} lesson` }] },
      cast.school.manager,
      closedAt,
    );
    const lessonId = disagreement.lessons[0]?.id as string;
    clock.set(closedAt);
    await recordLessonStatus(
      deps(),
      { lessonId, status: 'actioned', note: `${words} note` },
      await contextOf(context.database, cast.team),
    );
    return disagreement;
  };

  before(async () => {
    cast = await aDisagreementCast(context.database);
    // The raise draft the old case was typed into, kept in a session until it was raised.
    const sessions = sessionRepository(context.database.db);
    const draft = {
      personId: cast.school.practitioner.id,
      data: { raiseDraft: { children: [{ firstName: CHILD, lastName: 'Example' }] } },
      createdAt: london('2019-03-04T09:00'),
      expiresAt: london('2019-03-04T17:00'),
    };
    await sessions.save('draft-session', draft, london('2019-03-04T09:30'));
    await sessions.save('draft-session', { ...draft, data: {} }, london('2019-03-04T10:00'));
    resolvedLongAgo = await resolvedAndClosed(
      london('2019-03-04T10:00'),
      CHILD,
      london('2019-04-01T10:00'),
    );
    clock.set(london('2019-05-02T12:00'));
    withdrawnLongAgo = await aCase(deps(), cast, {
      raisedAt: london('2019-05-01T10:00'),
      children: [{ firstName: SECRET, lastName: 'Example' }],
      summary: `${SECRET} summary`,
      escalations: [{ at: london('2019-05-02T10:00'), reason: `${SECRET} reason` }],
    });
    withdrawnLongAgo = await act(
      withdrawnLongAgo,
      withdraw,
      { reason: `${SECRET} withdrawn` },
      cast.school.manager,
      london('2019-05-03T10:00'),
    );
    closedRecently = await resolvedAndClosed(
      london('2026-03-02T10:00'),
      'Marigold',
      london('2026-04-01T10:00'),
    );
    clock.set(london('2019-06-03T10:00'));
    openLongAgo = await aCase(deps(), cast, {
      raisedAt: london('2019-06-03T10:00'),
      children: [{ firstName: 'Perpetua', lastName: 'Example' }],
    });
    clock.set(NOW);
  });

  const figures = async () => {
    const team = await contextOf(context.database, cast.team);
    const query = { partnershipId: cast.partnershipId, from: '2018-01-01', to: '2026-11-24' };
    const csv = async (file: 'cases' | 'stages') => {
      const rows = [];
      for await (const row of (await exportCases(deps(), { query: {}, file }, team)).rows)
        rows.push(row);
      return rows;
    };
    const log = await learningLog(deps(), {}, team);
    const inbox = await monitoringInbox(deps(), { limit: 50 }, team);
    return {
      summary: await reportSummary(deps(), query, team),
      dashboard: await dashboard(deps(), query, team),
      cases: await csv('cases'),
      stages: await csv('stages'),
      // Whether the lesson's case is purged is what changes, not a figure.
      lessons: log.lessons.map(
        ({ text: _text, note: _note, casePurged: _casePurged, ...lesson }) => lesson,
      ),
      inbox: inbox.items.map((item) => [item.disagreement.id, item.disagreement.reference]),
    };
  };

  test('a dry run counts the cases past the period and changes nothing', async () => {
    const before = await rowsOfEveryTable(context.database);
    const run = await runRetention(deps(), { dryRun: true });
    assert.equal(run.purged, 2);
    assert.deepEqual(
      run.byPartnership.map(({ name: _name, ...partnership }) => partnership),
      [{ partnershipId: cast.partnershipId, months: 72, purged: 2 }],
    );
    assert.equal(await rowsOfEveryTable(context.database), before);
  });

  test('past its period a case loses its free text and children everywhere, and every figure stays', async () => {
    const figuresBefore = await figures();
    const reads = caseReads(context.database.db);
    const recentBefore = await reads.get(closedRecently.id);
    const openBefore = await reads.get(openLongAgo.id);
    assert.ok(mentions(await rowsOfEveryTable(context.database)), 'the old cases are stored');
    assert.ok(
      mentions(await bytesOfTheFiles(context.database, context.environment.DATA_DIR)),
      'and their words are in the files, so the test can see them go',
    );

    const run = await runRetention(deps());

    assert.equal(run.purged, 2);
    const purged = (await reads.get(resolvedLongAgo.id)) as Disagreement;
    assert.equal(purged.purgedAt, NOW.replace('Z', '.000Z'));
    assert.equal(purged.reference, resolvedLongAgo.reference);
    assert.deepEqual(purged.children, []);
    assert.equal(purged.summary, '');
    assert.deepEqual(purged.family, { parents: [], address: '' });
    assert.equal(purged.resolution?.agreedOutcome, '');
    assert.deepEqual(
      purged.stages.map((stage) => [stage.key, stage.startedAt, stage.endedAt, stage.outcome]),
      resolvedLongAgo.stages.map((stage) => [
        stage.key,
        stage.startedAt,
        stage.endedAt,
        stage.outcome,
      ]),
    );
    assert.deepEqual(purged.lessons[0]?.themes, ['training']);
    assert.equal(purged.lessons[0]?.text, '');
    assert.ok(!mentions(await rowsOfEveryTable(context.database)), 'in no table');
    assert.ok(
      !mentions(await bytesOfTheFiles(context.database, context.environment.DATA_DIR)),
      'in none of the files’ bytes',
    );
    const messages = await outboxRepository(context.database.db).forDisagreement(
      resolvedLongAgo.id,
    );
    assert.ok(messages.length > 0);
    assert.deepEqual(
      [...new Set(messages.map((message) => `${message.status} "${message.subject}"`))],
      ['dropped ""'],
      'its messages are emptied, and those not yet sent never go',
    );
    assert.ok(
      (await outboxRepository(context.database.db).forDisagreement(closedRecently.id)).every(
        (message) => message.subject !== '' && message.status === 'pending',
      ),
    );
    assert.deepEqual(await reads.get(closedRecently.id), recentBefore, 'a case within it is kept');
    assert.deepEqual(await reads.get(openLongAgo.id), openBefore, 'an open case is kept');
    assert.deepEqual(await figures(), figuresBefore, 'every report figure is unchanged');

    const check = await verifyAuditLog(context.database);
    assert.ok(check.intact);
    const { rows } = await sql<{ record_id: string }>`
      select record_id from audit_log where action = 'disagreement.purged' order by record_id`.execute(
      context.database.db,
    );
    assert.deepEqual(
      rows.map((row) => row.record_id),
      [resolvedLongAgo.id, withdrawnLongAgo.id].sort(),
      'one audit entry for each purged case',
    );

    assert.equal((await runRetention(deps())).purged, 0, 'a second run purges nothing');
  });
});

describeOnEachDatabase(
  'two instances purging at once',
  (context) => {
    test('never purge one case twice, nor audit it twice', async () => {
      const cast = await aDisagreementCast(context.database);
      const deps = { database: context.database, clock };
      const ids: string[] = [];
      for (let index = 0; index < 6; index++) {
        const at = london(`2019-05-0${index + 1}T10:00`);
        clock.set(at);
        let disagreement = await aCase(deps, cast, { raisedAt: at });
        clock.set(london(`2019-05-0${index + 1}T12:00`));
        disagreement = await runCaseAction(
          deps,
          withdraw,
          { id: disagreement.id, version: disagreement.version, input: { reason: 'Agreed' } },
          await contextOf(context.database, cast.school.manager),
        );
        ids.push(disagreement.id);
      }
      clock.set(NOW);
      const other =
        context.kind === 'postgres'
          ? openDatabase({
              kind: 'postgres',
              connectionString: context.environment.DATABASE_URL as string,
            })
          : context.database;
      try {
        const runs = await Promise.all([
          runRetention(deps),
          runRetention({ database: other, clock }),
          runRetention(deps),
        ]);
        assert.equal(
          runs.reduce((sum, run) => sum + run.purged, 0),
          6,
        );
      } finally {
        if (other !== context.database) await other.close();
      }
      const { rows } = await sql<{ record_id: string }>`
        select record_id from audit_log where action = 'disagreement.purged'`.execute(
        context.database.db,
      );
      assert.deepEqual(rows.map((row) => row.record_id).sort(), ids.sort());
      assert.ok((await verifyAuditLog(context.database)).intact);
    });
  },
  { eachTest: true },
);

describeOnEachDatabase(
  'a transaction older than the purge',
  (context) => {
    test('keeps the old bytes until it ends; the next run removes them', async () => {
      const cast = await aDisagreementCast(context.database);
      const deps = { database: context.database, clock, releaseWaitMs: 300 };
      clock.set(london('2019-05-02T12:00'));
      const raised = await aCase(deps, cast, {
        raisedAt: london('2019-05-01T10:00'),
        children: [{ firstName: CHILD, lastName: 'Example' }],
      });
      await runCaseAction(
        deps,
        withdraw,
        { id: raised.id, version: raised.version, input: { reason: 'Agreed' } },
        await contextOf(context.database, cast.school.manager),
      );
      clock.set(NOW);
      const reader = await anOpenReader(context);
      try {
        const held = await runRetention(deps);
        assert.equal(held.purged, 1);
        assert.equal(held.bytesReleased, false);
      } finally {
        await reader.end();
      }
      // Test files run at once on one PostgreSQL database: give theirs time to end too.
      const next = await runRetention({ ...deps, releaseWaitMs: 60_000 });
      assert.deepEqual([next.purged, next.bytesReleased], [0, true]);
      assert.ok(!mentions(await bytesOfTheFiles(context.database, context.environment.DATA_DIR)));
      assert.equal((await runRetention(deps)).bytesReleased, null, 'then nothing is left to do');
    });

    // PostgreSQL's VACUUM FULL waits for a table's lock, and queries on the table queue behind it.
    const onPostgres = context.kind === 'postgres' ? test : () => {};
    onPostgres(
      'nor does a table locked by another transaction hold the purge up for long',
      async () => {
        const client = new pg.Client({ connectionString: context.environment.DATABASE_URL });
        await client.connect();
        try {
          await client.query('begin');
          await client.query('lock table outbox in access share mode');
          const started = Date.now();
          assert.equal(await releasePurgedBytes(context.database, 0), false);
          assert.ok(Date.now() - started < 15_000);
        } finally {
          await client.query('commit');
          await client.end();
        }
        assert.equal(await releasePurgedBytes(context.database, 60_000), true);
      },
    );
  },
  { eachTest: true },
);

/** Another connection, in a transaction that has read the cases: it sees them as they are now. */
async function anOpenReader(context: {
  kind: string;
  environment: Record<string, string>;
}): Promise<{ end(): Promise<void> }> {
  if (context.kind === 'sqlite') {
    const connection = new DatabaseSync(
      path.join(context.environment.DATA_DIR as string, SQLITE_FILE_NAME),
    );
    connection.exec('begin');
    connection.prepare('select count(*) from disagreements').get();
    return {
      end: async () => {
        connection.exec('commit');
        connection.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: context.environment.DATABASE_URL });
  await client.connect();
  await client.query('begin isolation level repeatable read');
  await client.query('select count(*) from disagreements');
  return {
    end: async () => {
      await client.query('commit');
      await client.end();
    },
  };
}

const postgres = databaseKindsToTest().find(({ kind }) => kind === 'postgres');

test('on PostgreSQL with an owner role, the owner removes the old bytes, which Accord’s own role may not', {
  skip: postgres?.skip ?? 'no PostgreSQL',
}, async (t) => {
  // A database of its own, not a schema in the shared one: the purge rightly waits for older
  // transactions in its database, and other test processes' would otherwise be among them.
  const name = `accord_retention_${process.pid}_${Date.now()}`;
  const server = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await server.connect();
  await server.query(`create database ${name}`);
  const ownerUrlObject = new URL(process.env.TEST_DATABASE_URL ?? '');
  ownerUrlObject.pathname = `/${name}`;
  const ownerUrl = ownerUrlObject.toString();
  const role = `accord_app_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`create role ${role} login`);
  const appUrl = new URL(ownerUrl);
  appUrl.username = role;
  const app = openDatabase({ kind: 'postgres', connectionString: appUrl.toString() });
  const owner = openDatabase({ kind: 'postgres', connectionString: ownerUrl });
  t.after(async () => {
    await app.close();
    await owner.close();
    await admin.query(`drop owned by ${role}`);
    await admin.end();
    await server.query(`drop database if exists ${name} with (force)`);
    await server.query(`drop role ${role}`);
    await server.end();
  });
  await prepareDatabase({ databaseOwnerUrl: ownerUrl }, app);
  const cast = await aDisagreementCast(app);
  clock.set(london('2019-05-02T12:00'));
  const deps = { database: app, clock };
  const raised = await aCase(deps, cast, {
    raisedAt: london('2019-05-01T10:00'),
    children: [{ firstName: CHILD, lastName: 'Example' }],
  });
  await runCaseAction(
    deps,
    withdraw,
    { id: raised.id, version: raised.version, input: { reason: 'Agreed' } },
    await contextOf(app, cast.school.manager),
  );
  clock.set(NOW);

  const asItself = await runRetention(deps);
  assert.deepEqual([asItself.purged, asItself.bytesReleased], [1, false]);
  const asOwner = await runRetention({ ...deps, databaseOwnerUrl: ownerUrl });
  assert.deepEqual([asOwner.purged, asOwner.bytesReleased], [0, true]);
  assert.ok(!mentions(await bytesOfTheFiles(owner, undefined)));
});
