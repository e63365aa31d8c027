import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { aCase, actAt, aDisagreementCast, aPerson, type Cast } from '../../../../test/factories.ts';
import { signIn } from '../../../../test/signIn.ts';
import { buildTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import type { Person } from '../../../domain/directory/directory.ts';
import { close } from '../../../domain/disagreement/actions/close.ts';
import { confirmOutcome } from '../../../domain/disagreement/actions/confirmOutcome.ts';
import { proposeOutcome } from '../../../domain/disagreement/actions/proposeOutcome.ts';
import { tellPartnershipTeam } from '../../../domain/disagreement/actions/tellPartnershipTeam.ts';
import type { Disagreement } from '../../../domain/disagreement/disagreement.ts';

// Pan-Lancashire: stage 1 (line managers) is due 5 working days after it starts. The page is
// read on Tuesday 8 December 2026.
const READ_AT = '2026-12-08T10:00:00Z';

describeOnEachDatabase('home: what is waiting', (context) => {
  const clock = fixedClock('2026-11-24T08:00:00Z');
  const deps = () => ({ database: context.database, clock });
  let app: FastifyInstance;
  let cast: Cast;
  let late: Disagreement; // stage 1 from Tuesday 24 November: due Tuesday 1 December
  let urgent: Disagreement; // urgent, stage 1 from Thursday 3 December: due Thursday 10 December
  let soon: Disagreement; // stage 1 from Wednesday 2 December: due Wednesday 9 December
  let proposed: Disagreement; // stage 1 from Wednesday 25 November, an outcome proposed

  const stage1 = (at: string) => ({ escalations: [{ at }] });
  before(async () => {
    cast = await aDisagreementCast(context.database);
    clock.set('2026-11-24T09:00:00Z');
    late = await aCase(deps(), cast, {
      ...stage1('2026-11-24T09:00:00Z'),
      children: [
        { firstName: 'Robin', lastName: 'Example', dateOfBirth: '2019-03-01' },
        { firstName: 'Kit', lastName: 'Sample', expectedDueDate: '2027-03-04' },
      ],
    });
    clock.set('2026-12-03T09:00:00Z');
    urgent = await aCase(deps(), cast, {
      raisedAt: '2026-12-03T08:00:00Z',
      urgent: true,
      ...stage1('2026-12-03T09:00:00Z'),
    });
    urgent = await actAt(
      deps(),
      urgent,
      tellPartnershipTeam,
      { reason: 'The child may be harmed before the agencies agree' },
      cast.school.manager,
      '2026-12-03T10:00:00Z',
    );
    soon = await aCase(deps(), cast, {
      raisedAt: '2026-12-02T08:00:00Z',
      ...stage1('2026-12-02T09:00:00Z'),
    });
    clock.set('2026-11-25T09:00:00Z');
    const atStage1 = await aCase(deps(), cast, stage1('2026-11-25T09:00:00Z'));
    proposed = await actAt(
      deps(),
      atStage1,
      proposeOutcome,
      {
        occurredAt: '2026-11-26T09:00:00Z',
        agreedOutcome: 'A child and family assessment starts',
        actions: [
          {
            description: 'Share the attendance record',
            ownerId: cast.school.manager.id,
            dueAt: '2026-12-04T17:00:00Z',
          },
        ],
      },
      cast.socialCare.manager,
      '2026-11-26T09:00:00Z',
    );
    clock.set(READ_AT);
    app = await buildTestApp({ database: context.database, clock });
  });

  const home = async (person: Person, url = '/') => {
    const browser = await signIn(app, person.email);
    const response = await app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });
    assert.equal(response.statusCode, 200);
    return cheerio.load(response.body);
  };
  type Row = Record<'reference' | 'child' | 'other' | 'stage' | 'action' | 'due', string> & {
    badges: string;
    children: string[];
  };
  const rowsOf = ($: cheerio.CheerioAPI, group: string): Row[] =>
    $(`[data-testid="waiting-${group}"] tbody tr`)
      .map((_, row) => {
        const cell = (i: number) => $(row).find('td').eq(i).text().replace(/\s+/g, ' ').trim();
        return {
          reference: $(row).find('td').eq(0).find('a').text().trim(),
          child: cell(1),
          other: cell(2),
          stage: cell(3),
          action: cell(4),
          due: cell(5),
          children: $(row)
            .find('td')
            .eq(1)
            .find('li')
            .map((_, li) => $(li).text().trim())
            .get(),
          badges: $(row).find('.moj-badge').text().replace(/\s+/g, ' ').trim(),
        };
      })
      .get();

  test('signed in, the home page is Waiting for you, a table for each thing asked, each counted', async () => {
    const $ = await home(cast.school.manager);
    assert.equal($('h1').text().trim(), 'Waiting for you');
    assert.deepEqual(
      $('[data-testid^="waiting-"] caption')
        .map((_, caption) => $(caption).text().trim())
        .get(),
      [
        'An outcome to confirm (1)',
        'Disagreements to act on at a stage (3)',
        'An action you own (1)',
      ],
    );
    assert.deepEqual(
      $('[data-testid="waiting-stage"] thead th')
        .map((_, th) => $(th).text().trim())
        .get(),
      ['Reference', 'Child', 'Other agency', 'Stage', 'Your action', 'Due'],
    );
    const [confirm] = rowsOf($, 'confirm');
    assert.equal(confirm?.reference, proposed.reference);
    assert.equal(confirm?.action, 'Confirm or reject the proposed outcome');
    const [action] = rowsOf($, 'actions');
    assert.equal(action?.reference, proposed.reference);
    assert.equal(action?.action, 'Complete your action: Share the attendance record');
    assert.match(action?.due ?? '', /overdue by 2 working days by 5pm on Friday 4 December 2026/);
    assert.equal(
      $('.govuk-service-navigation__link:contains("Waiting for you")').text().trim(),
      'Waiting for you (5)',
      'the header counts the rows',
    );
  });

  test('overdue and urgent first, each row saying when it is due in working days', async () => {
    const stage = rowsOf(await home(cast.school.manager), 'stage');
    assert.deepEqual(
      stage.map((row) => row.reference),
      [late.reference, urgent.reference, soon.reference],
      'the overdue case, then the urgent one, then the rest soonest due first',
    );
    assert.deepEqual(
      stage.map((row) => row.due),
      [
        'Overdue overdue by 5 working days by 5pm on Tuesday 1 December 2026',
        'in 2 working days by 5pm on Thursday 10 December 2026',
        'in 1 working day by 5pm on Wednesday 9 December 2026',
      ],
    );
    assert.deepEqual(
      stage.map((row) => row.badges),
      ['Overdue', 'Urgent', ''],
    );
    for (const row of stage) {
      assert.equal(row.stage, 'Stage 1 (Line managers)');
      assert.equal(row.action, 'Act at Stage 1 (Line managers): record, resolve or escalate');
    }
  });

  test('the children by initials and age, never by name; the other agency as each side sees it', async () => {
    const school = rowsOf(await home(cast.school.manager), 'stage');
    const first = school.find((row) => row.reference === late.reference);
    assert.deepEqual(first?.children, ['RE, 7 years old', 'KS, unborn, due 4 March 2027']);
    assert.equal(first?.other, `with ${cast.socialCare.agency.name}`);
    const $ = await home(cast.socialCare.manager);
    assert.doesNotMatch($('main').text(), /Robin|Example|Kit|Sample/);
    const theirs = rowsOf($, 'stage').find((row) => row.reference === late.reference);
    assert.equal(theirs?.other, `raised by ${cast.school.agency.name}`);
    assert.equal(rowsOf($, 'confirm').length, 0, 'their own agency proposed the outcome');
  });

  test('/waiting-for-you is the same view', async () => {
    const $ = await home(cast.school.manager, '/waiting-for-you');
    assert.equal($('h1').text().trim(), 'Waiting for you');
    assert.equal($('[data-testid^="waiting-"] tbody tr').length, 5);
  });

  test('nothing a person may not see appears: not waiting, not on the case, not the partnership', async () => {
    const colleague = await home(cast.school.colleague);
    assert.equal(
      colleague('[data-testid="nothing-waiting"]').text().trim(),
      'Nothing is waiting for you.',
    );
    assert.equal(colleague('[data-testid="team-inbox"]').length, 0);
    const outsider = await aPerson(context.database, {
      partnershipId: (await aDisagreementCast(context.database)).partnershipId,
      roles: ['partnership-team'],
    });
    const $ = await home(outsider);
    for (const disagreement of [late, urgent, soon, proposed]) {
      assert.doesNotMatch($('main').text(), new RegExp(disagreement.reference));
    }
    assert.equal($('[data-testid="team-overdue"] h3').text().trim(), 'Overdue: 0 disagreements');
  });

  test("the partnership team's home: the inbox waiting for acknowledgement, and what is overdue", async () => {
    const $ = await home(cast.team);
    const inbox = $('[data-testid="team-inbox"]');
    assert.equal(inbox.find('h3').text().trim(), 'Monitoring inbox: 1 waiting for acknowledgement');
    assert.equal(inbox.find('li a').first().text().trim(), urgent.reference);
    assert.equal(inbox.find(`a[href="/disagreements/${urgent.id}/acknowledge"]`).length, 1);
    const overdue = $('[data-testid="team-overdue"]');
    assert.equal(overdue.find('h3').text().trim(), 'Overdue: 2 disagreements');
    assert.deepEqual(
      overdue
        .find('tbody tr')
        .map((_, tr) =>
          $(tr)
            .find('td')
            .map((_, td) => $(td).text().replace(/\s+/g, ' ').trim())
            .get(),
        )
        .get(),
      [
        late.reference,
        `${cast.school.agency.name} and ${cast.socialCare.agency.name}`,
        'Stage 1 (Line managers)',
        'overdue by 5 working days',
        proposed.reference,
        `${cast.school.agency.name} and ${cast.socialCare.agency.name}`,
        'Stage 1 (Line managers)',
        'overdue by 4 working days',
      ],
      'most overdue first',
    );
    assert.equal(
      overdue.find('a[href="/disagreements?overdue=true&sort=due"]').length,
      1,
      'a link to the filtered list',
    );
    const list = await home(cast.team, '/disagreements?overdue=true&sort=due');
    assert.match(list('main').text(), new RegExp(late.reference));
    assert.doesNotMatch(list('main').text(), new RegExp(soon.reference));
  });

  test('every case the home page shows is an audited read, by the person who saw it', async () => {
    const since = await context.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    await home(cast.socialCare.manager);
    const listed = await context.database.db
      .selectFrom('audit_log')
      .select(['record_id', 'actor_id'])
      .where('seq', '>', Number(since?.seq ?? 0))
      .where('action', '=', 'disagreement.listed')
      .execute();
    assert.deepEqual(
      listed.map((entry) => entry.record_id).sort(),
      [late.id, urgent.id, soon.id].sort(),
    );
    assert.ok(listed.every((entry) => entry.actor_id === cast.socialCare.manager.id));
  });

  // Last: it adds a case the tests above do not count.
  test('an action owned on a resolved case is waiting, as the case page and reminders say; not once closed', async () => {
    const owner = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      agencyId: cast.school.manager.agencyId,
      roles: ['practitioner'],
    });
    clock.set('2026-12-07T09:00:00Z');
    const atStage1 = await aCase(deps(), cast, stage1('2026-12-07T09:00:00Z'));
    const withAction = await actAt(
      deps(),
      atStage1,
      proposeOutcome,
      {
        occurredAt: '2026-12-07T09:30:00Z',
        agreedOutcome: 'Attendance is shared weekly',
        actions: [
          { description: 'Send the first week', ownerId: owner.id, dueAt: '2026-12-11T17:00:00Z' },
        ],
      },
      cast.socialCare.manager,
      '2026-12-07T09:30:00Z',
    );
    const resolved = await actAt(
      deps(),
      withAction,
      confirmOutcome,
      {},
      cast.school.manager,
      '2026-12-07T10:00:00Z',
    );
    clock.set(READ_AT);
    const $ = await home(owner, '/waiting-for-you');
    assert.deepEqual(
      rowsOf($, 'actions').map((row) => [row.reference, row.action]),
      [[resolved.reference, 'Complete your action: Send the first week']],
    );
    assert.equal(
      $('.govuk-service-navigation__link:contains("Waiting for you")').text().trim(),
      'Waiting for you (1)',
    );
    const closed = await actAt(
      deps(),
      resolved,
      close,
      { lessons: [] },
      cast.school.manager,
      READ_AT,
    );
    assert.equal(closed.status, 'closed');
    const after = await home(owner, '/waiting-for-you');
    assert.equal(after('[data-testid^="waiting-"] tbody tr').length, 0);
  });
});
