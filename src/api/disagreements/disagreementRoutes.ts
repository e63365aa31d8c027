import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addAction } from '../../domain/disagreement/actions/addAction.ts';
import type { CaseCommand } from '../../domain/disagreement/actions/caseCommand.ts';
import { clearChildDeadline } from '../../domain/disagreement/actions/clearChildDeadline.ts';
import { close } from '../../domain/disagreement/actions/close.ts';
import { completeAction } from '../../domain/disagreement/actions/completeAction.ts';
import { confirmOutcome } from '../../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../../domain/disagreement/actions/proposeOutcome.ts';
import { recordDiscussion } from '../../domain/disagreement/actions/recordDiscussion.ts';
import { rejectOutcome } from '../../domain/disagreement/actions/rejectOutcome.ts';
import { setChildDeadline } from '../../domain/disagreement/actions/setChildDeadline.ts';
import { withdraw } from '../../domain/disagreement/actions/withdraw.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { NotFound } from '../../domain/errors.ts';
import { parseInput as parseRequest } from '../../services/parseInput.ts';
import type { Services } from '../../services.ts';
import { apiContext } from '../directory/directoryRoutes.ts';
import { presentCase } from './disagreementPresenter.ts';
import {
  completeActionBody,
  listQuery,
  monitoringFormSchema,
  raiseBody,
  version as versionSchema,
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

  /** A write to one case: its id, its body checked by the command's schema and a version. */
  function caseWrite<Input extends z.ZodObject>(
    method: 'post' | 'put' | 'delete',
    path: string,
    command: CaseCommand<Input>,
  ) {
    const body = z.strictObject({ version: versionSchema, ...command.input.shape });
    app[method](`/disagreements/:id${path}`, async (request) => {
      const id = caseIdOf(request);
      const { version, ...input } = parseRequest(body, request.body) as { version: number };
      return present(
        services.runCaseAction(
          command,
          { id, version, input: input as never },
          apiContext(request),
        ),
      );
    });
  }

  caseWrite('post', '/records', recordDiscussion);
  caseWrite('post', '/escalate', escalate);
  caseWrite('post', '/resolve', proposeOutcome);
  caseWrite('post', '/confirm', confirmOutcome);
  caseWrite('post', '/reject-outcome', rejectOutcome);
  caseWrite('post', '/withdraw', withdraw);
  caseWrite('post', '/close', close);
  caseWrite('put', '/child-deadline', setChildDeadline);
  caseWrite('delete', '/child-deadline', clearChildDeadline);
  caseWrite('post', '/actions', addAction);

  app.post('/disagreements/:id/actions/:actionId/complete', async (request) => {
    const params = actionParams.safeParse(request.params);
    if (!params.success) throw new NotFound('There is no such action, or you cannot see it');
    const body = parseRequest(completeActionBody, request.body);
    return present(
      services.runCaseAction(
        completeAction,
        { id: params.data.id, version: body.version, input: { actionId: params.data.actionId } },
        apiContext(request),
      ),
    );
  });
}
