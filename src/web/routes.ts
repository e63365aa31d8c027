import type { FastifyInstance } from 'fastify';
import type { SignedInAs } from '../services/signedInAs.ts';
import type { Services } from '../services.ts';
import { accountRoutes } from './features/account/accountRoutes.ts';
import { adminRoutes } from './features/admin/adminRoutes.ts';
import { auditRoutes } from './features/audit/auditRoutes.ts';
import { caseListRoutes } from './features/case/caseListRoutes.ts';
import { caseRoutes } from './features/case/caseRoutes.ts';
import { dashboardRoutes } from './features/dashboard/dashboardRoutes.ts';
import { demoRoutes } from './features/demo/demoRoutes.ts';
import { directoryRoutes } from './features/directory/directoryRoutes.ts';
import { healthRoutes } from './features/health/healthRoutes.ts';
import { homeRoutes } from './features/home/homeRoutes.ts';
import { inboxRoutes } from './features/inbox/inboxRoutes.ts';
import { learningLogRoutes } from './features/learningLog/learningLogRoutes.ts';
import { oidcRoutes } from './features/oidc/oidcRoutes.ts';
import { protocolRoutes } from './features/protocol/protocolRoutes.ts';
import { protocolEditorRoutes } from './features/protocolEditor/editorRoutes.ts';
import { raisedRoutes } from './features/raise/raisedRoutes.ts';
import { raiseRoutes } from './features/raise/raiseRoutes.ts';
import { servicePageRoutes } from './features/servicePages/servicePageRoutes.ts';
import { sessionRoutes } from './features/session/sessionRoutes.ts';
import { setupRoutes } from './features/setup/setupRoutes.ts';
import { signInRoutes } from './features/signIn/signInRoutes.ts';
import { subjectAccessRoutes } from './features/subjectAccess/subjectAccessRoutes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** How many things wait for the signed-in person, for the header; null when not counted. */
    waitingCount: number | null;
    /** The header's "Signed in as": the person's name and agency; null when signed out. */
    signedInAs: SignedInAs | null;
  }
}

/** The site map: every page route of the service, registered in one place. */
export async function webRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  // An empty database sends every page to first-run setup.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path === '/setup' || path === '/health' || path.startsWith('/assets/')) return;
    if (await services.needsSetup()) return reply.redirect('/setup');
  });
  // The header's "Waiting for you" count, on every page a signed-in person of a partnership sees.
  app.decorateRequest('waitingCount', null);
  app.decorateRequest('signedInAs', null);
  app.addHook('preHandler', async (request) => {
    if (request.actor) request.signedInAs = await services.signedInAs(request.actor);
    if (request.method !== 'GET' || !request.actor?.partnershipId) return;
    // Waiting for you (the home page) counts its own rows: read once, not twice.
    if (request.routeOptions.config.countsWaiting) return;
    request.waitingCount = await services.waitingCount({
      actor: request.actor,
      via: 'web',
      requestId: request.id,
    });
  });
  await app.register(healthRoutes, { services }); // GET /health
  await app.register(setupRoutes, { services }); // GET, POST /setup
  await app.register(homeRoutes, { services }); // GET /, /waiting-for-you
  await app.register(signInRoutes, { services }); // GET, POST /sign-in; POST /sign-out
  await app.register(sessionRoutes, { services }); // POST /session/keep-alive
  await app.register(oidcRoutes, { services }); // GET /sign-in/oidc, /sign-in/oidc/callback (when configured)
  await app.register(servicePageRoutes, { services }); // GET /accessibility, /privacy, /cookies, /contact; GET, POST /directory/pages/…, POST …/reset
  await app.register(demoRoutes, { services }); // GET, POST /demo/sign-in (in demo mode; 404 otherwise)
  await app.register(accountRoutes, { services }); // GET /account; POST /account/tokens, …/revoke, /account/sign-out-everywhere
  await app.register(adminRoutes, { services }); // GET /admin/people, /admin/people/:personId, …/deactivate, /admin/directory, /admin/directory/:partnershipId; POST /admin/people/:personId/invitation, …/invitation/revoke, …/deactivate, …/reactivate
  await app.register(auditRoutes, { services }); // GET /audit, /audit.csv
  await app.register(dashboardRoutes, { services }); // GET /dashboard, /dashboard/:table.csv
  await app.register(inboxRoutes, { services }); // GET /monitoring-inbox
  await app.register(learningLogRoutes, { services }); // GET /learning-log, /learning-log.csv; GET, POST /learning-log/:lessonId
  await app.register(subjectAccessRoutes, { services }); // GET /subject-access; POST /subject-access/child, /professional, each …/export
  await app.register(directoryRoutes, { services }); // GET /directory; GET, POST /directory/…/new, /directory/people/:personId/roles
  await app.register(protocolRoutes, { services }); // GET /protocol, /protocol/versions/:version.yaml, /protocol/versions/compare
  await app.register(protocolEditorRoutes, { services }); // GET, POST /protocol/drafts/new; /protocol/drafts/:id and its pages (the protocol editor)
  await app.register(raiseRoutes, { services }); // GET, POST /disagreements/new, /disagreements/new/…
  await app.register(raisedRoutes, { services }); // GET /disagreements/:id/raised (the confirmation after raising)
  await app.register(caseListRoutes, { services }); // GET /disagreements, its CSV downloads
  await app.register(caseRoutes, { services }); // GET /disagreements/:id…; GET, POST each case action's page (src/caseActions/)
}
