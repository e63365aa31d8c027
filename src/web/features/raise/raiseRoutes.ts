import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Actor, canInPartnership } from '../../../domain/access/can.ts';
import { formatDate, formatInstant } from '../../../domain/calendar/formatting.ts';
import { isoInstant } from '../../../domain/clock.ts';
import type { Agency } from '../../../domain/directory/directory.ts';
import { COMPLAINTS_ROUTE } from '../../../domain/disagreement/actions/raise.ts';
import { Invalid, NotAllowedNow } from '../../../domain/errors.ts';
import { ladderFor, pathwayForCategory } from '../../../domain/protocol/ladder.ts';
import type { Protocol } from '../../../domain/protocol/protocolSchema.ts';
import { categories, GENERAL_PATHWAY } from '../../../domain/vocabulary.ts';
import { categoryHints, categoryNames } from '../../../domain/vocabularyNames.ts';
import type { Fields, FormBody, FormErrors, FormValues } from '../../../forms/fields.ts';
import { bodyOf, checkFields, dateValues, errorList, fieldViews } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { requireSignIn } from '../../requireSignIn.ts';
import { urgentGuidance } from '../../urgentGuidance.ts';
import {
  mayVisit,
  nextStep,
  previousStep,
  type RaiseDraft,
  type RaiseFlow,
  type RaiseStep,
  raiseRequestFrom,
  stepPath,
} from './raiseDraft.ts';
import {
  categoryFields,
  childFields,
  childRules,
  concernFields,
  familyFields,
  familyRules,
  localAuthorityFields,
  otherAgencyFields,
  otherProfessionalFields,
  parentsOf,
  raisedAtOf,
  startFields,
  whenFields,
  whenRules,
} from './raiseFields.ts';

/** A person who may raise: signed in, of a partnership, and working for one of its agencies. */
type Raiser = Actor & { partnershipId: string; agencyId: string };

// Past this many agencies a list of radios is too long to scan: a select is easier.
const MOST_AGENCY_RADIOS = 12;
const MOST_CHILDREN = 20;

/** What the children page's buttons ask for: add the child typed in, remove one, or go on. */
const childrenAction = z.object({
  action: z.enum(['add', 'continue']).optional().default('continue'),
  remove: z
    .string()
    .regex(/^\d{1,2}$/)
    .transform(Number)
    .optional(),
});

/** Raising a disagreement: GOV.UK question pages, one thing per page, then check your answers. */
export async function raiseRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.addHook('preHandler', requireSignIn);
  app.addHook('preHandler', async (request, reply) => {
    const actor = request.actor;
    if (actor?.partnershipId && canInPartnership(actor, 'raise', actor.partnershipId)) return;
    return reply.code(403).render('raise/cannot-raise.njk');
  });

  const raiser = (request: FastifyRequest) => request.actor as Raiser;

  /** The draft of this person's partnership, started afresh when there is none. */
  function draftOf(request: FastifyRequest): RaiseDraft {
    const { partnershipId } = raiser(request);
    const draft = request.session.raiseDraft;
    // A copy: nothing a page changes is kept unless the page saves it.
    if (draft?.partnershipId === partnershipId) return structuredClone(draft);
    return { partnershipId, children: [] };
  }
  function saveDraft(request: FastifyRequest, draft: RaiseDraft) {
    request.session.raiseDraft = draft;
  }

  /** What every page needs: the protocol in force, the draft and which pages this raise has. */
  async function flowOf(request: FastifyRequest) {
    const { partnershipId } = raiser(request);
    const context = webContext(request);
    const [{ protocol }, localAuthorities] = await Promise.all([
      services.protocolInForce(partnershipId, context),
      services.listLocalAuthorities(partnershipId, context),
    ]);
    const flow: RaiseFlow = {
      asksFamily: protocol.forms.length > 0,
      asksLocalAuthority: localAuthorities.length > 1,
    };
    return { protocol, localAuthorities, flow, draft: draftOf(request) };
  }
  type Loaded = Awaited<ReturnType<typeof flowOf>>;

  /** Renders a question page: its back link, CSRF token, fields and error summary. */
  function show(
    reply: FastifyReply,
    step: RaiseStep,
    flow: RaiseFlow | null,
    form: { fields: Fields; values: FormBody; errors?: FormErrors },
    context: Record<string, unknown> = {},
  ) {
    const errors = form.errors ?? {};
    const previous = flow ? previousStep(flow, step) : undefined;
    return reply.code(Object.keys(errors).length > 0 ? 400 : 200).render(`raise/${step}.njk`, {
      backLink: previous ? stepPath(previous) : '/',
      action: stepPath(step),
      csrfToken: reply.generateCsrf(),
      fields: fieldViews(form.fields, form.values, errors),
      errorList: errorList(errors, form.fields),
      ...context,
    });
  }

  /** Saves a page's answer into the draft and goes to the next page still to answer. */
  function saveAndContinue(
    request: FastifyRequest,
    reply: FastifyReply,
    draft: RaiseDraft,
    flow: RaiseFlow,
  ) {
    saveDraft(request, draft);
    return reply.redirect(stepPath(nextStep(draft, flow)), 303);
  }

  /**
   * Registers GET and POST for one question page. A page whose earlier pages are unanswered
   * sends the person to the first of those.
   */
  function questionPage<F extends Fields>(
    step: RaiseStep,
    page: {
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
    },
  ) {
    const path = stepPath(step);
    const loadFor = async (request: FastifyRequest, reply: FastifyReply) => {
      const loaded = await flowOf(request);
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
      show(
        reply,
        step,
        loaded.flow,
        { fields: await page.fields(request, loaded), values, ...(errors ? { errors } : {}) },
        (await page.context?.(request, loaded)) ?? {},
      );
    app.get(path, async (request, reply) => {
      const loaded = await loadFor(request, reply);
      if (!loaded) return reply;
      return render(request, reply, loaded, page.current(loaded));
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
      if (!errors) return saveAndContinue(request, reply, loaded.draft, loaded.flow);
      return render(request, reply, loaded, body, errors);
    });
  }

  const otherAgencies = async (request: FastifyRequest): Promise<Agency[]> => {
    const { partnershipId, agencyId } = raiser(request);
    const agencies = await services.listAgencies(partnershipId, webContext(request));
    return agencies.filter((agency) => agency.id !== agencyId);
  };
  const today = (protocol: Protocol) =>
    services.clock.now().toZonedDateTimeISO(protocol.calendar.timeZone).toPlainDate();
  const pathwayName = (protocol: Protocol, pathwayId: string) =>
    ladderFor(protocol, pathwayId).pathwayName;

  // 1. What this is for, the partnership's checklist, and the complaints stop.
  app.get('/disagreements/new', async (request, reply) => {
    const { protocol, draft } = await flowOf(request);
    return show(
      reply,
      'start',
      null,
      { fields: startFields(), values: draft.notAboutConduct ? { aboutConduct: 'no' } : {} },
      { protocolName: protocol.name, checklist: protocol.checklist },
    );
  });
  app.post('/disagreements/new', async (request, reply) => {
    const { protocol, draft, flow } = await flowOf(request);
    const fields = startFields();
    const form = checkFields(fields, request.body);
    if (!form.ok) {
      return show(
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

  // 2. The other agency, then (optionally) the professional in it.
  questionPage('other-agency', {
    fields: async (request) => {
      const agencies = await otherAgencies(request);
      return otherAgencyFields(
        agencies.map((agency) => ({ value: agency.id, text: agency.name })),
        agencies.length > MOST_AGENCY_RADIOS,
      );
    },
    context: async (request) => ({ hasAgencies: (await otherAgencies(request)).length > 0 }),
    current: ({ draft }) => ({ otherAgencyId: draft.otherAgencyId }),
    keep: async (request, { draft }, values) => {
      if (!(await otherAgencies(request)).some((agency) => agency.id === values.otherAgencyId)) {
        return { otherAgencyId: 'Select the agency you disagree with' };
      }
      if (draft.otherAgencyId !== values.otherAgencyId) delete draft.otherPerson;
      draft.otherAgencyId = values.otherAgencyId;
      return undefined;
    },
  });

  const peopleOfOtherAgency = async (request: FastifyRequest, draft: RaiseDraft) => {
    const people = await services.listPeople(raiser(request).partnershipId, webContext(request));
    return people.filter((person) => person.active && person.agencyId === draft.otherAgencyId);
  };
  questionPage('other-professional', {
    fields: async (request, { draft }) => {
      const agencies = await otherAgencies(request);
      const people = await peopleOfOtherAgency(request, draft);
      return otherProfessionalFields(
        agencies.find((agency) => agency.id === draft.otherAgencyId)?.name ?? '',
        people.map((person) => ({
          value: person.id,
          text: person.jobTitle ? `${person.name} (${person.jobTitle})` : person.name,
        })),
      );
    },
    current: ({ draft }) => ({ otherPersonId: draft.otherPerson?.id ?? '' }),
    keep: async (request, { draft }, values) => {
      if (values.otherPersonId === null) {
        draft.otherPerson = null;
        return undefined;
      }
      const person = (await peopleOfOtherAgency(request, draft)).find(
        (candidate) => candidate.id === values.otherPersonId,
      );
      if (!person) return { otherPersonId: 'Select the professional from the list' };
      draft.otherPerson = { id: person.id, name: person.name };
      return undefined;
    },
  });

  // 3. The category, which decides the pathway.
  questionPage('category', {
    fields: (_request, { protocol }) =>
      categoryFields(
        categories.map((category) => {
          const pathway = pathwayForCategory(protocol, category);
          const hint = categoryHints[category];
          return {
            value: category,
            text: categoryNames[category],
            hint:
              pathway === GENERAL_PATHWAY
                ? hint
                : `${hint} Follows the ${pathwayName(protocol, pathway)} pathway.`,
          };
        }),
      ),
    current: ({ draft }) => ({ category: draft.category }),
    keep: async (_request, { draft }, values) => {
      draft.category = values.category;
      return undefined;
    },
  });

  // 4. The children: added one at a time, each removable, at least one.
  const childrenContext = (draft: RaiseDraft) => ({
    children: draft.children.map((child, index) => ({
      index,
      name: `${child.firstName} ${child.lastName}`,
      born: child.dateOfBirth
        ? `Born ${formatDate(Temporal.PlainDate.from(child.dateOfBirth))}`
        : `Due ${formatDate(Temporal.PlainDate.from(child.expectedDueDate ?? ''))}`,
    })),
    full: draft.children.length >= MOST_CHILDREN,
  });
  app.get(stepPath('children'), async (request, reply) => {
    const { draft, flow } = await flowOf(request);
    if (!mayVisit(draft, flow, 'children')) {
      return reply.redirect(stepPath(nextStep(draft, flow)), 303);
    }
    return show(
      reply,
      'children',
      flow,
      { fields: childFields(), values: {} },
      childrenContext(draft),
    );
  });
  app.post(stepPath('children'), async (request, reply) => {
    const { draft, flow, protocol } = await flowOf(request);
    if (!mayVisit(draft, flow, 'children')) {
      return reply.redirect(stepPath(nextStep(draft, flow)), 303);
    }
    const body = bodyOf(request.body);
    const buttons = childrenAction.safeParse({ action: body.action, remove: body.remove });
    const action = buttons.success ? buttons.data : { action: 'continue' as const };
    if (buttons.success && buttons.data.remove !== undefined) {
      draft.children = draft.children.filter((_, index) => index !== buttons.data.remove);
      if (draft.children.length === 0) delete draft.childrenComplete;
      saveDraft(request, draft);
      return reply.redirect(stepPath('children'), 303);
    }
    const typed = ['firstName', 'lastName', 'dateOfBirth', 'expectedDueDate'].some((field) =>
      [body[field], body[`${field}-day`], body[`${field}-month`], body[`${field}-year`]].some(
        (value) => value !== undefined && (typeof value !== 'string' || value.trim() !== ''),
      ),
    );
    // "Continue" with the boxes left empty goes on with the children already added.
    if (typed || action.action === 'add' || draft.children.length === 0) {
      const fields = childFields();
      const form = checkFields(fields, body, {}, childRules(today(protocol)));
      const errors: FormErrors = form.ok ? {} : form.errors;
      if (form.ok && draft.children.length >= MOST_CHILDREN) {
        errors.firstName = `You can add up to ${MOST_CHILDREN} children`;
      }
      if (!form.ok || Object.keys(errors).length > 0) {
        return show(
          reply,
          'children',
          flow,
          { fields, values: body, errors },
          childrenContext(draft),
        );
      }
      const child = form.values;
      draft.children = [
        ...draft.children,
        {
          firstName: child.firstName,
          lastName: child.lastName,
          dateOfBirth: child.dateOfBirth?.toString() ?? null,
          expectedDueDate: child.expectedDueDate?.toString() ?? null,
        },
      ];
    }
    if (action.action === 'add') {
      saveDraft(request, draft);
      return reply.redirect(stepPath('children'), 303);
    }
    return saveAndContinue(request, reply, { ...draft, childrenComplete: true }, flow);
  });

  // 4b. Where the child lives, when the partnership has more than one local authority.
  questionPage('local-authority', {
    fields: (_request, { localAuthorities }) =>
      localAuthorityFields(
        localAuthorities.map((la) => ({
          value: la.id,
          text: la.name,
          hint: `Front door: ${la.frontDoorName}`,
        })),
      ),
    current: ({ draft }) => ({ localAuthorityId: draft.localAuthorityId }),
    keep: async (_request, { draft, localAuthorities }, values) => {
      if (!localAuthorities.some((la) => la.id === values.localAuthorityId)) {
        return { localAuthorityId: 'Select the local authority the child lives in' };
      }
      draft.localAuthorityId = values.localAuthorityId;
      return undefined;
    },
  });

  // 5. The family, for the protocol's monitoring form.
  questionPage('family', {
    fields: familyFields,
    across: ({ protocol }) => familyRules(today(protocol)),
    current: ({ draft }) => {
      const family = draft.family;
      if (!family) return {};
      const referral = family.referralDate ? Temporal.PlainDate.from(family.referralDate) : null;
      return {
        parents: family.parents.join('\n'),
        address: family.address,
        agenciesInvolved: family.agenciesInvolved ?? '',
        ...(referral ? dateValues('referralDate', referral) : {}),
      };
    },
    context: async (_request, { protocol }) => ({
      formTitle: protocol.forms[0]?.title,
      monitoringTeam: protocol.terms.monitoringTeam,
    }),
    keep: async (_request, { draft }, values) => {
      draft.family = {
        parents: parentsOf(values.parents),
        address: values.address,
        referralDate: values.referralDate?.toString() ?? null,
        agenciesInvolved: values.agenciesInvolved || null,
      };
      return undefined;
    },
  });

  // 6. The concern, its impact on the child, the evidence and the outcome wanted.
  questionPage('concern', {
    fields: concernFields,
    current: ({ draft }) => ({ ...draft.concern, evidence: draft.concern?.evidence ?? '' }),
    context: async (_request, { protocol }) => ({ advice: protocol.checklist?.advice }),
    keep: async (_request, { draft }, values) => {
      draft.concern = values;
      return undefined;
    },
  });

  // 7. When it was first raised, and whether a child is at immediate risk.
  questionPage('when', {
    fields: whenFields,
    across: ({ protocol }) => whenRules(services.clock.now(), protocol.calendar.timeZone),
    current: ({ draft, protocol }) => {
      const at = (
        draft.when ? Temporal.Instant.from(draft.when.raisedAt) : services.clock.now()
      ).toZonedDateTimeISO(protocol.calendar.timeZone);
      return {
        ...dateValues('raisedOn', at.toPlainDate()),
        raisedTime: at.toPlainTime().toString({ smallestUnit: 'minute' }),
        urgent: draft.when ? (draft.when.urgent ? 'yes' : 'no') : undefined,
      };
    },
    keep: async (_request, { draft, protocol }, values) => {
      const raisedAt = raisedAtOf(values, protocol.calendar.timeZone) as Temporal.Instant;
      draft.when = { raisedAt: isoInstant(raisedAt), urgent: values.urgent === 'yes' };
      return undefined;
    },
  });

  // 8. Check your answers, then raise.
  async function showCheck(
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
    const pathway = pathwayForCategory(protocol, draft.category ?? 'other');
    const ladder = ladderFor(protocol, pathway);
    const onCall = when.urgent
      ? await services.onCallRoute(raiser(request).partnershipId, context)
      : null;
    const row = (step: RaiseStep, key: string, value: string | string[], hidden = key) => ({
      key: { text: key },
      // Answers keep their line breaks: each line of a list, each paragraph of a text.
      value: {
        html: escapeHtml([value].flat().join('\n') || 'Not given').replace(/\r?\n/g, '<br>'),
      },
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
        href: `#${errorTargets[field] ?? 'check-answers'}`,
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
          draft.category ? categoryNames[draft.category] : '',
          'what the disagreement is about',
        ),
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

  app.get(stepPath('check'), async (request, reply) => {
    const loaded = await flowOf(request);
    if (nextStep(loaded.draft, loaded.flow) !== 'check') {
      return reply.redirect(stepPath(nextStep(loaded.draft, loaded.flow)), 303);
    }
    return showCheck(request, reply, loaded);
  });
  app.post(stepPath('check'), async (request, reply) => {
    const loaded = await flowOf(request);
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
      return reply.redirect(`/disagreements/${raised.id}`, 303);
    } catch (error) {
      // The use case names the answer a problem is about: its path, or the rule's field.
      if (error instanceof Invalid) {
        const errors: FormErrors = {};
        for (const problem of error.errors) {
          errors[problem.path.split('.')[0] ?? 'form'] ??= problem.message;
        }
        if (Object.keys(errors).length === 0) errors.form = error.message;
        return showCheck(request, reply, loaded, errors, 400);
      }
      if (error instanceof NotAllowedNow) {
        return showCheck(request, reply, loaded, { [error.field ?? 'form']: error.message }, 422);
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

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ??
      character,
  );
}
