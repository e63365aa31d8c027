import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import type { Cast } from './factories.ts';
import type { Browser } from './signIn.ts';

// The raise journey's question pages as route tests walk them: one person's browser, valid
// answers for each page, and a walk to the page a test is about.

/** One person's browser on the raise pages: GET and POST with their cookie and CSRF token. */
export function pagesFor(app: FastifyInstance, browser: Browser) {
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } }),
    post: (url: string, payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: browser.cookie },
        payload: { _csrf: browser.csrfToken, ...payload },
      }),
  };
}
export type Pages = ReturnType<typeof pagesFor>;

export const page = (response: LightMyRequestResponse) => cheerio.load(response.body);

/** Valid answers for each page, so a test can walk to the page it is about. */
export function answers(cast: Cast) {
  return {
    start: { aboutConduct: 'no' },
    'other-agency': { otherAgencyId: cast.socialCare.agency.id },
    'other-professional': { otherPersonId: cast.socialCare.practitioner.id },
    category: { category: 'referral-not-accepted' },
    children: {
      action: 'continue',
      firstName: 'Ada',
      lastName: 'Example',
      born: 'yes',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2019',
    },
    family: {
      parents: 'Beth Example\r\nCarl Example',
      address: '1 Example Street\nExampletown',
      'referralDate-day': '2',
      'referralDate-month': '11',
      'referralDate-year': '2026',
      agenciesInvolved: 'Health visitor; school nurse',
    },
    concern: {
      summary: 'The referral about Ada was closed without an assessment.',
      impactOnChild: 'Ada is missing school and has unexplained bruises.',
      evidence: 'Level 4 indicators: repeated injuries; attendance 62%.',
      desiredOutcome: 'A child and family assessment.',
    },
    when: {
      'raisedOn-day': '23',
      'raisedOn-month': '11',
      'raisedOn-year': '2026',
      raisedTime: '2:30pm',
      urgent: 'no',
    },
  };
}

/** From a fresh draft, answers every page up to (not including) `until`, checking each goes on. */
export async function walkTo(
  pages: Pages,
  cast: Cast,
  until: string,
  steps: string[],
  overrides: Record<string, Record<string, string>> = {},
) {
  const all: Record<string, Record<string, string>> = answers(cast);
  // Saying it is about a professional's conduct throws any draft away: each walk starts afresh.
  await pages.post('/disagreements/new', { aboutConduct: 'yes' });
  for (const step of steps) {
    if (step === until) return;
    const url = step === 'start' ? '/disagreements/new' : `/disagreements/new/${step}`;
    const response = await pages.post(url, { ...all[step], ...overrides[step] });
    assert.equal(response.statusCode, 303, `${step}: ${response.body.slice(0, 2000)}`);
  }
}
export const withFamily = [
  'start',
  'other-agency',
  'other-professional',
  'category',
  'children',
  'family',
  'concern',
  'when',
  'check',
];
export const withoutFamily = withFamily.filter((step) => step !== 'family');

export async function countCases(database: Database): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from disagreements`.execute(database.db);
  return Number(rows[0]?.n);
}

export const errorOf = ($: cheerio.CheerioAPI, field: string) =>
  $(`#${field}-error`).text().replace(/\s+/g, ' ').trim();
export const summaryLinks = ($: cheerio.CheerioAPI) =>
  $('.govuk-error-summary__list a')
    .map((_, a) => `${$(a).attr('href')} ${$(a).text().trim()}`)
    .get();
