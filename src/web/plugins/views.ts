import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { withReveals } from '../../forms/reveals.ts';
import { govukFrontendDist, mojFrontendDist } from '../assets/stylesheet.ts';
import { keptLines } from '../keptLines.ts';

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a Nunjucks page with the layout's shared context and sends it. */
    render(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}

type ViewOptions = { stylesheetHash: string; demoMode: boolean };

const webDir = path.resolve(import.meta.dirname, '..');

/** The pages' Nunjucks: our views and features, then govuk-frontend's and MoJ's templates. */
export function viewEnvironment(): nunjucks.Environment {
  const environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      path.join(webDir, 'views'),
      path.join(webDir, 'features'),
      govukFrontendDist,
      mojFrontendDist,
    ]),
    { autoescape: true },
  );
  environment.addFilter('withReveals', withReveals);
  // Typed text with its line breaks, for a component's `html`: {{ text | keptLines }}.
  environment.addFilter(
    'keptLines',
    (text: unknown) => new nunjucks.runtime.SafeString(keptLines(String(text ?? ''))),
  );
  return environment;
}

export const views = fp<ViewOptions>(
  async (app: FastifyInstance, options) => {
    const environment = viewEnvironment();

    app.decorateReply(
      'render',
      function render(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
        const actor = this.request.actor ?? null;
        const html = environment.render(template, {
          stylesheetHash: options.stylesheetHash,
          demoMode: options.demoMode,
          cspNonce: this.cspNonce?.script,
          requestId: this.request.id,
          actor,
          // Signed-in pages carry a sign-out form in the header, so they need a token.
          csrfToken:
            actor && typeof this.generateCsrf === 'function' ? this.generateCsrf() : undefined,
          currentPath: this.request.url.split('?')[0],
          waitingCount: this.request.waitingCount ?? null,
          signedInAs: this.request.signedInAs ?? null,
          sessionEnds: actor ? this.request.sessionEnds : null,
          keptAnswersShown: this.request.keptAnswersShown,
          keptBecause: this.request.keptBecause,
          pageExpired: this.request.pageExpired,
          ...context,
        });
        // Pages may hold case details: never let a shared or browser cache keep them.
        return this.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
      },
    );
  },
  { name: 'views', dependencies: ['security-headers'] },
);
