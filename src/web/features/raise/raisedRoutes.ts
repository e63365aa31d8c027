import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listInWords } from '../../../domain/calendar/formatting.ts';
import { relativeDue } from '../../../domain/calendar/relativeDue.ts';
import {
  currentStage,
  otherSideCanSee,
  stageLabel,
} from '../../../domain/disagreement/disagreement.ts';
import { NotFound } from '../../../domain/errors.ts';
import { stageOf } from '../../../domain/protocol/ladder.ts';
import type { RaiseConfirmation, Told } from '../../../services/raiseConfirmation.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { requireSignIn } from '../../requireSignIn.ts';
import { urgentGuidance } from '../../urgentGuidance.ts';

const caseParams = z.object({ id: z.uuid() });

/** Whom the raise told, one line each: "Sam Example, Team Manager, Lancashire County Council". */
function toldInWords(told: Told, monitoringTeam: string): string {
  const line =
    told.kind === 'team'
      ? `The ${monitoringTeam} (${told.address})`
      : [told.name, told.jobTitle, told.agency].filter(Boolean).join(', ');
  return told.inSummary ? `${line}, in their morning summary` : line;
}

/** The first stage's due time in words, and who should act by then. */
function whatHappensNext({ disagreement, rules, agencyNames }: RaiseConfirmation) {
  const current = currentStage(disagreement);
  const stage = current ? stageOf(rules.ladder, current.key) : undefined;
  const label = stageLabel(rules, stage);
  const due = current?.dueAt
    ? relativeDue(rules.calendar, Temporal.Instant.from(current.dueAt), rules.now)
    : null;
  // Where the other side cannot see the case yet (East Riding's stage 1), the raiser's agency acts.
  const acting = otherSideCanSee(disagreement, rules.ladder)
    ? listInWords(
        disagreement.otherAgencyIds.map((id) => agencyNames.get(id) ?? 'The other agency'),
      )
    : (agencyNames.get(disagreement.raiserAgencyId) ?? 'Your agency');
  return {
    sentence: due
      ? `${label}: ${acting} should respond by ${due.by} — ${due.words}`
      : `${label}: ${acting} should respond as soon as they can (this stage has no set timescale)`,
    who: stage?.who,
  };
}

/**
 * The confirmation page after raising (GOV.UK's confirmation pattern): the reference in a
 * panel, whom the raise told, and what happens next and by when. Its own address, for anyone
 * who may see the case: reading it again changes nothing.
 */
export async function raisedRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.addHook('preHandler', requireSignIn);
  app.get('/disagreements/:id/raised', async (request, reply) => {
    const parsed = caseParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound('There is no such disagreement');
    const confirmation = await services.raiseConfirmation(parsed.data.id, webContext(request));
    const { disagreement, rules } = confirmation;
    // An urgent case's confirmation repeats what to do now, as its check and case pages do.
    const urgent =
      disagreement.urgent && disagreement.status === 'open'
        ? urgentGuidance(
            rules.protocol,
            await services.onCallRoute(disagreement.partnershipId, webContext(request)),
          )
        : null;
    return reply.render('raise/raised.njk', {
      id: disagreement.id,
      reference: disagreement.reference,
      told: confirmation.told.map((told) => toldInWords(told, rules.protocol.terms.monitoringTeam)),
      next: whatHappensNext(confirmation),
      urgent,
    });
  });
}
