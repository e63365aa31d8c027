import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { NotFound } from '../../domain/errors.ts';
import type { RequestContext } from '../../services/requestContext.ts';
import type { Services } from '../../services.ts';
import { apiContext } from '../directory/directoryRoutes.ts';
import { parseRequest } from '../parseRequest.ts';
import { presentCase } from './disagreementPresenter.ts';
import {
  addActionBody,
  childDeadlineBody,
  clearChildDeadlineBody,
  closeBody,
  completeActionBody,
  confirmBody,
  escalateBody,
  listQuery,
  monitoringFormSchema,
  raiseBody,
  recordBody,
  rejectBody,
  resolveBody,
  withdrawBody,
} from './disagreementSchemas.ts';

const caseParams = z.object({ id: z.uuid() });
const actionParams = z.object({ id: z.uuid(), actionId: z.uuid() });

/** A case id that cannot exist is simply not found, like one the caller may not see. */
function caseIdOf(request: FastifyRequest): string {
  const parsed = caseParams.safeParse(request.params);
  if (!parsed.success) throw new NotFound('There is no such disagreement, or you cannot see it');
  return parsed.data.id;
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
    const query = parseRequest(listQuery, request.query, 'query');
    const page = await services.listDisagreements(
      {
        status: query.status,
        stage: query.stage,
        overdue: query.overdue === 'true',
        partnershipId: query.partnershipId,
        limit: query.limit,
        cursor: query.cursor,
      },
      apiContext(request),
    );
    return {
      items: page.items.map(({ disagreement, rules }) => presentCase(disagreement, rules)),
      nextCursor: page.nextCursor,
    };
  });

  app.post('/disagreements', async (request, reply) => {
    const body = parseRequest(raiseBody, request.body);
    const raised = await services.raiseDisagreement(
      {
        ...body,
        children: body.children.map((child) => ({
          firstName: child.firstName,
          lastName: child.lastName,
          dateOfBirth: child.dateOfBirth ?? null,
          expectedDueDate: child.expectedDueDate ?? null,
        })),
        family: body.family && { parents: body.family.parents, address: body.family.address },
      },
      apiContext(request),
    );
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
    // JSON unless the client asks for the PDF (and not for JSON too).
    const accept = request.headers.accept ?? '';
    if (accept.includes('application/pdf') && !accept.includes('json')) {
      const pdf = await services.monitoringFormAsPdf(id, apiContext(request));
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="monitoring-form.pdf"')
        .header('cache-control', 'no-store')
        .send(pdf);
    }
    // The response schema keeps exactly the fields api.md shows.
    return monitoringFormSchema.parse(await services.monitoringForm(id, apiContext(request)));
  });

  /** A write to one case: its id, its body checked by the schema, the use case, the case back. */
  function caseWrite<Schema extends z.ZodType>(
    method: 'post' | 'put' | 'delete',
    path: string,
    schema: Schema,
    change: (id: string, body: z.output<Schema>, context: RequestContext) => Promise<Disagreement>,
  ) {
    app[method](`/disagreements/:id${path}`, async (request) => {
      const id = caseIdOf(request);
      const body = parseRequest(schema, request.body);
      return present(change(id, body, apiContext(request)));
    });
  }

  caseWrite('post', '/records', recordBody, (id, body, context) =>
    services.recordDiscussion({ id, ...body }, context),
  );
  caseWrite('post', '/escalate', escalateBody, (id, body, context) =>
    services.escalateDisagreement({ id, ...body }, context),
  );
  caseWrite('post', '/resolve', resolveBody, (id, body, context) =>
    services.proposeOutcome({ id, ...body }, context),
  );
  caseWrite('post', '/confirm', confirmBody, (id, body, context) =>
    services.confirmOutcome({ id, ...body }, context),
  );
  caseWrite('post', '/reject-outcome', rejectBody, (id, body, context) =>
    services.rejectOutcome({ id, ...body }, context),
  );
  caseWrite('post', '/withdraw', withdrawBody, (id, body, context) =>
    services.withdrawDisagreement({ id, ...body }, context),
  );
  caseWrite('post', '/close', closeBody, (id, body, context) =>
    services.closeDisagreement({ id, version: body.version, lessons: body.lessons ?? [] }, context),
  );
  caseWrite('put', '/child-deadline', childDeadlineBody, (id, body, context) =>
    services.setChildDeadline({ id, ...body }, context),
  );
  caseWrite('delete', '/child-deadline', clearChildDeadlineBody, (id, body, context) =>
    services.clearChildDeadline({ id, ...body }, context),
  );
  caseWrite('post', '/actions', addActionBody, (id, body, context) =>
    services.addAction({ id, ...body }, context),
  );

  app.post('/disagreements/:id/actions/:actionId/complete', async (request) => {
    const params = actionParams.safeParse(request.params);
    if (!params.success) throw new NotFound('There is no such action, or you cannot see it');
    const body = parseRequest(completeActionBody, request.body);
    return present(
      services.completeAction(
        { id: params.data.id, actionId: params.data.actionId, version: body.version },
        apiContext(request),
      ),
    );
  });
}
