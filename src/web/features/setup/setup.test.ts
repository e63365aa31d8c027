import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as cheerio from 'cheerio';
import { cookieFrom, csrfTokenIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { partnershipRepository } from '../../../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../../../db/repositories/peopleRepository.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { Conflict } from '../../../domain/errors.ts';
import { builtInProtocolFile } from '../../../protocols/builtInProtocols.ts';
import { createPartnership } from '../../../services/createPartnership.ts';
import { commandLine } from '../../../services/requestContext.ts';
import { setUpFirstPartnership } from '../../../services/setUpFirstPartnership.ts';
import { openSetup } from '../../../services/setupCode.ts';

const clock = fixedClock('2026-11-24T10:00:00Z');
const ada = {
  name: 'Ada Example',
  email: 'ada@example.org',
  password: 'lantern orchard velvet compass',
};

describeOnEachDatabase('first-run setup and its one-time code', (context) => {
  const deps = {
    get database() {
      return context.database;
    },
    clock,
  };

  async function setupPage() {
    const app = await buildTestApp({ database: context.database, clock });
    const page = await app.inject({ method: 'GET', url: '/setup' });
    return { app, page, cookie: cookieFrom(page), csrf: csrfTokenIn(page.body) };
  }

  test('without the code an instance printed, setup stores nothing', async (t) => {
    const code = await openSetup(deps);
    assert.match(code ?? '', /^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/);
    const stored = await context.database.db.selectFrom('settings').select('value').execute();
    assert.ok(
      stored.every((row) => !row.value.includes(code ?? '')),
      'the code is not stored as it is',
    );
    const { app, page, cookie, csrf } = await setupPage();
    t.after(() => app.close());
    assert.equal(cheerio.load(page.body)('input#setupCode').length, 1);

    const tries: [string, string][] = [
      ['', 'Enter the setup code'],
      [
        '0000-0000-0000-0000-0000-0000-0000-0000',
        'Enter the setup code exactly as Accord printed it when it started',
      ],
    ];
    for (const [setupCode, message] of tries) {
      const response = await app.inject({
        method: 'POST',
        url: '/setup',
        headers: { cookie },
        payload: {
          _csrf: csrf,
          setupCode,
          partnershipName: 'Riverside Safeguarding Children Partnership',
          protocolId: 'humber',
          ...ada,
        },
      });
      assert.equal(response.statusCode, 400, setupCode);
      const $ = cheerio.load(response.body);
      assert.equal($('.govuk-error-summary a[href="#setupCode"]').text(), message);
    }
    assert.equal(await peopleRepository(context.database.db).count(), 0);
    assert.equal((await partnershipRepository(context.database.db).list()).length, 0);
    assert.equal((await app.inject({ method: 'GET', url: '/setup' })).statusCode, 200);
  });

  test('a name with a line break or a tab in it is refused beside its field, and nothing is stored', async (t) => {
    const code = await openSetup(deps);
    const { app, cookie, csrf } = await setupPage();
    t.after(() => app.close());
    for (const [field, answer] of [
      ['partnershipName', 'Riverside Safeguarding\r\nChildren Partnership'],
      ['name', 'Ada\tExample'],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: '/setup',
        headers: { cookie },
        payload: {
          _csrf: csrf,
          setupCode: code ?? '',
          partnershipName: 'Riverside Safeguarding Children Partnership',
          protocolId: 'humber',
          ...ada,
          [field]: answer,
        },
      });
      assert.equal(response.statusCode, 400, field);
      const $ = cheerio.load(response.body);
      assert.match($(`.govuk-error-summary a[href="#${field}"]`).text(), /control characters/);
    }
    assert.equal(await peopleRepository(context.database.db).count(), 0);
  });

  test('two setups racing with the code make one administrator, and the code then works no more', async () => {
    const code = await openSetup(deps);
    assert.ok(code);
    const attempts = await Promise.allSettled(
      [
        'Riverside Safeguarding Children Partnership',
        'Hillside Safeguarding Children Partnership',
      ].map((partnershipName, i) =>
        setUpFirstPartnership(
          deps,
          {
            setupCode: code,
            partnershipName,
            protocolId: 'humber',
            ...ada,
            email: `admin${i}@example.org`,
          },
          commandLine,
        ),
      ),
    );
    assert.deepEqual(attempts.map((attempt) => attempt.status).sort(), ['fulfilled', 'rejected']);
    const refused = attempts.find((attempt) => attempt.status === 'rejected');
    assert.ok(refused?.reason instanceof Conflict, `a conflict, not ${refused?.reason}`);
    assert.equal(await peopleRepository(context.database.db).count(), 1);
    assert.equal(await openSetup(deps), undefined, 'setup is closed for good once anyone exists');
    const codes = await context.database.db
      .selectFrom('settings')
      .select('key')
      .where('key', 'like', 'setup-code:%')
      .execute();
    assert.deepEqual(codes, [], 'the codes are gone');
  });
});

describeOnEachDatabase('setup after `accord partnership create`', (context) => {
  test('adds the first administrator to that partnership and makes no other', async (t) => {
    const deps = { database: context.database, clock };
    const made = await createPartnership(
      deps,
      {
        name: 'Riverside Safeguarding Children Partnership',
        protocolSource: readFileSync(builtInProtocolFile('humber'), 'utf8'),
      },
      commandLine,
    );
    const code = await openSetup(deps);
    assert.ok(code, 'a partnership without people still needs setting up');
    const app = await buildTestApp({ database: context.database, clock });
    t.after(() => app.close());
    const page = await app.inject({ method: 'GET', url: '/setup' });
    const $ = cheerio.load(page.body);
    assert.equal($('input[name="partnershipName"]').length, 0, 'no new partnership is asked for');
    assert.deepEqual(
      $('input[name="partnershipId"]')
        .map((_, input) => $(input).attr('value'))
        .get(),
      [made.id],
    );

    const cookie = cookieFrom(page);
    const done = await app.inject({
      method: 'POST',
      url: '/setup',
      headers: { cookie },
      payload: {
        _csrf: csrfTokenIn(page.body),
        setupCode: code.toUpperCase(),
        partnershipId: made.id,
        ...ada,
      },
    });
    assert.equal(done.statusCode, 303);
    const partnerships = await partnershipRepository(context.database.db).list();
    assert.deepEqual(
      partnerships.map((partnership) => partnership.id),
      [made.id],
    );
    const person = await peopleRepository(context.database.db).findByEmail(ada.email);
    assert.equal(person?.partnershipId, made.id);
    assert.deepEqual([...(person?.roles ?? [])].sort(), ['admin', 'partnership-team']);
  });
});
