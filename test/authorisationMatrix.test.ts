import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { disagreementRepository } from '../src/db/repositories/disagreementRepository.ts';
import { peopleRepository } from '../src/db/repositories/peopleRepository.ts';
import { fixedClock } from '../src/domain/clock.ts';
import type { Person } from '../src/domain/directory/directory.ts';
import type { Disagreement } from '../src/domain/disagreement/disagreement.ts';
import { ladderFor } from '../src/domain/protocol/ladder.ts';
import { builtInProtocol } from '../src/protocols/builtInProtocols.ts';
import { createApiToken } from '../src/services/apiTokens.ts';
import { standingOn } from '../src/services/caseAccess.ts';
import { rulesFor } from '../src/services/caseRules.ts';
import { startProtocolDraft } from '../src/services/protocolDrafts.ts';
import { commandLine } from '../src/services/requestContext.ts';
import {
  aCase,
  aDisagreementCast,
  anAgency,
  aPartnership,
  aPerson,
  contextOf,
  setUpAccord,
} from './factories.ts';
import { type Browser, signIn } from './signIn.ts';
import { buildTestApp } from './testApp.ts';
import { describeOnEachDatabase } from './testDatabase.ts';

// Every route of the app, for every role, against its own, another agency's and another
// partnership's objects. The expected outcomes are written by hand from product.md and api.md.

const roles = [
  'anonymous',
  'practitioner',
  'manager',
  'senior-manager',
  'safeguarding-lead',
  'partnership-team',
  'admin',
] as const;
type RoleName = (typeof roles)[number];
type ObjectName = 'own' | 'other agency' | 'other partnership';
type Outcome = 'ok' | 'sign-in' | '401' | '403' | '404' | '503';

const anyone = (): Outcome => 'ok';
const signedIn = (role: RoleName): Outcome => (role === 'anonymous' ? 'sign-in' : 'ok');
const withToken = (role: RoleName): Outcome => (role === 'anonymous' ? '401' : 'ok');
const teamOnItsOwnPartnership = (role: RoleName, object: ObjectName): Outcome =>
  role === 'anonymous'
    ? 'sign-in'
    : role !== 'partnership-team' || object === 'other partnership'
      ? '403'
      : 'ok';
const partnershipTeamOnly = (role: RoleName): Outcome =>
  role === 'anonymous' ? 'sign-in' : role === 'partnership-team' ? 'ok' : '403';
const teamButNoSuchClosureDay = (role: RoleName): Outcome =>
  role === 'anonymous' ? 'sign-in' : role === 'partnership-team' ? '404' : '403';
/** The team's figures through the API: 403 for others of the partnership, 404 outside it. */
const teamReport = (role: RoleName, object: ObjectName): Outcome =>
  role === 'anonymous'
    ? '401'
    : role === 'admin' || object === 'other partnership'
      ? '404'
      : role === 'partnership-team'
        ? 'ok'
        : '403';
/** The team's own pages (downloads, dashboard, inbox, learning log): as teamReport, signed in. */
const teamPage = (role: RoleName, object: ObjectName): Outcome =>
  role === 'anonymous' ? 'sign-in' : teamReport(role, object);
/** The team's protocol pages: to anyone else, signed in, they do not exist. */
const teamPageElseNotFound = (role: RoleName): Outcome =>
  role === 'anonymous' ? 'sign-in' : role === 'partnership-team' ? 'ok' : '404';
/** The protocol editor: the team of the draft's partnership; everyone else finds nothing. */
const protocolEditor = (role: RoleName, object: ObjectName): Outcome =>
  role === 'anonymous'
    ? 'sign-in'
    : role === 'partnership-team' && object !== 'other partnership'
      ? 'ok'
      : '404';
/** The administrators' pages: accounts and the directory to read (product.md), for them alone. */
const adminOnly = (role: RoleName): Outcome =>
  role === 'anonymous' ? 'sign-in' : role === 'admin' ? 'ok' : '403';
const directoryRead = (role: RoleName, object: ObjectName): Outcome =>
  role === 'anonymous' ? '401' : object === 'other partnership' && role !== 'admin' ? '404' : 'ok';

// Cases: 'own' is raised by the school's practitioner, whose line manager is the school's
// manager and theirs the senior manager; 'other agency' is between two other agencies.
const caseRead = (role: RoleName, object: ObjectName): Outcome =>
  role === 'anonymous'
    ? '401'
    : role === 'partnership-team' && object !== 'other partnership'
      ? 'ok'
      : object !== 'own' || role === 'admin'
        ? '404'
        : 'ok';
const caseSides = (role: RoleName, object: ObjectName): Outcome => {
  const read = caseRead(role, object);
  return read === 'ok' && role === 'partnership-team' ? '403' : read;
};
/** The partnership team's own action on a case it may see (acknowledging it in its inbox). */
const caseTeamOnly = (role: RoleName, object: ObjectName): Outcome => {
  const read = caseRead(role, object);
  return read === 'ok' && role !== 'partnership-team' ? '403' : read;
};
const caseWithdraw = (role: RoleName, object: ObjectName): Outcome => {
  const read = caseRead(role, object);
  return read === 'ok' && (role === 'practitioner' || role === 'safeguarding-lead') ? '403' : read;
};
/** The same rules on the pages, where a visitor who is not signed in is sent to sign in. */
const onPage =
  (rule: (role: RoleName, object: ObjectName) => Outcome) =>
  (role: RoleName, object: ObjectName): Outcome =>
    role === 'anonymous' ? 'sign-in' : rule(role, object);
const raise = (role: RoleName): Outcome =>
  role === 'anonymous' ? '401' : role === 'partnership-team' || role === 'admin' ? '403' : 'ok';

type Expectation = {
  outcome: (role: RoleName, object: ObjectName) => Outcome;
  objects?: 'partnership' | 'token' | 'person' | 'case' | 'draft';
  /** The object goes in this query parameter rather than in the path. */
  query?: string;
  endsSession?: true;
};

const expected: Record<string, Expectation> = {
  'GET /assets/accord.css': { outcome: anyone },
  'GET /assets/govuk-frontend.min.js': { outcome: anyone },
  'GET /assets/accessible-autocomplete.min.js': { outcome: anyone },
  'GET /assets/*': { outcome: anyone },
  'GET /health': { outcome: anyone },
  'GET /': { outcome: anyone },
  'GET /setup': { outcome: () => '404' },
  'POST /setup': { outcome: () => '404' },
  'GET /sign-in': { outcome: anyone },
  // The matrix's provider cannot be reached, so starting single sign-on says it is unavailable.
  'GET /sign-in/oidc': { outcome: () => '503' },
  'GET /sign-in/oidc/callback': { outcome: () => '401' },
  'POST /sign-in': { outcome: () => '401', endsSession: true },
  // Sent by someone already signed out (their session ended), it goes to sign in again.
  'POST /sign-out': { outcome: signedIn, endsSession: true },
  // "Stay signed in" from the warning before the session ends.
  'POST /session/keep-alive': { outcome: signedIn },
  // No link was made for the matrix, so there is nothing to find.
  'GET /set-password/:token': { outcome: () => '404' },
  'POST /set-password/:token': { outcome: () => '404' },
  // The matrix's app is not in demo mode, so the demo's sign-in page does not exist.
  'GET /demo/sign-in': { outcome: () => '404' },
  'POST /demo/sign-in': { outcome: () => '404' },
  'GET /account': { outcome: signedIn },
  'POST /account/tokens': { outcome: signedIn },
  'POST /account/tokens/:tokenId/revoke': {
    objects: 'token',
    outcome: (role, object) =>
      role === 'anonymous' ? 'sign-in' : object === 'own' || role === 'admin' ? 'ok' : '404',
  },
  'POST /account/messages': { outcome: signedIn },
  'POST /account/sign-out-everywhere': { outcome: signedIn, endsSession: true },
  // The footer's pages: open to anyone, signed in or not; only the team may write its own text.
  'GET /accessibility': { outcome: anyone },
  'GET /directory/pages/accessibility': { outcome: partnershipTeamOnly },
  'POST /directory/pages/accessibility': { outcome: partnershipTeamOnly },
  'POST /directory/pages/accessibility/reset': { outcome: partnershipTeamOnly },
  'GET /privacy': { outcome: anyone },
  'GET /directory/pages/privacy': { outcome: partnershipTeamOnly },
  'POST /directory/pages/privacy': { outcome: partnershipTeamOnly },
  'POST /directory/pages/privacy/reset': { outcome: partnershipTeamOnly },
  'GET /cookies': { outcome: anyone },
  'GET /directory/pages/cookies': { outcome: partnershipTeamOnly },
  'POST /directory/pages/cookies': { outcome: partnershipTeamOnly },
  'POST /directory/pages/cookies/reset': { outcome: partnershipTeamOnly },
  'GET /contact': { outcome: anyone },
  'GET /directory/pages/contact': { outcome: partnershipTeamOnly },
  'POST /directory/pages/contact': { outcome: partnershipTeamOnly },
  'POST /directory/pages/contact/reset': { outcome: partnershipTeamOnly },
  'GET /admin/people': { outcome: adminOnly },
  'GET /admin/people/:personId': { objects: 'person', outcome: adminOnly },
  'POST /admin/people/:personId/invitation': { objects: 'person', outcome: adminOnly },
  'GET /admin/people/:personId/deactivate': { objects: 'person', outcome: adminOnly },
  // With no invitation to revoke, the administrator is told so (400, beside the button).
  'POST /admin/people/:personId/invitation/revoke': { objects: 'person', outcome: adminOnly },
  // Last, as it signs people out: the administrator's own account is refused (400), others'
  // deactivated and then reactivated.
  'POST /admin/people/:personId/deactivate': {
    objects: 'person',
    outcome: adminOnly,
    endsSession: true,
  },
  'POST /admin/people/:personId/reactivate': {
    objects: 'person',
    outcome: adminOnly,
    endsSession: true,
  },
  'GET /admin/directory': { outcome: adminOnly },
  'GET /admin/directory/:partnershipId': { objects: 'partnership', outcome: adminOnly },
  'GET /directory': { outcome: partnershipTeamOnly },
  'GET /directory/local-authorities/new': { outcome: partnershipTeamOnly },
  'POST /directory/local-authorities/new': { outcome: partnershipTeamOnly },
  'GET /directory/agencies/new': { outcome: partnershipTeamOnly },
  'POST /directory/agencies/new': { outcome: partnershipTeamOnly },
  'GET /directory/on-call-contacts/new': { outcome: partnershipTeamOnly },
  'POST /directory/on-call-contacts/new': { outcome: partnershipTeamOnly },
  'GET /directory/people/new': { outcome: partnershipTeamOnly },
  'POST /directory/people/new': { outcome: partnershipTeamOnly },
  'GET /directory/teams/new': { outcome: partnershipTeamOnly },
  'POST /directory/teams/new': { outcome: partnershipTeamOnly },
  'GET /directory/regions/new': { outcome: partnershipTeamOnly },
  'GET /directory/meeting-places/new': { outcome: partnershipTeamOnly },
  'POST /directory/meeting-places/new': { outcome: partnershipTeamOnly },
  'POST /directory/regions/new': { outcome: partnershipTeamOnly },
  'GET /directory/working-time': { outcome: partnershipTeamOnly },
  'POST /directory/working-time': { outcome: partnershipTeamOnly },
  'GET /directory/retention': { outcome: partnershipTeamOnly },
  'POST /directory/retention': { outcome: partnershipTeamOnly },
  'GET /directory/closure-days/new': { outcome: partnershipTeamOnly },
  'POST /directory/closure-days/new': { outcome: partnershipTeamOnly },
  // The matrix's partnership has no closure day on the date asked about: the team is told so.
  'GET /directory/closure-days/:date/remove': { outcome: teamButNoSuchClosureDay },
  'POST /directory/closure-days/:date/remove': { outcome: teamButNoSuchClosureDay },
  'GET /directory/people/:personId': { objects: 'person', outcome: teamOnItsOwnPartnership },
  'POST /directory/people/:personId': { objects: 'person', outcome: teamOnItsOwnPartnership },
  'GET /directory/people/:personId/roles': {
    objects: 'person',
    outcome: (role, object) =>
      role === 'anonymous'
        ? 'sign-in'
        : role !== 'partnership-team'
          ? '403'
          : object === 'other partnership'
            ? '403'
            : 'ok',
  },
  'POST /directory/people/:personId/roles': {
    objects: 'person',
    outcome: (role, object) =>
      role === 'anonymous'
        ? 'sign-in'
        : role !== 'partnership-team'
          ? '403'
          : object === 'other partnership'
            ? '403'
            : 'ok',
  },
  'GET /audit': { outcome: partnershipTeamOnly },
  'GET /audit.csv': { outcome: partnershipTeamOnly },
  'GET /api/v1/me': { outcome: withToken },
  'GET /api/v1/partnerships': { outcome: withToken },
  'GET /api/v1/partnerships/:id/protocol': { objects: 'partnership', outcome: directoryRead },
  'GET /api/v1/partnerships/:id/protocol/versions': { objects: 'partnership', outcome: teamReport },
  'GET /protocol': { outcome: teamPageElseNotFound },
  'GET /protocol/versions/:version.yaml': { outcome: teamPageElseNotFound },
  'GET /protocol/versions/compare': { outcome: teamPageElseNotFound },
  'GET /api/v1/partnerships/:id/local-authorities': {
    objects: 'partnership',
    outcome: directoryRead,
  },
  // The protocol editor: the partnership team, on its own partnership's drafts (404 for the rest).
  'GET /protocol/drafts/new': { outcome: protocolEditor },
  'POST /protocol/drafts/new': { outcome: protocolEditor },
  'GET /protocol/drafts/:id': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/delete': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/delete': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/stages': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/stages': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/stages/:index/move-up': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/stages/:index/move-down': {
    objects: 'draft',
    outcome: protocolEditor,
  },
  'GET /protocol/drafts/:id/stages/:index/remove': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/stages/:index/remove': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/caps': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/caps': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/caps/:list/:index/remove': {
    objects: 'draft',
    outcome: protocolEditor,
  },
  'POST /protocol/drafts/:id/caps/:list/:index/remove': {
    objects: 'draft',
    outcome: protocolEditor,
  },
  'GET /protocol/drafts/:id/pathways': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/pathways': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/pathways/:index/remove': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/pathways/:index/remove': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/preview': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/adopt': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/adopt': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/about': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/about': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/levels': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/levels': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/terms': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/terms': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/calendar': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/calendar': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/urgent': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/urgent': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/recording': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/recording': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/learning': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/learning': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/stages/:index': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/stages/:index': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/caps/:list/:index': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/caps/:list/:index': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/pathways/:index': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/pathways/:index': { objects: 'draft', outcome: protocolEditor },
  'GET /protocol/drafts/:id/other-parts': { objects: 'draft', outcome: protocolEditor },
  'POST /protocol/drafts/:id/other-parts': { objects: 'draft', outcome: protocolEditor },
  'GET /api/v1/partnerships/:id/agencies': { objects: 'partnership', outcome: directoryRead },
  'GET /api/v1/partnerships/:id/people': { objects: 'partnership', outcome: directoryRead },
  'GET /api/v1/reports/summary': {
    objects: 'partnership',
    query: 'partnershipId',
    outcome: teamReport,
  },
  'GET /disagreements': { outcome: signedIn },
  'GET /disagreements/export/cases.csv': { outcome: teamPage },
  'GET /dashboard': { outcome: teamPage },
  'GET /dashboard/:table.csv': { outcome: teamPage },
  'GET /disagreements/export/stages.csv': { outcome: teamPage },
  'GET /waiting-for-you': { outcome: signedIn },
  'GET /disagreements/:id': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/raised': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/monitoring-form': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/monitoring-form.pdf': { objects: 'case', outcome: onPage(caseRead) },
  // The escalating side completes it: the parties, never the partnership team.
  'GET /disagreements/:id/monitoring-form/complete': {
    objects: 'case',
    outcome: onPage(caseSides),
  },
  'POST /disagreements/:id/monitoring-form/complete': {
    objects: 'case',
    outcome: onPage(caseSides),
  },
  'GET /disagreements/:id/summary.pdf': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/summary.json': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/record-discussion': { objects: 'case', outcome: onPage(caseRead) },
  'POST /disagreements/:id/record-discussion': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/add-action': { objects: 'case', outcome: onPage(caseRead) },
  'POST /disagreements/:id/add-action': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/escalate': { objects: 'case', outcome: onPage(caseSides) },
  'POST /disagreements/:id/escalate': { objects: 'case', outcome: onPage(caseSides) },
  'GET /disagreements/:id/propose-outcome': { objects: 'case', outcome: onPage(caseSides) },
  'POST /disagreements/:id/propose-outcome': { objects: 'case', outcome: onPage(caseSides) },
  'GET /disagreements/:id/confirm-outcome': { objects: 'case', outcome: onPage(caseSides) },
  'POST /disagreements/:id/confirm-outcome': { objects: 'case', outcome: onPage(caseSides) },
  'GET /disagreements/:id/child-deadline': { objects: 'case', outcome: onPage(caseRead) },
  'POST /disagreements/:id/child-deadline': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/withdraw': { objects: 'case', outcome: onPage(caseWithdraw) },
  'POST /disagreements/:id/withdraw': { objects: 'case', outcome: onPage(caseWithdraw) },
  'GET /disagreements/:id/close': { objects: 'case', outcome: onPage(caseRead) },
  'POST /disagreements/:id/close': { objects: 'case', outcome: onPage(caseRead) },
  'POST /disagreements/:id/tell-next-level': { objects: 'case', outcome: onPage(caseSides) },
  'GET /disagreements/:id/tell-partnership-team': { objects: 'case', outcome: onPage(caseSides) },
  'POST /disagreements/:id/tell-partnership-team': { objects: 'case', outcome: onPage(caseSides) },
  'GET /disagreements/:id/acknowledge': { objects: 'case', outcome: onPage(caseTeamOnly) },
  'POST /disagreements/:id/acknowledge': { objects: 'case', outcome: onPage(caseTeamOnly) },
  'GET /disagreements/:id/refer-lesson': { objects: 'case', outcome: onPage(caseRead) },
  'POST /disagreements/:id/refer-lesson': { objects: 'case', outcome: onPage(caseRead) },
  'GET /monitoring-inbox': { outcome: teamPage },
  'GET /learning-log': { outcome: teamPage },
  'GET /learning-log.csv': { outcome: teamPage },
  // Subject access: the team of the partnership only; what the matrix sends is no search (400).
  'GET /subject-access': { outcome: teamPage },
  'POST /subject-access/child': { outcome: teamPage },
  'POST /subject-access/child/export': { outcome: teamPage },
  'POST /subject-access/professional': { outcome: teamPage },
  'POST /subject-access/professional/export': { outcome: teamPage },
  // The matrix names no lesson: the team finds none, the rest are refused first.
  'GET /learning-log/:lessonId': {
    outcome: (role) => (role === 'partnership-team' ? '404' : teamPage(role, 'own')),
  },
  'POST /learning-log/:lessonId': {
    outcome: (role) => (role === 'partnership-team' ? '404' : teamPage(role, 'own')),
  },
  'GET /disagreements/:id/arrange-meeting': { objects: 'case', outcome: onPage(caseRead) },
  'POST /disagreements/:id/arrange-meeting': { objects: 'case', outcome: onPage(caseRead) },
  'GET /disagreements/:id/meeting-minutes': { objects: 'case', outcome: onPage(caseRead) },
  'POST /disagreements/:id/meeting-minutes': { objects: 'case', outcome: onPage(caseRead) },
  // No meeting was arranged on the matrix's cases, so there is no invitation to find.
  'GET /disagreements/:id/meeting.ics': {
    objects: 'case',
    outcome: (role) => (role === 'anonymous' ? 'sign-in' : '404'),
  },
  'POST /disagreements/:id/actions/:actionId/complete': {
    objects: 'case',
    outcome: onPage(caseRead),
  },
  // Raising: only people who work for an agency (the matrix's team and admin have none).
  'GET /disagreements/new': { outcome: onPage(raise) },
  'POST /disagreements/new': { outcome: onPage(raise) },
  'GET /disagreements/new/not-this-route': { outcome: onPage(raise) },
  'GET /disagreements/new/other-agency': { outcome: onPage(raise) },
  'POST /disagreements/new/other-agency': { outcome: onPage(raise) },
  'GET /disagreements/new/other-professional': { outcome: onPage(raise) },
  'POST /disagreements/new/other-professional': { outcome: onPage(raise) },
  'GET /disagreements/new/category': { outcome: onPage(raise) },
  'POST /disagreements/new/category': { outcome: onPage(raise) },
  'GET /disagreements/new/pathway': { outcome: onPage(raise) },
  'POST /disagreements/new/pathway': { outcome: onPage(raise) },
  'GET /disagreements/new/children': { outcome: onPage(raise) },
  'POST /disagreements/new/children': { outcome: onPage(raise) },
  'GET /disagreements/new/local-authority': { outcome: onPage(raise) },
  'POST /disagreements/new/local-authority': { outcome: onPage(raise) },
  'GET /disagreements/new/family': { outcome: onPage(raise) },
  'POST /disagreements/new/family': { outcome: onPage(raise) },
  'GET /disagreements/new/concern': { outcome: onPage(raise) },
  'POST /disagreements/new/concern': { outcome: onPage(raise) },
  'GET /disagreements/new/when': { outcome: onPage(raise) },
  'POST /disagreements/new/when': { outcome: onPage(raise) },
  'GET /disagreements/new/check': { outcome: onPage(raise) },
  'POST /disagreements/new/check': { outcome: onPage(raise) },
  'GET /api/v1/openapi.json': { outcome: anyone },
  'GET /api/v1/disagreements': { outcome: withToken },
  'POST /api/v1/disagreements': { outcome: raise },
  'GET /api/v1/disagreements/:id': { objects: 'case', outcome: caseRead },
  'GET /api/v1/disagreements/:id/monitoring-form': { objects: 'case', outcome: caseRead },
  'GET /api/v1/disagreements/:id/summary': { objects: 'case', outcome: caseRead },
  'POST /api/v1/disagreements/:id/records': { objects: 'case', outcome: caseRead },
  'POST /api/v1/disagreements/:id/escalate': { objects: 'case', outcome: caseSides },
  'POST /api/v1/disagreements/:id/resolve': { objects: 'case', outcome: caseSides },
  'POST /api/v1/disagreements/:id/confirm': { objects: 'case', outcome: caseSides },
  'POST /api/v1/disagreements/:id/reject-outcome': { objects: 'case', outcome: caseSides },
  'POST /api/v1/disagreements/:id/withdraw': { objects: 'case', outcome: caseWithdraw },
  'POST /api/v1/disagreements/:id/close': { objects: 'case', outcome: caseRead },
  'PUT /api/v1/disagreements/:id/child-deadline': { objects: 'case', outcome: caseRead },
  'DELETE /api/v1/disagreements/:id/child-deadline': { objects: 'case', outcome: caseRead },
  'POST /api/v1/disagreements/:id/actions': { objects: 'case', outcome: caseRead },
  'POST /api/v1/disagreements/:id/actions/:actionId/complete': {
    objects: 'case',
    outcome: caseRead,
  },
  // The chaired meeting's faces: the parties, the partnership team and the chair arrange it.
  'POST /api/v1/disagreements/:id/meeting': { objects: 'case', outcome: caseRead },
  'POST /api/v1/disagreements/:id/tell-partnership-team': { objects: 'case', outcome: caseSides },
  'POST /api/v1/disagreements/:id/acknowledge': { objects: 'case', outcome: caseTeamOnly },
  'POST /api/v1/disagreements/:id/lessons': { objects: 'case', outcome: caseRead },
  'POST /api/v1/disagreements/:id/meeting/minutes': { objects: 'case', outcome: caseRead },
  'POST /api/v1/disagreements/:id/tell-next-level': { objects: 'case', outcome: caseSides },
};

/**
 * Well-formed bodies for the API's writes, so that every refusal comes from the access rules
 * and not from validation. The stale version 1 answers 409 once the rules let a request through.
 */
function apiBody(
  key: string,
  ids: { partnershipId: string; otherAgencyId: string; ownerId: string },
) {
  const at = '2026-11-24T09:00:00Z';
  const bodies: Record<string, unknown> = {
    'POST /api/v1/disagreements': {
      partnershipId: ids.partnershipId,
      raisedAt: at,
      otherAgencyIds: [ids.otherAgencyId],
      category: 'threshold',
      summary: 'Matrix',
      impactOnChild: 'Matrix',
      desiredOutcome: 'Matrix',
      urgent: false,
      children: [{ firstName: 'Matrix', lastName: 'Child' }],
    },
    'POST /api/v1/disagreements/:id/records': {
      version: 1,
      occurredAt: at,
      mode: 'phone',
      participants: [],
      summary: 'Matrix',
    },
    'POST /api/v1/disagreements/:id/escalate': { version: 1, occurredAt: at, reason: 'Matrix' },
    'POST /api/v1/disagreements/:id/resolve': {
      version: 1,
      occurredAt: at,
      agreedOutcome: 'Matrix',
      actions: [],
    },
    'POST /api/v1/disagreements/:id/confirm': { version: 1 },
    'POST /api/v1/disagreements/:id/reject-outcome': { version: 1, reason: 'Matrix' },
    'POST /api/v1/disagreements/:id/withdraw': { version: 1, reason: 'Matrix' },
    'POST /api/v1/disagreements/:id/tell-partnership-team': { version: 1, reason: 'Matrix' },
    'POST /api/v1/disagreements/:id/acknowledge': { version: 1 },
    'POST /api/v1/disagreements/:id/lessons': {
      version: 1,
      lesson: { theme: 'training', text: 'Matrix lesson' },
    },
    'POST /api/v1/disagreements/:id/close': { version: 1 },
    'PUT /api/v1/disagreements/:id/child-deadline': {
      version: 1,
      dueAt: '2026-12-24T09:00:00Z',
      reason: 'Matrix',
    },
    'DELETE /api/v1/disagreements/:id/child-deadline': { version: 1, reason: 'Matrix' },
    'POST /api/v1/disagreements/:id/actions': {
      version: 1,
      description: 'Matrix',
      ownerId: ids.ownerId,
      dueAt: '2026-12-24T09:00:00Z',
    },
    'POST /api/v1/disagreements/:id/actions/:actionId/complete': { version: 1 },
    'POST /api/v1/disagreements/:id/meeting': {
      version: 1,
      chairId: ids.ownerId,
      startsAt: '2026-12-02T10:00:00Z',
      endsAt: '2026-12-02T11:00:00Z',
      place: 'Matrix room',
      attendeeIds: [],
    },
    'POST /api/v1/disagreements/:id/meeting/minutes': {
      version: 1,
      meetingId: ids.ownerId,
      minutes: 'Matrix minutes',
    },
    'POST /api/v1/disagreements/:id/tell-next-level': { version: 1 },
  };
  return bodies[key];
}

function classify(response: LightMyRequestResponse): Outcome | string {
  const location = String(response.headers.location ?? '');
  // A page's GET is redirected (302); a form sent signed out is answered with a 303 (its
  // answers kept when a session had just ended), to sign in and come back.
  if ([302, 303].includes(response.statusCode) && location.startsWith('/sign-in?returnTo='))
    return 'sign-in';
  if ([401, 403, 404, 503].includes(response.statusCode))
    return String(response.statusCode) as Outcome;
  if (response.statusCode >= 500) return `server error ${response.statusCode}`;
  return 'ok';
}

describeOnEachDatabase('authorisation matrix', (context) => {
  let app: FastifyInstance;
  let own: { partnershipId: string };
  let otherPartnershipId: string;
  const people = {} as Record<RoleName, Person | null>;
  let otherAgencyPerson: Person;
  let otherPartnershipPerson: Person;
  let otherAgencyId: string;
  let cases: Record<ObjectName, Disagreement>;
  const tokens = {} as Record<RoleName, string>;
  const deps = () => ({ database: context.database, clock: fixedClock('2026-11-24T10:00:00Z') });
  let drafts: { own: string; other: string };
  /** A protocol draft of a partnership, started by its team from a built-in protocol. */
  const aDraft = async (partnershipId: string) => {
    const team = await aPerson(context.database, { partnershipId, roles: ['partnership-team'] });
    return startProtocolDraft(
      deps(),
      { from: 'pan-lancashire' },
      await contextOf(context.database, team),
    );
  };

  before(async () => {
    own = await setUpAccord(context.database);
    const school = await anAgency(context.database, own.partnershipId, { kind: 'school' });
    const socialCare = await anAgency(context.database, own.partnershipId, {
      kind: 'childrens-social-care',
    });
    otherPartnershipId = (await aPartnership(context.database)).id;
    people.anonymous = null;
    for (const role of roles.slice(1)) {
      people[role] = await aPerson(context.database, {
        partnershipId: role === 'admin' ? null : own.partnershipId,
        agencyId: role === 'admin' || role === 'partnership-team' ? null : school.id,
        roles: [role as Exclude<RoleName, 'anonymous'>],
      });
      tokens[role] = (
        await createApiToken(
          deps(),
          { personId: (people[role] as Person).id, name: 'matrix' },
          commandLine,
        )
      ).token;
    }
    otherAgencyPerson = await aPerson(context.database, {
      partnershipId: own.partnershipId,
      agencyId: socialCare.id,
    });
    otherPartnershipPerson = await aPerson(context.database, { partnershipId: otherPartnershipId });
    const directory = peopleRepository(context.database.db);
    const schoolStaff = people as Record<RoleName, Person>;
    await directory.setLineManager(schoolStaff.practitioner.id, schoolStaff.manager.id);
    await directory.setLineManager(schoolStaff.manager.id, schoolStaff['senior-manager'].id);
    otherAgencyId = socialCare.id;
    const police = await anAgency(context.database, own.partnershipId, { kind: 'police' });
    const otherPartnershipSchool = await anAgency(context.database, otherPartnershipId);
    const otherPartnershipPolice = await anAgency(context.database, otherPartnershipId, {
      kind: 'police',
    });
    const raiseAs = (person: Person, partnershipId: string, otherAgencyId: string) =>
      aCase(
        deps(),
        { partnershipId },
        {
          by: person,
          raisedAt: '2026-11-23T09:00:00Z',
          otherAgencyIds: [otherAgencyId],
          children: [{ firstName: 'Matrix', lastName: 'Child' }],
          summary: 'Matrix case',
          impactOnChild: 'Matrix case',
          desiredOutcome: 'Matrix case',
        },
      );
    cases = {
      own: await raiseAs(schoolStaff.practitioner, own.partnershipId, socialCare.id),
      'other agency': await raiseAs(otherAgencyPerson, own.partnershipId, police.id),
      'other partnership': await raiseAs(
        await aPerson(context.database, {
          partnershipId: otherPartnershipId,
          agencyId: otherPartnershipSchool.id,
        }),
        otherPartnershipId,
        otherPartnershipPolice.id,
      ),
    };
    // Each case gets an action, owned by someone the matrix's roles are not, to complete.
    for (const [object, disagreement] of Object.entries(cases)) {
      const owner = object === 'other partnership' ? otherPartnershipPerson : otherAgencyPerson;
      const withAction: Disagreement = {
        ...disagreement,
        actions: [
          {
            id: randomUUID(),
            description: 'Matrix action',
            ownerId: owner.id,
            dueAt: '2026-12-01T17:00:00.000Z',
            completedAt: null,
            createdBy: disagreement.raisedBy,
            createdAt: disagreement.createdAt,
            proposalId: null,
          },
        ],
      };
      const { calendar, protocol } = await rulesFor(
        context.database.db,
        withAction,
        Temporal.Now.instant(),
      );
      await disagreementRepository(context.database.db).update(withAction, disagreement.version, {
        calendar,
        protocol,
        otherSideCanSee: true,
        involved: (
          await standingOn(
            context.database.db,
            withAction,
            ladderFor(builtInProtocol('pan-lancashire')),
          )
        ).involved,
      });
      cases[object as ObjectName] = withAction;
    }
    drafts = {
      own: await aDraft(own.partnershipId),
      other: await aDraft(otherPartnershipId),
    };
    app = await buildTestApp({
      database: context.database,
      env: {
        OIDC_ISSUER: 'http://127.0.0.1:1/nobody-here',
        OIDC_CLIENT_ID: 'accord',
        OIDC_CLIENT_SECRET: 'not-used',
      },
    });
  });
  after(() => app?.close());

  async function browserFor(role: RoleName): Promise<Browser> {
    const person = people[role];
    if (person) return signIn(app, person.email);
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    const { cookieFrom, csrfTokenIn } = await import('./signIn.ts');
    return { cookie: cookieFrom(page), csrfToken: csrfTokenIn(page.body) };
  }

  async function objectId(
    kind: Expectation['objects'],
    object: ObjectName,
    role: RoleName,
  ): Promise<string> {
    if (kind === 'partnership')
      return object === 'other partnership' ? otherPartnershipId : own.partnershipId;
    if (kind === 'case') return cases[object].id;
    if (kind === 'draft') return object === 'other partnership' ? drafts.other : drafts.own;
    const person =
      object === 'own'
        ? (people[role] ?? otherAgencyPerson)
        : object === 'other agency'
          ? otherAgencyPerson
          : otherPartnershipPerson;
    if (kind === 'person') return person.id;
    return (await createApiToken(deps(), { personId: person.id, name: 'target' }, commandLine)).id;
  }

  test('every route answers every role as product.md says, and no route is left out', async () => {
    const routes = app.routeTable.map((route) => `${route.method} ${route.url}`);
    assert.deepEqual(
      [...routes].sort(),
      Object.keys(expected).sort(),
      'the route table and the expected table list the same routes',
    );

    const browsers = {} as Record<RoleName, Browser>;
    for (const role of roles) browsers[role] = await browserFor(role);
    let requests = 0;
    const leaks: string[] = [];
    const unaudited: string[] = [];
    const refusedCounts = new Map<string, number>();
    const refusedSoFar = (caseId: string) => refusedCounts.get(caseId) ?? 0;
    const refusedEntriesOf = (caseId: string) =>
      context.database.db
        .selectFrom('audit_log')
        .select('seq')
        .where('record_type', '=', 'disagreement')
        .where('record_id', '=', caseId)
        .where('action', 'like', '%.refused')
        .execute();
    const wrongDenials: string[] = [];
    const others: string[] = [];

    // Routes that end sessions go last, so the other routes keep each role's session.
    const ordered = [...app.routeTable].sort(
      (a, b) =>
        Number(Boolean(expected[`${a.method} ${a.url}`]?.endsSession)) -
        Number(Boolean(expected[`${b.method} ${b.url}`]?.endsSession)),
    );
    for (const route of ordered) {
      const key = `${route.method} ${route.url}`;
      const expectation = expected[key] as Expectation;
      const objects: ObjectName[] = expectation.objects
        ? ['own', 'other agency', 'other partnership']
        : ['own'];
      for (const role of roles) {
        for (const object of objects) {
          const id = expectation.objects ? await objectId(expectation.objects, object, role) : '';
          const actionId =
            expectation.objects === 'case' ? (cases[object].actions[0]?.id ?? '') : '';
          const path = route.url
            .replace(':actionId', actionId)
            .replace(':table', 'raised-by-month')
            .replace(':version', '1')
            .replace(':date', '2026-12-24')
            .replace(':list', 'protocol')
            .replace(':index', '0')
            .replace(/:\w+/, id)
            .replace('*', 'accord.js');
          const url = expectation.query ? `${path}?${expectation.query}=${id}` : path;
          const body = apiBody(key, {
            partnershipId: own.partnershipId,
            otherAgencyId,
            ownerId: otherAgencyPerson.id,
          });
          const browser = expectation.endsSession ? await browserFor(role) : browsers[role];
          const isApi = url.startsWith('/api/');
          const response = await app.inject({
            method: route.method as 'GET' | 'POST' | 'PUT' | 'DELETE',
            url,
            headers: isApi
              ? role === 'anonymous'
                ? {}
                : { authorization: `Bearer ${tokens[role]}` }
              : { cookie: browser.cookie },
            ...(isApi && body ? { payload: body as Record<string, unknown> } : {}),
            ...(route.method === 'POST' && !isApi
              ? {
                  payload: {
                    _csrf: browser.csrfToken,
                    email: `nobody-${requests}@example.org`,
                    password: 'not the right password',
                    name: 'Matrix token',
                    ...(people[role] && key === 'POST /account/tokens'
                      ? { password: 'correct horse battery staple' }
                      : {}),
                  },
                }
              : {}),
          });
          requests++;
          const want = expectation.outcome(role, object);
          const got = classify(response);
          if (
            expectation.objects === 'case' &&
            people[role] &&
            (want === '403' || want === '404')
          ) {
            // A refused read or action on a case is audited, by the case's id (the ics route's
            // 404 for those who may see the case is "no meeting", not a refusal).
            const refusedAfter = await refusedEntriesOf(cases[object].id);
            const isRefusal = !(key.endsWith('/meeting.ics') && caseRead(role, object) === 'ok');
            if (isRefusal && refusedAfter.length <= refusedSoFar(cases[object].id)) {
              unaudited.push(`${key} as ${role} on ${object}`);
            }
            refusedCounts.set(cases[object].id, refusedAfter.length);
          }
          if (got === want) continue;
          const line = `${key} as ${role} on ${object}: expected ${want}, got ${got} (${response.statusCode})`;
          if (want !== 'ok' && got === 'ok') leaks.push(line);
          else if (want === 'ok' && got !== 'ok') wrongDenials.push(line);
          else others.push(line);
        }
      }
    }
    const routeCount = app.routeTable.length;
    console.log(
      `[${context.kind}] ${roles.length} roles × ${routeCount} routes × up to 3 objects = ${requests} requests, ${leaks.length} leaks, ${wrongDenials.length} wrong denials`,
    );
    assert.deepEqual({ leaks, wrongDenials, others }, { leaks: [], wrongDenials: [], others: [] });
    assert.deepEqual(unaudited, [], 'every refused read or action on a case is audited');
  });
});

// A stage taken by the partnership itself (test/protocols/scrutiny-panel.yaml, stage 3): a
// member of its scrutiny panel, of the partnership and no agency, on every case route of the
// API. At the panel's stage they are a stage participant who may also propose an outcome
// (product.md); on a case that has not reached the panel, they are nobody (404).
const panelMayAt: Record<string, Outcome> = {
  'GET /api/v1/disagreements/:id': 'ok',
  // The panel's protocol has no monitoring form: none to show, to anyone.
  'GET /api/v1/disagreements/:id/monitoring-form': '404',
  'GET /api/v1/disagreements/:id/summary': 'ok',
  'POST /api/v1/disagreements/:id/records': 'ok',
  'POST /api/v1/disagreements/:id/resolve': 'ok',
  'POST /api/v1/disagreements/:id/actions': 'ok',
  'POST /api/v1/disagreements/:id/actions/:actionId/complete': 'ok',
  'POST /api/v1/disagreements/:id/tell-partnership-team': 'ok',
  'POST /api/v1/disagreements/:id/lessons': 'ok',
  'POST /api/v1/disagreements/:id/escalate': '403',
  'POST /api/v1/disagreements/:id/tell-next-level': '403',
  'POST /api/v1/disagreements/:id/confirm': '403',
  'POST /api/v1/disagreements/:id/reject-outcome': '403',
  'POST /api/v1/disagreements/:id/withdraw': '403',
  'POST /api/v1/disagreements/:id/close': '403',
  'PUT /api/v1/disagreements/:id/child-deadline': '403',
  'DELETE /api/v1/disagreements/:id/child-deadline': '403',
  'POST /api/v1/disagreements/:id/meeting': '403',
  'POST /api/v1/disagreements/:id/meeting/minutes': '403',
  'POST /api/v1/disagreements/:id/acknowledge': '403',
};

describeOnEachDatabase('authorisation matrix: a stage taken by the partnership', (context) => {
  let app: FastifyInstance;
  let token: string;
  let atPanel: Disagreement;
  let beforePanel: Disagreement;
  let ids: { partnershipId: string; otherAgencyId: string; ownerId: string };
  const deps = () => ({ database: context.database, clock: fixedClock('2026-11-27T10:00:00Z') });

  before(async () => {
    const protocolSource = readFileSync(
      new URL('./protocols/scrutiny-panel.yaml', import.meta.url),
      'utf8',
    );
    const cast = await aDisagreementCast(context.database, { protocolSource });
    const panel = await aPerson(context.database, {
      partnershipId: cast.partnershipId,
      roles: ['senior-manager'],
    });
    token = (await createApiToken(deps(), { personId: panel.id, name: 'matrix' }, commandLine))
      .token;
    const toStage2 = {
      at: '2026-11-24T09:00:00Z',
      toStageKey: 'stage-2',
      writtenAccount: 'Matrix account',
    };
    beforePanel = await aCase(deps(), cast, { escalations: [toStage2] });
    atPanel = await aCase(deps(), cast, {
      escalations: [toStage2, { at: '2026-11-26T09:00:00Z', toStageKey: 'stage-3' }],
    });
    ids = {
      partnershipId: cast.partnershipId,
      otherAgencyId: cast.socialCare.agency.id,
      ownerId: cast.socialCare.practitioner.id,
    };
    app = await buildTestApp({ database: context.database, clock: deps().clock });
  });
  after(() => app?.close());

  test('a panel member may read, record and propose at the panel, nothing more; before it, nothing', async () => {
    const caseRoutes = app.routeTable
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => key.includes(' /api/v1/disagreements/:id'));
    assert.deepEqual(caseRoutes.sort(), Object.keys(panelMayAt).sort(), 'every case route listed');
    const differences: string[] = [];
    for (const key of caseRoutes) {
      const [method, url] = key.split(' ') as [string, string];
      for (const [disagreement, want] of [
        [atPanel, panelMayAt[key]],
        [beforePanel, '404'],
      ] as const) {
        const response = await app.inject({
          method: method as 'GET' | 'POST' | 'PUT' | 'DELETE',
          url: url.replace(':actionId', randomUUID()).replace(':id', disagreement.id),
          headers: { authorization: `Bearer ${token}` },
          ...(apiBody(key, ids) ? { payload: apiBody(key, ids) as Record<string, unknown> } : {}),
        });
        const got = classify(response);
        const where = disagreement === atPanel ? 'at the panel' : 'before the panel';
        if (got !== want) differences.push(`${key} ${where}: expected ${want}, got ${got}`);
      }
    }
    assert.deepEqual(differences, []);
  });
});
