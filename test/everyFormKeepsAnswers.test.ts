import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as cheerio from 'cheerio';
import { fixedClock } from '../src/domain/clock.ts';
import type { Person } from '../src/domain/directory/directory.ts';
import { escalate } from '../src/domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../src/domain/disagreement/actions/proposeOutcome.ts';
import { referLesson } from '../src/domain/disagreement/actions/referLesson.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { startProtocolDraft } from '../src/services/protocolDrafts.ts';
import { commandLine } from '../src/services/requestContext.ts';
import { aCase, actAt, aDisagreementCast, aPerson, type Cast, contextOf } from './factories.ts';
import { keptCookieOf } from './keptAnswersKit.ts';
import { pagesFor, walkTo, withFamily } from './raiseJourney.ts';
import { type Browser, signIn } from './signIn.ts';
import { useTestApp } from './testApp.ts';
import { describeOnEachDatabase } from './testDatabase.ts';

// "Every form keeps what was typed", walked over the route table: every form sent to a
// signed-in page after its session ended comes back filled in once its person signs in again.
// A new form that forgets to give kept answers back (answersOr) fails here.

/** Forms whose page is not the address they are sent to: the browser's Referer names the page. */
const formOn: Record<string, string> = {
  'POST /account/tokens': '/account',
  'POST /account/messages': '/account',
  'POST /subject-access/child': '/subject-access',
  'POST /subject-access/professional': '/subject-access',
};

/** Posts of a button alone, or of hidden fields: nothing a person typed to keep. */
const nothingTyped: Record<string, string> = {
  'POST /sign-out': 'the header’s Sign out button',
  'POST /session/keep-alive': 'sent by the timeout warning’s script, with no form',
  'POST /account/tokens/:tokenId/revoke': 'a Revoke button beside each token',
  'POST /account/sign-out-everywhere': 'a button',
  'POST /directory/pages/accessibility/reset': 'a button under the page’s form',
  'POST /directory/pages/privacy/reset': 'a button under the page’s form',
  'POST /directory/pages/cookies/reset': 'a button under the page’s form',
  'POST /directory/pages/contact/reset': 'a button under the page’s form',
  'POST /directory/closure-days/:date/remove': 'a page asking to confirm, with one button',
  'POST /admin/people/:personId/invitation': 'a button on the person’s page',
  'POST /admin/people/:personId/invitation/revoke': 'a button on the person’s page',
  'POST /admin/people/:personId/reactivate': 'a button on the person’s page',
  'POST /protocol/drafts/:id/stages/:index/move-up': 'a button in the list of stages',
  'POST /protocol/drafts/:id/stages/:index/move-down': 'a button in the list of stages',
  'POST /disagreements/:id/tell-next-level': 'a button on the case page',
  'POST /disagreements/:id/actions/:actionId/complete': 'a button beside the action',
  'POST /subject-access/child/export': 'the results page’s button; the search in hidden fields',
  'POST /subject-access/professional/export':
    'the results page’s button; the search in hidden fields',
};

/** Question pages of raising asked only of some partnerships; the pages share raiseFlow.ts. */
const notAskedHere: Record<string, string> = {
  'POST /disagreements/new/pathway': 'asked only where a category offers a choice of pathway',
  'POST /disagreements/new/local-authority':
    'asked only where there are local authorities to choose',
};

const start = '2026-11-24T10:00:00Z';
const clock = fixedClock(start);
const minutesLater = (minutes: number) =>
  clock.set(Temporal.Instant.from(start).add({ minutes }).toString());

type Planted = { name: string; kind: 'text' | 'textarea' | 'select' | 'choice'; value: string };

/** A value for each field a person types into or chooses, unlike what the form shows now. */
function plantIn($: cheerio.CheerioAPI, form: ReturnType<cheerio.CheerioAPI>): Planted[] {
  const planted = new Map<string, Planted>();
  form.find('input, textarea, select').each((index, element) => {
    const field = $(element);
    const name = field.attr('name');
    const type = (field.attr('type') ?? 'text').toLowerCase();
    if (!name || name.startsWith('_') || /password/i.test(name) || planted.has(name)) return;
    if (['hidden', 'submit', 'button', 'file'].includes(type)) return;
    if (element.tagName === 'select') {
      const option = field
        .find('option')
        .not(':selected')
        .filter((_, o) => Boolean($(o).val()));
      if (option.length)
        planted.set(name, { name, kind: 'select', value: String(option.last().val()) });
    } else if (type === 'radio' || type === 'checkbox') {
      const choices = form.find(`input[name="${name}"]`).not(':checked');
      if (choices.length) {
        planted.set(name, { name, kind: 'choice', value: String(choices.last().val()) });
      }
    } else {
      const kind = element.tagName === 'textarea' ? 'textarea' : 'text';
      planted.set(name, { name, kind, value: `Kept ${index} of ${name}` });
    }
  });
  return [...planted.values()];
}

/** What the page shows in a planted field now. */
function shownIn($: cheerio.CheerioAPI, { name, kind, value }: Planted): boolean {
  const named = $(`[name="${name}"]`);
  if (kind === 'textarea') return named.text() === value;
  if (kind === 'select') return named.find('option:selected').val() === value;
  if (kind === 'choice')
    return named
      .filter(':checked')
      .toArray()
      .some((e) => $(e).val() === value);
  return named.val() === value;
}

describeOnEachDatabase('every form keeps what was typed', (context) => {
  const server = useTestApp(context, { clock });
  let cast: Cast;
  let admin: Person;
  const ids: Record<string, string> = {};
  /** Cases in the states that open each case form: new, and with an outcome proposed. */
  const caseIds: string[] = [];

  before(async () => {
    minutesLater(0);
    const deps = { database: context.database, clock };
    cast = await aDisagreementCast(context.database);
    admin = await aPerson(context.database, { roles: ['admin'] });
    const fresh = await aCase(deps, cast, { otherPerson: cast.socialCare.practitioner });
    const proposed = await actAt(
      deps,
      await aCase(deps, cast, { otherPerson: cast.socialCare.practitioner }),
      proposeOutcome,
      { occurredAt: start, agreedOutcome: 'Agreed', actions: [] },
      cast.school.practitioner,
      start,
    );
    caseIds.push(fresh.id, proposed.id);
    let monitored = await aCase(deps, cast, { raisedAt: '2026-11-16T09:00:00Z' });
    for (const day of ['17', '18', '19']) {
      monitored = await actAt(
        deps,
        monitored,
        escalate,
        { occurredAt: `2026-11-${day}T09:00:00Z`, reason: 'Still stuck' },
        cast.school.manager,
        `2026-11-${day}T10:00:00Z`,
      );
    }
    ids.monitoredCase = monitored.id;
    const withLesson = await actAt(
      deps,
      fresh,
      referLesson,
      { lesson: { theme: 'partnership-guidance', text: 'Contacts list out of date' } },
      cast.school.lead,
      start,
    );
    ids.lesson = withLesson.lessons[0]?.id ?? '';
    ids.draft = await startProtocolDraft(
      deps,
      { from: 'pan-lancashire' },
      await contextOf(context.database, cast.team),
    );
    ids.person = cast.school.practitioner.id;
    ids.token = (
      await createApiToken(deps, { personId: cast.team.id, name: 'kept' }, commandLine)
    ).id;
  });

  const people = () => [
    cast.school.practitioner,
    cast.socialCare.practitioner,
    cast.school.manager,
    cast.school.senior,
    cast.school.lead,
    cast.team,
    admin,
  ];

  /** The route's address with its parameters filled in, once per object it could be about. */
  const addressesOf = (url: string): string[] => {
    const filled = url
      .replace(':tokenId', ids.token ?? '')
      .replace(':lessonId', ids.lesson ?? '')
      .replace(':personId', ids.person ?? '')
      .replace(':actionId', '00000000-0000-4000-8000-000000000000')
      .replace(':date', '2026-12-24')
      .replace(':list', 'protocol')
      .replace(':index', '0');
    if (filled.startsWith('/protocol/drafts/')) return [filled.replace(':id', ids.draft ?? '')];
    // The monitoring form's own questions are asked from the stage that tells the team.
    if (filled.endsWith('/monitoring-form/complete')) {
      return [filled.replace(':id', ids.monitoredCase ?? '')];
    }
    if (filled.includes(':id')) return caseIds.map((id) => filled.replace(':id', id));
    return [filled];
  };

  // Each sign-in from its own address: the walk signs in more often than sign-in's rate limit.
  let signIns = 0;
  const signInAs = (person: Person) => {
    signIns++;
    return signIn(server.app, person.email, undefined, `10.1.${signIns >> 8}.${signIns & 255}`);
  };

  /** Raising answered up to its check page, so that every question page opens. */
  async function walkedToCheck(browser: Browser): Promise<Browser> {
    await walkTo(pagesFor(server.app, browser), cast, 'check', withFamily);
    return browser;
  }

  test('every signed-in page’s form comes back filled in after its session ended', async () => {
    const app = server.app;
    const postRoutes = app.routeTable
      .filter((route) => route.method === 'POST' && !route.url.startsWith('/api/'))
      .map((route) => route.url);
    const listed = [
      ...Object.keys(formOn),
      ...Object.keys(nothingTyped),
      ...Object.keys(notAskedHere),
    ];
    for (const key of listed) {
      assert.ok(postRoutes.includes(key.replace(/^POST /, '')), `${key} is no longer a route`);
    }

    const browsers = new Map<string, Browser>();
    const browserOf = async (person: Person) => {
      const known = browsers.get(person.id);
      if (known) return known;
      const browser = await signInAs(person);
      browsers.set(person.id, browser);
      return browser;
    };

    const forgotten: string[] = [];
    const unopened: string[] = [];
    let checked = 0;
    for (const url of postRoutes) {
      const key = `POST ${url}`;
      const [first] = addressesOf(url);
      minutesLater(0);
      const anonymous = await app.inject({ method: 'POST', url: first ?? url, payload: {} });
      const signedInPage = String(anonymous.headers.location ?? '').startsWith(
        '/sign-in?returnTo=',
      );
      if (!signedInPage || key in nothingTyped || key in notAskedHere) continue;
      const raising = url.startsWith('/disagreements/new');

      // The form's page, and someone who may open it, about an object it opens for.
      let found: { address: string; page: string; person: Person; $: cheerio.CheerioAPI } | null =
        null;
      for (const address of addressesOf(url)) {
        const page = formOn[key] ?? address;
        for (const person of raising ? [cast.school.practitioner] : people()) {
          const browser = raising
            ? await walkedToCheck(await signInAs(person))
            : await browserOf(person);
          const response = await app.inject({
            method: 'GET',
            url: page,
            headers: { cookie: browser.cookie },
          });
          if (response.statusCode !== 200) continue;
          const $ = cheerio.load(response.body);
          if ($(`form[action="${address}"]`).length === 0) continue;
          found = { address, page, person, $ };
          break;
        }
        if (found) break;
      }
      if (!found) {
        unopened.push(key);
        continue;
      }
      const { address, page, person, $ } = found;
      const form = $(`form[action="${address}"]`).first();
      const planted = plantIn($, form);
      const hidden = Object.fromEntries(
        form
          .find('input[type="hidden"]')
          .toArray()
          .map((input) => [$(input).attr('name') ?? '', String($(input).val() ?? '')]),
      );

      const signedIn = await signInAs(person);
      const before = raising ? await walkedToCheck(signedIn) : signedIn;
      minutesLater(31);
      const sent = await app.inject({
        method: 'POST',
        url: address,
        headers: { cookie: before.cookie, host: 'localhost', referer: `http://localhost${page}` },
        payload: {
          ...hidden,
          _csrf: before.csrfToken,
          ...Object.fromEntries(planted.map(({ name, value }) => [name, value])),
        },
      });
      const location = new URL(String(sent.headers.location), 'http://localhost');
      assert.equal(location.pathname, '/sign-in', `${key}: sent to sign in`);
      assert.equal(location.searchParams.get('returnTo'), page, `${key}: back to its form`);
      if (planted.length === 0) continue;
      const kept = keptCookieOf(sent);
      assert.ok(kept, `${key}: its answers are kept`);
      const again = await signInAs(person);
      const back = cheerio.load(
        (
          await app.inject({
            method: 'GET',
            url: page,
            headers: { cookie: `${again.cookie}; ${kept}` },
          })
        ).body,
      );
      const lost = planted.filter((field) => !shownIn(back, field)).map(({ name }) => name);
      if (lost.length > 0 || back('[data-testid="kept-answers-notice"]').length !== 1) {
        forgotten.push(`${key} on ${page}: ${lost.join(', ') || 'no notice'}`);
      }
      checked++;
    }
    assert.deepEqual({ forgotten, unopened }, { forgotten: [], unopened: [] });
    assert.ok(checked > 40, `only ${checked} forms were checked`);
  });
});
