import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { accordCommand } from '../../test/accordCommand.ts';
import { createScratchDatabase, databaseKindsToTest } from '../../test/testDatabase.ts';
import { openDatabase } from '../db/database.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { fixedClock } from '../domain/clock.ts';
import { authenticateApiToken } from '../services/apiTokens.ts';

for (const { kind, skip } of databaseKindsToTest()) {
  describe(`accord partnership, protocol adopt, directory import and token create [${kind}]`, {
    skip,
  }, async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'accord-cli-'));
    const scratch = await createScratchDatabase(kind);
    after(async () => {
      rmSync(folder, { recursive: true, force: true });
      await scratch.remove();
    });
    const run = (...argv: string[]) => accordCommand(scratch.environment, ...argv);
    let made = 0;
    // Each test makes the partnership (and people) it works on, so each passes alone.
    const aPartnership = async () => {
      const result = await run(
        'partnership',
        'create',
        '--name',
        `Lincolnshire (test ${++made})`,
        '--protocol',
        'lincolnshire',
      );
      assert.equal(result.exitCode, 0, result.stderr);
      return result;
    };
    const aPersonNamed = async (email: string) => {
      const partnershipId = (await aPartnership()).stdout.trim();
      const file = path.join(folder, `person-${made}.csv`);
      writeFileSync(
        file,
        `name,email,agency,agency_kind,roles\nSam Example,${email},Lakeside Academy,school,practitioner\n`,
      );
      const imported = await run('directory', 'import', file, '--partnership', partnershipId);
      assert.equal(imported.exitCode, 0, imported.stderr);
      return { partnershipId, imported };
    };

    test('partnership create prints only the new id', async () => {
      assert.match((await aPartnership()).stdout, /^[0-9a-f-]{36}\n$/);
    });

    test('directory import adds people, or refuses the whole file with row-numbered errors', async () => {
      const { partnershipId, imported } = await aPersonNamed('sam.import@example.org');
      assert.equal(imported.stdout, 'Imported 1 person.\n');

      const bad = path.join(folder, 'bad.csv');
      writeFileSync(bad, 'name,email,roles\nNo Email,,practitioner\n');
      const refused = await run('directory', 'import', bad, '--partnership', partnershipId);
      assert.equal(refused.exitCode, 1);
      assert.match(
        refused.stderr,
        /nothing was imported\n {2}row 2: email: must be an e-mail address\n/,
      );
    });

    test('token create prints only a token that acts as that person', async () => {
      await aPersonNamed('sam@example.org');
      const created = await run(
        'token',
        'create',
        '--user',
        'SAM@example.org',
        '--name',
        'Reporting',
      );
      assert.equal(created.exitCode, 0, created.stderr);
      assert.match(created.stdout, /^accord_[\w-]{43}\n$/);
      const database = openDatabase(scratch.target);
      try {
        const actor = await authenticateApiToken(
          { database, clock: fixedClock('2026-11-24T10:00:00Z') },
          created.stdout.trim(),
        );
        assert.equal(actor?.email, 'sam@example.org');
      } finally {
        await database.close();
      }
      const nobody = await run('token', 'create', '--user', 'nobody@example.org');
      assert.equal(nobody.exitCode, 1);
      assert.equal(nobody.stdout, '');
    });

    test('protocol adopt makes a new version; a broken file is refused naming its fields', async () => {
      const partnershipId = (await aPartnership()).stdout.trim();
      const adopted = await run(
        'protocol',
        'adopt',
        '--partnership',
        partnershipId,
        path.resolve('src/protocols/humber.yaml'),
      );
      assert.equal(adopted.exitCode, 0, adopted.stderr);
      assert.match(
        adopted.stdout,
        /^Adopted Humber resolving professional disagreements as version 2\./,
      );
      // The file says version 1: kept as given, and said (not an error).
      assert.match(
        adopted.stdout,
        /\nThe file says version 1: it is kept as given, but the partnership numbers it 2\.\n/,
      );
      const longerDay = path.join(folder, 'longer-day.yaml');
      writeFileSync(
        longerDay,
        readFileSync(path.resolve('src/protocols/humber.yaml'), 'utf8').replace(
          /workingHours: .*\n/,
          'workingHours: { start: "08:00", end: "18:00" }\n',
        ),
      );
      const withReason = await run(
        'protocol',
        'adopt',
        '--partnership',
        partnershipId,
        '--reason',
        'Longer office hours from January',
        longerDay,
      );
      assert.equal(withReason.exitCode, 0, withReason.stderr);
      assert.match(
        withReason.stdout,
        /as version 3\.[\s\S]*changed the partnership's working time\. Working hours changed from 9am to 5pm to 8am to 6pm\. 0 open disagreements are now due at another time\.\n$/,
      );
      const database = openDatabase(scratch.target);
      try {
        const partnerships = partnershipRepository(database.db);
        assert.equal(
          (await partnerships.protocolVersion(partnershipId))?.reason,
          'Longer office hours from January',
        );
        assert.deepEqual(
          { ...(await partnerships.get(partnershipId))?.workingTime.workingHours },
          { start: '08:00', end: '18:00' },
        );
        const created = await run(
          'partnership',
          'create',
          '--name',
          `Longer day (test ${++made})`,
          '--protocol',
          longerDay,
        );
        assert.equal(created.exitCode, 0, created.stderr);
        assert.deepEqual(
          { ...(await partnerships.get(created.stdout.trim()))?.workingTime.workingHours },
          { start: '08:00', end: '18:00' },
          'a partnership created on a file runs on its calendar',
        );
      } finally {
        await database.close();
      }
      const broken = path.join(folder, 'broken.yaml');
      writeFileSync(broken, 'id: broken\nversion: 1\n');
      const refused = await run('protocol', 'adopt', '--partnership', partnershipId, broken);
      assert.equal(refused.exitCode, 1);
      assert.match(refused.stderr, / {2}protocol\.name: is required\n/);
    });

    test('audit verify finds every change in an intact log', async () => {
      await aPersonNamed('sam.audited@example.org');
      const result = await run('audit', 'verify');
      assert.equal(result.exitCode, 0);
      assert.match(result.stdout, /^The audit log is intact: \d+ entries/);
    });
  });
}
