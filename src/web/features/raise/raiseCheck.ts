import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDate, formatInstant } from '../../../domain/calendar/formatting.ts';
import { Invalid, NotAllowedNow } from '../../../domain/errors.ts';
import { ladderFor } from '../../../domain/protocol/ladder.ts';
import { categoryName } from '../../../domain/protocol/offeredCategories.ts';
import { choosePathway } from '../../../domain/protocol/pathwayChoice.ts';
import type { FormErrors } from '../../../forms/fields.ts';
import type { Services } from '../../../services.ts';
import { keptLines } from '../../keptLines.ts';
import { webContext } from '../../requestContext.ts';
import { urgentGuidance } from '../../urgentGuidance.ts';
import {
  nextStep,
  previousStep,
  type RaiseDraft,
  type RaiseStep,
  raiseRequestFrom,
  stepPath,
} from './raiseDraft.ts';
import { flowOf, type Loaded, raiser } from './raiseFlow.ts';

/** The check page: every answer with a link to change it, and any problem the use case found. */
async function showCheck(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  loaded: Loaded,
  errors: FormErrors = {},
  status = 200,
) {
  const { draft, flow, protocol, localAuthorities } = loaded;
  const context = webContext(request);
  const agencies = await services.listAgencies(raiser(request).partnershipId, context);
  const when = draft.when as NonNullable<RaiseDraft['when']>;
  const timeZone = protocol.calendar.timeZone;
  const choice = choosePathway(
    protocol,
    { category: draft.category ?? 'other', urgent: when.urgent },
    flow.asksPathway ? draft.pathway : undefined,
  );
  const ladder = ladderFor(protocol, choice.ok ? choice.pathway : (choice.allowed[0] as string));
  const onCall = when.urgent
    ? await services.onCallRoute(raiser(request).partnershipId, context)
    : null;
  const row = (step: RaiseStep, key: string, value: string | string[], hidden = key) => ({
    key: { text: key },
    // Answers keep their line breaks: each line of a list, each paragraph of a text.
    value: { html: keptLines([value].flat().join('\n') || 'Not given') },
    actions: {
      items: [
        {
          href: stepPath(step),
          text: 'Change',
          visuallyHiddenText: hidden.toLowerCase(),
          attributes: { id: `change-${step}-${key.replace(/\W+/g, '-').toLowerCase()}` },
        },
      ],
    },
  });
  const family = flow.asksFamily ? draft.family : undefined;
  const concern = draft.concern as NonNullable<RaiseDraft['concern']>;
  return reply.code(status).render('raise/check.njk', {
    backLink: stepPath(previousStep(flow, 'check') ?? 'when'),
    action: stepPath('check'),
    csrfToken: reply.generateCsrf(),
    errors,
    // Each problem links to the Change link of the page its answer was given on.
    errorList: Object.entries(errors).map(([field, text]) => ({
      text,
      href: `#${(field === 'pathway' && flow.asksPathway ? 'change-pathway-route' : errorTargets[field]) ?? 'check-answers'}`,
    })),
    pathwayName: ladder.pathwayName,
    firstStage: ladder.stages[0]?.name,
    stageTerm: protocol.terms.stage,
    disagreementRows: [
      row(
        'other-agency',
        'Agency you disagree with',
        agencies.find((agency) => agency.id === draft.otherAgencyId)?.name ?? '',
      ),
      row(
        'other-professional',
        'Professional',
        draft.otherPerson?.name ?? 'Not named',
        'professional you disagree with',
      ),
      row(
        'category',
        'What it is about',
        draft.category ? categoryName(protocol, draft.category) : '',
        'what the disagreement is about',
      ),
      ...(flow.asksPathway
        ? [row('pathway', 'Route', ladder.pathwayName, 'which route the disagreement takes')]
        : []),
    ],
    childRows: [
      row(
        'children',
        draft.children.length === 1 ? 'Child' : 'Children',
        draft.children.map(
          (child) =>
            `${child.firstName} ${child.lastName}, ${
              child.dateOfBirth
                ? `born ${formatDate(Temporal.PlainDate.from(child.dateOfBirth))}`
                : `due ${formatDate(Temporal.PlainDate.from(child.expectedDueDate ?? ''))}`
            }`,
        ),
      ),
      ...(flow.asksLocalAuthority
        ? [
            row(
              'local-authority',
              'Local authority',
              localAuthorities.find((la) => la.id === draft.localAuthorityId)?.name ?? '',
            ),
          ]
        : []),
      ...(family
        ? [
            row('family', 'Parents or carers', family.parents),
            row('family', 'Family address', family.address),
            row(
              'family',
              'Date of referral',
              family.referralDate ? formatDate(Temporal.PlainDate.from(family.referralDate)) : '',
            ),
            row('family', 'Other agencies involved', family.agenciesInvolved ?? ''),
          ]
        : []),
    ],
    concernRows: [
      row('concern', 'What you disagree about', concern.summary),
      row('concern', 'Impact on the child', concern.impactOnChild),
      row('concern', 'Threshold indicators and evidence', concern.evidence ?? ''),
      row('concern', 'Outcome you want', concern.desiredOutcome),
      row(
        'when',
        'First raised',
        formatInstant(Temporal.Instant.from(when.raisedAt), timeZone),
        'when the disagreement was first raised',
      ),
      row(
        'when',
        'Child at risk of immediate harm',
        when.urgent ? 'Yes' : 'No',
        'whether a child is at risk of immediate harm',
      ),
    ],
    urgent: when.urgent ? urgentGuidance(protocol, onCall) : null,
  });
}

/** Check your answers, then raise: problems the use case finds link to where to change them. */
export function raiseCheck(app: FastifyInstance, services: Services) {
  app.get(stepPath('check'), async (request, reply) => {
    const loaded = await flowOf(services, request);
    if (nextStep(loaded.draft, loaded.flow) !== 'check') {
      return reply.redirect(stepPath(nextStep(loaded.draft, loaded.flow)), 303);
    }
    return showCheck(services, request, reply, loaded);
  });
  app.post(stepPath('check'), async (request, reply) => {
    const loaded = await flowOf(services, request);
    const { draft, flow } = loaded;
    if (nextStep(draft, flow) !== 'check') {
      return reply.redirect(stepPath(nextStep(draft, flow)), 303);
    }
    try {
      const raised = await services.raiseDisagreement(
        raiseRequestFrom(draft, flow),
        webContext(request),
      );
      delete request.session.raiseDraft;
      // The confirmation has an address of its own: reloading it raises nothing again.
      return reply.redirect(`/disagreements/${raised.id}/raised`, 303);
    } catch (error) {
      // The use case names the answer a problem is about: its path, or the rule's field.
      if (error instanceof Invalid) {
        const errors: FormErrors = {};
        for (const problem of error.errors) {
          errors[problem.path.split('.')[0] ?? 'form'] ??= problem.message;
        }
        if (Object.keys(errors).length === 0) errors.form = error.message;
        return showCheck(services, request, reply, loaded, errors, 400);
      }
      if (error instanceof NotAllowedNow) {
        return showCheck(
          services,
          request,
          reply,
          loaded,
          { [error.field ?? 'form']: error.message },
          422,
        );
      }
      throw error;
    }
  });
}

/** The Change link each of the use case's fields is answered on. */
const errorTargets: Record<string, string> = {
  otherAgencyIds: 'change-other-agency-agency-you-disagree-with',
  otherPersonId: 'change-other-professional-professional',
  category: 'change-category-what-it-is-about',
  pathway: 'change-category-what-it-is-about',
  localAuthorityId: 'change-local-authority-local-authority',
  children: 'change-children-child',
  family: 'change-family-parents-or-carers',
  referralDate: 'change-family-date-of-referral',
  agenciesInvolved: 'change-family-other-agencies-involved',
  summary: 'change-concern-what-you-disagree-about',
  impactOnChild: 'change-concern-impact-on-the-child',
  evidence: 'change-concern-threshold-indicators-and-evidence',
  desiredOutcome: 'change-concern-outcome-you-want',
  raisedAt: 'change-when-first-raised',
  urgent: 'change-when-child-at-risk-of-immediate-harm',
};
