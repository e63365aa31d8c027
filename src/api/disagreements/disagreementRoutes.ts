import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { NotFound } from '../../domain/errors.ts';
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
    const {
      formId,
      title,
      intro,
      partnershipName,
      monitoringTeamName,
      caseReference,
      stageKey,
      fields,
    } = await services.monitoringForm(id, apiContext(request));
    return {
      formId,
      title,
      intro,
      partnershipName,
      monitoringTeamName,
      caseReference,
      stageKey,
      fields,
    };
  });

  app.post('/disagreements/:id/records', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(recordBody, request.body);
    return present(services.recordDiscussion({ id, ...body }, apiContext(request)));
  });

  app.post('/disagreements/:id/escalate', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(escalateBody, request.body);
    return present(services.escalateDisagreement({ id, ...body }, apiContext(request)));
  });

  app.post('/disagreements/:id/resolve', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(resolveBody, request.body);
    return present(services.proposeOutcome({ id, ...body }, apiContext(request)));
  });

  app.post('/disagreements/:id/confirm', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(confirmBody, request.body);
    return present(services.confirmOutcome({ id, ...body }, apiContext(request)));
  });

  app.post('/disagreements/:id/reject-outcome', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(rejectBody, request.body);
    return present(services.rejectOutcome({ id, ...body }, apiContext(request)));
  });

  app.post('/disagreements/:id/withdraw', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(withdrawBody, request.body);
    return present(services.withdrawDisagreement({ id, ...body }, apiContext(request)));
  });

  app.post('/disagreements/:id/close', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(closeBody, request.body);
    return present(
      services.closeDisagreement(
        { id, version: body.version, lessons: body.lessons ?? [] },
        apiContext(request),
      ),
    );
  });

  app.put('/disagreements/:id/child-deadline', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(childDeadlineBody, request.body);
    return present(services.setChildDeadline({ id, ...body }, apiContext(request)));
  });

  app.delete('/disagreements/:id/child-deadline', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(clearChildDeadlineBody, request.body);
    return present(services.clearChildDeadline({ id, ...body }, apiContext(request)));
  });

  app.post('/disagreements/:id/actions', async (request) => {
    const id = caseIdOf(request);
    const body = parseRequest(addActionBody, request.body);
    return present(services.addAction({ id, ...body }, apiContext(request)));
  });

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
