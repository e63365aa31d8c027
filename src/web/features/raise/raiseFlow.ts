import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../domain/access/can.ts';
import type { Agency } from '../../../domain/directory/directory.ts';
import { familyDetailsNeeded } from '../../../domain/protocol/familyDetailsNeeded.ts';
import { ladderFor } from '../../../domain/protocol/ladder.ts';
import { offersPathwayChoice } from '../../../domain/protocol/pathwayChoice.ts';
import type { Protocol } from '../../../domain/protocol/protocolSchema.ts';
import type { Fields, FormBody, FormErrors, FormValues } from '../../../forms/fields.ts';
import { bodyOf, checkFields, errorList, fieldViews } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { webContext } from '../../requestContext.ts';
import {
  mayVisit,
  nextStep,
  previousStep,
  type RaiseDraft,
  type RaiseFlow,
  type RaiseStep,
  stepPath,
} from './raiseDraft.ts';

// What every question page of raising shares: who raises, the draft in the session, which
// pages this partnership's raise has, and one page's GET and POST.

/** A person who may raise: signed in, of a partnership, and working for one of its agencies. */
type Raiser = Actor & { partnershipId: string; agencyId: string };

export const raiser = (request: FastifyRequest) => request.actor as Raiser;

/** The draft of this person's partnership, started afresh when there is none. */
export function draftOf(request: FastifyRequest): RaiseDraft {
  const { partnershipId } = raiser(request);
  const draft = request.session.raiseDraft;
  // A copy: nothing a page changes is kept unless the page saves it.
  if (draft?.partnershipId === partnershipId) return structuredClone(draft);
  return { partnershipId, children: [] };
}
export function saveDraft(request: FastifyRequest, draft: RaiseDraft) {
  request.session.raiseDraft = draft;
}

/** What every page needs: the protocol in force, the draft and which pages this raise has. */
export async function flowOf(services: Services, request: FastifyRequest) {
  const { partnershipId } = raiser(request);
  const context = webContext(request);
  const [{ protocol }, localAuthorities] = await Promise.all([
    services.protocolInForce(partnershipId, context),
    services.listLocalAuthorities(partnershipId, context),
  ]);
  const draft = draftOf(request);
  const flow = raiseFlowOf(protocol, localAuthorities.length, draft);
  return { protocol, localAuthorities, flow, draft };
}
export type Loaded = Awaited<ReturnType<typeof flowOf>>;

/** Which pages a raise has: some depend on the protocol, the partnership, and the answers so far. */
export function raiseFlowOf(
  protocol: Protocol,
  localAuthorityCount: number,
  draft: RaiseDraft,
): RaiseFlow {
  return {
    asksFamily: familyDetailsNeeded(protocol),
    asksLocalAuthority: localAuthorityCount > 1,
    asksPathway:
      draft.category !== undefined &&
      offersPathwayChoice(protocol, {
        category: draft.category,
        urgent: draft.when?.urgent ?? false,
      }),
  };
}

/** Renders a question page: its back link, CSRF token, fields and error summary. */
export function showQuestion(
  reply: FastifyReply,
  step: RaiseStep,
  flow: RaiseFlow | null,
  form: { fields: Fields; values: FormBody; errors?: FormErrors; timeZone?: string },
  context: Record<string, unknown> = {},
) {
  const errors = form.errors ?? {};
  const previous = flow ? previousStep(flow, step) : undefined;
  return reply.code(Object.keys(errors).length > 0 ? 400 : 200).render(`raise/${step}.njk`, {
    backLink: previous ? stepPath(previous) : '/',
    action: stepPath(step),
    csrfToken: reply.generateCsrf(),
    fields: fieldViews(
      form.fields,
      form.values,
      errors,
      form.timeZone ? { timeZone: form.timeZone } : {},
    ),
    errorList: errorList(errors, form.fields),
    ...context,
  });
}

/** Saves a page's answer into the draft and goes to the next page still to answer. */
export function saveAndContinue(
  request: FastifyRequest,
  reply: FastifyReply,
  draft: RaiseDraft,
  flow: RaiseFlow,
) {
  saveDraft(request, draft);
  return reply.redirect(stepPath(nextStep(draft, flow)), 303);
}

/** One question page: its fields, what it shows besides, and how its answer is kept. */
export type QuestionPage<F extends Fields> = {
  fields: (request: FastifyRequest, loaded: Loaded) => Promise<F> | F;
  /** The page's rules across its fields. */
  across?: (loaded: Loaded) => (values: Partial<FormValues<F>>) => FormErrors;
  /** What else the page's template shows. */
  context?: (request: FastifyRequest, loaded: Loaded) => Promise<Record<string, unknown>>;
  /** The form's values from the draft, when the page is shown again. */
  current: (loaded: Loaded) => FormBody;
  /** Checks the answer against the partnership's data and keeps it; errors by field, if any. */
  keep: (
    request: FastifyRequest,
    loaded: Loaded,
    values: FormValues<F>,
  ) => Promise<FormErrors | undefined>;
};

/**
 * Registers GET and POST for one question page. A page whose earlier pages are unanswered
 * sends the person to the first of those.
 */
export function questionPage<F extends Fields>(
  app: FastifyInstance,
  services: Services,
  step: RaiseStep,
  page: QuestionPage<F>,
) {
  const path = stepPath(step);
  const loadFor = async (request: FastifyRequest, reply: FastifyReply) => {
    const loaded = await flowOf(services, request);
    if (!mayVisit(loaded.draft, loaded.flow, step)) {
      reply.redirect(stepPath(nextStep(loaded.draft, loaded.flow)), 303);
      return undefined;
    }
    return loaded;
  };
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    values: FormBody,
    errors?: FormErrors,
  ) =>
    showQuestion(
      reply,
      step,
      loaded.flow,
      {
        fields: await page.fields(request, loaded),
        values,
        timeZone: loaded.protocol.calendar.timeZone,
        ...(errors ? { errors } : {}),
      },
      (await page.context?.(request, loaded)) ?? {},
    );
  app.get(path, async (request, reply) => {
    const loaded = await loadFor(request, reply);
    if (!loaded) return reply;
    return render(request, reply, loaded, answersOr(request, page.current(loaded)));
  });
  app.post(path, async (request, reply) => {
    const loaded = await loadFor(request, reply);
    if (!loaded) return reply;
    const body = bodyOf(request.body);
    const form = checkFields(
      await page.fields(request, loaded),
      body,
      { timeZone: loaded.protocol.calendar.timeZone },
      page.across?.(loaded),
    );
    const errors = form.ok ? await page.keep(request, loaded, form.values) : form.errors;
    // The answer may change which pages follow (a category that offers a choice of pathway).
    const flow = raiseFlowOf(loaded.protocol, loaded.localAuthorities.length, loaded.draft);
    if (!errors) return saveAndContinue(request, reply, loaded.draft, flow);
    return render(request, reply, loaded, body, errors);
  });
}

export const otherAgencies = async (
  services: Services,
  request: FastifyRequest,
): Promise<Agency[]> => {
  const { partnershipId, agencyId } = raiser(request);
  const agencies = await services.listAgencies(partnershipId, webContext(request));
  return agencies.filter((agency) => agency.id !== agencyId);
};
export const today = (services: Services, protocol: Protocol) =>
  services.clock.now().toZonedDateTimeISO(protocol.calendar.timeZone).toPlainDate();
export const pathwayName = (protocol: Protocol, pathwayId: string) =>
  ladderFor(protocol, pathwayId).pathwayName;
