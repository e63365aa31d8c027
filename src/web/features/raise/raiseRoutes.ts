import type { FastifyInstance } from 'fastify';
import { canInPartnership } from '../../../domain/access/can.ts';
import { COMPLAINTS_ROUTE } from '../../../domain/disagreement/actions/raise.ts';
import { bodyOf, checkFields } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { raiseCheck } from './raiseCheck.ts';
import { raiseChildren } from './raiseChildren.ts';
import { startFields } from './raiseFields.ts';
import { flowOf, saveAndContinue, showQuestion } from './raiseFlow.ts';
import { raisePathway } from './raisePathway.ts';
import { raiseQuestions } from './raiseQuestions.ts';

/** Raising a disagreement: GOV.UK question pages, one thing per page, then check your answers. */
export async function raiseRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);
  app.addHook('preHandler', async (request, reply) => {
    const actor = request.actor;
    if (actor?.partnershipId && canInPartnership(actor, 'raise', actor.partnershipId)) return;
    return reply.code(403).render('raise/cannot-raise.njk');
  });
  // 1. What this is for, the partnership's checklist, and the complaints stop.
  app.get('/disagreements/new', async (request, reply) => {
    const { protocol, draft } = await flowOf(services, request);
    return showQuestion(
      reply,
      'start',
      null,
      {
        fields: startFields(),
        values: answersOr(request, draft.notAboutConduct ? { aboutConduct: 'no' } : {}),
      },
      { protocolName: protocol.name, checklist: protocol.checklist },
    );
  });
  app.post('/disagreements/new', async (request, reply) => {
    const { protocol, draft, flow } = await flowOf(services, request);
    const fields = startFields();
    const form = checkFields(fields, request.body);
    if (!form.ok) {
      return showQuestion(
        reply,
        'start',
        null,
        { fields, values: bodyOf(request.body), errors: form.errors },
        { protocolName: protocol.name, checklist: protocol.checklist },
      );
    }
    if (form.values.aboutConduct === 'yes') {
      delete request.session.raiseDraft;
      return reply.redirect('/disagreements/new/not-this-route', 303);
    }
    return saveAndContinue(request, reply, { ...draft, notAboutConduct: true }, flow);
  });
  app.get('/disagreements/new/not-this-route', async (_request, reply) =>
    reply.render('raise/not-this-route.njk', { complaintsRoute: COMPLAINTS_ROUTE }),
  );

  raiseQuestions(app, services); // 2, 3, 4b to 7: one thing each
  raisePathway(app, services); // 3b. the route, when the protocol offers a choice
  raiseChildren(app, services); // 4. the children
  raiseCheck(app, services); // 8. check your answers, then raise
}
