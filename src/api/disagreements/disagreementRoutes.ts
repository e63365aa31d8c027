import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { caseActionRegistry } from '../../caseActions/caseActionRegistry.ts';
import { caseSummarySchema } from '../../domain/disagreement/caseSummary.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { NotFound } from '../../domain/errors.ts';
import { parseInput } from '../../services/parseInput.ts';
import type { Services } from '../../services.ts';
import { apiContext } from '../requestContext.ts';
import { apiBodyOf, apiEntries, pathParameters, routeOf } from './caseActionApi.ts';
import { presentCase } from './disagreementPresenter.ts';
import { listQuery, monitoringFormSchema, raiseBody } from './disagreementSchemas.ts';

const caseParams = z.object({ id: z.uuid() });

/** A case id that cannot exist is simply not found, like one the caller may not see. */
function caseIdOf(request: FastifyRequest): string {
  const parsed = caseParams.safeParse(request.params);
  if (!parsed.success) throw new NotFound('There is no such disagreement, or you cannot see it');
  return parsed.data.id;
}

/** JSON unless the client asks for the PDF (and not for JSON too). */
function wantsPdf(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/pdf') && !accept.includes('json');
}

function pdfReply(reply: FastifyReply, file: { fileName: string; content: Buffer }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.content);
}

export async function disagreementRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  // A write answers with the case exactly as that write left it.
  const present = async (
    change: Promise<Disagreement>,
  ): Promise<ReturnType<typeof presentCase>> => {
    const changed = await change;
    return presentCase(changed, await services.caseRules(changed));
  };

  app.get('/disagreements', async (request) => {
    const query = parseInput(listQuery, request.query, 'query');
    const page = await services.listDisagreements(query, apiContext(request));
    return {
      items: page.items.map(({ disagreement, rules }) => presentCase(disagreement, rules)),
      nextCursor: page.nextCursor,
    };
  });

  app.post('/disagreements', async (request, reply) => {
    const body = parseInput(raiseBody, request.body);
    const raised = await services.raiseDisagreement(body, apiContext(request));
    return reply
      .code(201)
      .header('location', `/api/v1/disagreements/${raised.id}`)
      .send(presentCase(raised, await services.caseRules(raised)));
  });

  app.get('/disagreements/:id', async (request) => {
    const view = await services.getDisagreement(caseIdOf(request), apiContext(request));
    return presentCase(view.disagreement, view.rules);
  });

  app.get('/disagreements/:id/monitoring-form', async (request, reply) => {
    const id = caseIdOf(request);
    if (wantsPdf(request)) {
      return pdfReply(reply, await services.monitoringFormAsPdf(id, apiContext(request)));
    }
    // The response schema keeps exactly the fields api.md shows.
    return monitoringFormSchema.parse(await services.monitoringForm(id, apiContext(request)));
  });

  app.get('/disagreements/:id/summary', async (request, reply) => {
    const id = caseIdOf(request);
    if (wantsPdf(request)) {
      return pdfReply(reply, await services.caseSummaryAsPdf(id, apiContext(request)));
    }
    return caseSummarySchema.parse(await services.caseSummary(id, apiContext(request)));
  });

  // Every case action's route, from the registry (src/caseActions/).
  for (const entry of apiEntries(caseActionRegistry)) {
    const body = apiBodyOf(entry);
    const parameters = pathParameters(entry);
    const params = z.object(
      Object.fromEntries(['id', ...parameters].map((name) => [name, z.uuid()])),
    );
    app[entry.api.method](routeOf(entry), async (request) => {
      // An id that cannot exist is simply not found, like one the caller may not see.
      const path = params.safeParse(request.params);
      if (!path.success) throw new NotFound('There is no such disagreement, or you cannot see it');
      const { id, ...named } = path.data as Record<string, string>;
      const { version, ...input } = parseInput(body, request.body) as Record<string, unknown>;
      return present(
        services.runCaseAction(
          entry.command,
          { id: id as string, version: version as number, input: { ...input, ...named } },
          apiContext(request),
        ),
      );
    });
  }
}
