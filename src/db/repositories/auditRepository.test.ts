import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { appendReads, readFacts } from '../../../test/auditTampering.ts';
import { testConfig } from '../../../test/testApp.ts';
import {
  createScratchDatabase,
  type DatabaseKind,
  databaseKindsToTest,
  describeOnEachDatabase,
} from '../../../test/testDatabase.ts';
import { runCli } from '../../cli/main.ts';
import { verifyAuditLog } from '../../services/verifyAuditLog.ts';
import { type Database, openDatabase } from '../database.ts';
import { migrateToLatest } from '../migrate.ts';
import { prepareDatabase } from '../prepareDatabase.ts';
import { auditRepository } from './auditRepository.ts';

async function verifyByCommand(scratchEnv: Record<string, string>) {
  const out: string[] = [];
  const exitCode = await runCli(['audit', 'verify'], {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => out.push(text) },
    loadConfig: () => testConfig(scratchEnv),
  });
  return { exitCode, output: out.join('') };
}

describeOnEachDatabase('audit log', (context) => {
  test('entries chain together and verify as intact', async () => {
    const before = (await verifyAuditLog(context.database)).entries;
    await appendReads(context.database, 1, 5);
    const check = await verifyAuditLog(context.database);
    assert.equal(check.intact, true);
    assert.equal(check.entries, before + 5);
  });

  test('concurrent appends never fork the chain', async () => {
    const before = (await verifyAuditLog(context.database)).entries;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        context.database.db
          .transaction()
          .execute((trx) => auditRepository(trx).append(readFacts(100 + i))),
      ),
    );
    const check = await verifyAuditLog(context.database);
    assert.equal(check.intact, true);
    assert.equal(check.entries, before + 40);
  });

  test('many entries appended at once chain in order, also beside single appends', async () => {
    const before = (await verifyAuditLog(context.database)).entries;
    await Promise.all([
      context.database.db
        .transaction()
        .execute((trx) =>
          auditRepository(trx).appendMany(
            Array.from({ length: 1200 }, (_, i) => readFacts(2000 + i)),
          ),
        ),
      ...Array.from({ length: 10 }, (_, i) =>
        context.database.db
          .transaction()
          .execute((trx) => auditRepository(trx).append(readFacts(5000 + i))),
      ),
    ]);
    const check = await verifyAuditLog(context.database);
    assert.equal(check.intact, true);
    assert.equal(check.entries, before + 1210);
  });

  test('an entry appended in a transaction that fails is not kept', async () => {
    const before = (await verifyAuditLog(context.database)).entries;
    await assert.rejects(
      context.database.db.transaction().execute(async (trx) => {
        await auditRepository(trx).append(readFacts(999));
        throw new Error('the change failed');
      }),
    );
    const check = await verifyAuditLog(context.database);
    assert.equal(check.intact, true);
    assert.equal(check.entries, before);
  });

  test('the application cannot change, remove or truncate entries', async () => {
    const { db } = context.database;
    await appendReads(context.database, 0, 1);
    const attempts = [
      sql`update audit_log set action = 'case.edited' where seq = 1`,
      sql`delete from audit_log where seq = 1`,
      ...(context.kind === 'postgres' ? [sql`truncate audit_log`] : []),
    ];
    let succeeded = 0;
    for (const attempt of attempts) {
      try {
        await attempt.execute(db);
        succeeded++;
      } catch (error) {
        assert.match(String(error), /audit entries cannot be changed or removed/);
      }
    }
    assert.equal(succeeded, 0);
    console.log(
      `[${context.kind}] changes to audit entries that succeeded: ${succeeded} of ${attempts.length}`,
    );
  });
});

for (const { kind, skip } of databaseKindsToTest()) {
  describe(`tampering with the audit log is detected [${kind}]`, { skip }, () => {
    // Each tampering, and the message that must name its first broken entry.
    const tamperings: Record<string, [(database: Database) => Promise<unknown>, RegExp]> = {
      'an edited entry': [
        (database) =>
          sql`update audit_log set action = 'case.closed' where seq = 3`.execute(database.db),
        /^The audit log is broken at entry 3: entry 3 has been changed since it was written\.\n$/,
      ],
      'a deleted entry': [
        (database) => sql`delete from audit_log where seq = 3`.execute(database.db),
        /^The audit log is broken at entry 3: entry 3 is missing: entry 4 follows entry 2\.\n$/,
      ],
      'two entries swapped': [
        async (database) => {
          await sql`update audit_log set seq = 1000 where seq = 2`.execute(database.db);
          await sql`update audit_log set seq = 2 where seq = 3`.execute(database.db);
          await sql`update audit_log set seq = 3 where seq = 1000`.execute(database.db);
        },
        /^The audit log is broken at entry 2: entry 2 does not follow from the entry before it\.\n$/,
      ],
      'entries cut from the end': [
        (database) => sql`delete from audit_log where seq > 3`.execute(database.db),
        /^The audit log is broken at entry 4: entries 4 to 5 are missing from the end/,
      ],
    };
    let detected = 0;
    after(() => {
      console.log(
        `[${kind}] tampering detected by accord audit verify: ${detected} of ${Object.keys(tamperings).length}`,
      );
    });

    for (const [name, [tamper, message]] of Object.entries(tamperings)) {
      test(`${name} is found by accord audit verify`, async (t) => {
        const scratch = await createScratchDatabase(kind);
        const database = openDatabase(scratch.target);
        t.after(async () => {
          await database.close();
          await scratch.remove();
        });
        await migrateToLatest(database.db);
        await appendReads(database, 1, 5);
        assert.equal((await verifyByCommand(scratch.environment)).exitCode, 0);

        await disableAuditTriggers(database, kind);
        await tamper(database);
        const result = await verifyByCommand(scratch.environment);
        assert.equal(result.exitCode, 1);
        assert.match(result.output, message);
        detected++;
      });
    }
  });
}

// What someone with the database files or the owner's password could do.
async function disableAuditTriggers(database: Database, kind: DatabaseKind): Promise<void> {
  if (kind === 'sqlite') {
    await sql`drop trigger audit_log_no_update`.execute(database.db);
    await sql`drop trigger audit_log_no_delete`.execute(database.db);
  } else {
    await sql`alter table audit_log disable trigger user`.execute(database.db);
  }
}

const postgres = databaseKindsToTest().find(({ kind }) => kind === 'postgres');

test("on PostgreSQL Accord's own role may add to the audit log but never change it, even with the triggers off", {
  skip: postgres?.skip ?? 'no PostgreSQL',
}, async (t) => {
  const scratch = await createScratchDatabase('postgres');
  const ownerUrl = scratch.environment.DATABASE_URL ?? '';
  const role = `accord_app_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`create role ${role} login`);
  const appUrl = new URL(ownerUrl);
  appUrl.username = role;
  const app = openDatabase({ kind: 'postgres', connectionString: appUrl.toString() });
  t.after(async () => {
    await app.close();
    await scratch.remove();
    await admin.query(`drop owned by ${role}`);
    await admin.query(`drop role ${role}`);
    await admin.end();
  });

  await prepareDatabase({ databaseOwnerUrl: ownerUrl }, app);
  await app.db.transaction().execute((trx) => auditRepository(trx).append(readFacts(1)));
  await admin.query('alter table audit_log disable trigger user');

  let succeeded = 0;
  for (const statement of [
    'update audit_log set action = $$x$$',
    'delete from audit_log',
    'truncate audit_log',
  ]) {
    try {
      await sql.raw(statement).execute(app.db);
      succeeded++;
    } catch (error) {
      assert.equal((error as { code?: string }).code, '42501', `${statement}: ${error}`);
    }
  }
  assert.equal(succeeded, 0);
  console.log(
    `[postgres] application role's UPDATE, DELETE and TRUNCATE on the audit log that succeeded: ${succeeded} of 3`,
  );
  assert.equal((await verifyAuditLog(app)).intact, true);
});
