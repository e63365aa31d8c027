import type { LightMyRequestResponse } from 'fastify';
import { KEPT_COOKIE } from '../src/web/signedOutForms.ts';

// What the kept-answers tests share: the cookie naming a browser's kept forms, and one form's answers.

/** The `accord_kept` cookie a response sets, as a request's cookie pair, if it sets one. */
export const keptCookieOf = (response: LightMyRequestResponse) =>
  [response.headers['set-cookie']]
    .flat()
    .map((cookie) => String(cookie).split(';')[0] ?? '')
    .find((cookie) => cookie.startsWith(`${KEPT_COOKIE}=`));

/** A record of a discussion as the form posts it, on a case at version 1. */
export const recordAnswers = {
  version: '1',
  mode: 'phone',
  participants: 'Both practitioners',
  summary: 'We agreed Ada needs an assessment this week',
  'occurredAt-day': '24',
  'occurredAt-month': '11',
  'occurredAt-year': '2026',
  'occurredAt-time': '09:30',
};
