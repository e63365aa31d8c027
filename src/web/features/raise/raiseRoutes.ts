import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
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
import type { Services } from '../../../services.ts';
import { checkForm, errorList, type FormErrors } from '../../forms.ts';
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
  categoryForm,
  childForm,
  childrenAction,
  concernForm,
  familyForm,
  localAuthorityForm,
  otherAgencyForm,
  otherProfessionalForm,
  startForm,
  whenForm,
} from './raiseForms.ts';

/** A person who may raise: signed in, of a partnership, and working for one of its agencies. */
type Raiser = Actor & { partnershipId: string; agencyId: string };

/** Where the error summary links for a field whose first input is not named after it. */
const fieldIds: Record<string, string> = {
  dateOfBirth: 'dateOfBirth-day',
  expectedDueDate: 'expectedDueDate-day',
  referralDate: 'referralDate-day',
  raisedOn: 'raisedOn-day',
};

// Past this many agencies a list of radios is too long to scan: a select is easier.
const MOST_AGENCY_RADIOS = 12;
const MOST_CHILDREN = 20;

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

  /** Renders a question page with its back link, CSRF token and error summary. */
  function show(
    reply: FastifyReply,
    step: RaiseStep,
    flow: RaiseFlow | null,
    context: Record<string, unknown>,
    errors: FormErrors = {},
  ) {
    const previous = flow ? previousStep(flow, step) : undefined;
    return reply.code(Object.keys(errors).length > 0 ? 400 : 200).render(`raise/${step}.njk`, {
      backLink: previous ? stepPath(previous) : '/',
      action: stepPath(step),
      csrfToken: reply.generateCsrf(),
      values: {},
      errors,
      errorList: errorList(errors, fieldIds),
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
  function questionPage<S extends z.ZodType>(
    step: RaiseStep,
    page: {
      schema: (request: FastifyRequest, loaded: Loaded) => S;
      context: (
        request: FastifyRequest,
        loaded: Loaded,
        values: Record<string, unknown>,
      ) => Promise<Record<string, unknown>>;
      /** The form's values from the draft, when the page is shown again. */
      current: (loaded: Loaded) => Record<string, unknown>;
      /** Checks the answer against the partnership's data and keeps it; errors by field, if any. */
      keep: (
        request: FastifyRequest,
        loaded: Loaded,
        data: z.output<S>,
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
    app.get(path, async (request, reply) => {
      const loaded = await loadFor(request, reply);
      if (!loaded) return reply;
      const values = page.current(loaded);
      return show(reply, step, loaded.flow, {
        values,
        ...(await page.context(request, loaded, values)),
      });
    });
    app.post(path, async (request, reply) => {
      const loaded = await loadFor(request, reply);
      if (!loaded) return reply;
      const form = checkForm(page.schema(request, loaded), request.body);
      const errors = form.ok ? await page.keep(request, loaded, form.data) : form.errors;
      if (!errors) return saveAndContinue(request, reply, loaded.draft, loaded.flow);
      const values = form.ok ? ((request.body ?? {}) as Record<string, unknown>) : form.values;
      return show(
        reply,
        step,
        loaded.flow,
        { values, ...(await page.context(request, loaded, values)) },
        errors,
      );
    });
  }
  type Loaded = Awaited<ReturnType<typeof flowOf>>;

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
    return show(reply, 'start', null, {
      protocolName: protocol.name,
      checklist: protocol.checklist,
      values: draft.notAboutConduct ? { aboutConduct: 'no' } : {},
    });
  });
  app.post('/disagreements/new', async (request, reply) => {
    const { protocol, draft, flow } = await flowOf(request);
    const form = checkForm(startForm, request.body);
    if (!form.ok) {
      return show(
        reply,
        'start',
        null,
        { protocolName: protocol.name, checklist: protocol.checklist, values: form.values },
        form.errors,
      );
    }
    if (form.data.aboutConduct === 'yes') {
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
    schema: () => otherAgencyForm,
    current: ({ draft }) => ({ otherAgencyId: draft.otherAgencyId }),
    context: async (request, _loaded, values) => {
      const agencies = await otherAgencies(request);
      return {
        asSelect: agencies.length > MOST_AGENCY_RADIOS,
        agencyItems: agencies.map((agency) => ({
          value: agency.id,
          text: agency.name,
          checked: values.otherAgencyId === agency.id,
          selected: values.otherAgencyId === agency.id,
        })),
      };
    },
    keep: async (request, { draft }, data) => {
      if (!(await otherAgencies(request)).some((agency) => agency.id === data.otherAgencyId)) {
        return { otherAgencyId: 'Select the agency you disagree with' };
      }
      if (draft.otherAgencyId !== data.otherAgencyId) delete draft.otherPerson;
      draft.otherAgencyId = data.otherAgencyId;
    },
  });

  const peopleOfOtherAgency = async (request: FastifyRequest, draft: RaiseDraft) => {
    const people = await services.listPeople(raiser(request).partnershipId, webContext(request));
    return people.filter((person) => person.active && person.agencyId === draft.otherAgencyId);
  };
  questionPage('other-professional', {
    schema: () => otherProfessionalForm,
    current: ({ draft }) => ({ otherPersonId: draft.otherPerson?.id ?? '' }),
    context: async (request, { draft }, values) => {
      const agencies = await otherAgencies(request);
      const people = await peopleOfOtherAgency(request, draft);
      return {
        agencyName: agencies.find((agency) => agency.id === draft.otherAgencyId)?.name ?? '',
        personItems: [
          { value: '', text: 'I do not know, or it is not one person' },
          ...people.map((person) => ({
            value: person.id,
            text: person.jobTitle ? `${person.name} (${person.jobTitle})` : person.name,
            selected: values.otherPersonId === person.id,
          })),
        ],
      };
    },
    keep: async (request, { draft }, data) => {
      if (data.otherPersonId === null) {
        draft.otherPerson = null;
        return;
      }
      const person = (await peopleOfOtherAgency(request, draft)).find(
        (candidate) => candidate.id === data.otherPersonId,
      );
      if (!person) return { otherPersonId: 'Select the professional from the list' };
      draft.otherPerson = { id: person.id, name: person.name };
    },
  });

  // 3. The category, which decides the pathway.
  questionPage('category', {
    schema: () => categoryForm,
    current: ({ draft }) => ({ category: draft.category }),
    context: async (_request, { protocol }, values) => ({
      categoryItems: categories.map((category) => {
        const pathway = pathwayForCategory(protocol, category);
        const hint = categoryHints[category];
        return {
          value: category,
          text: categoryNames[category],
          hint: {
            text:
              pathway === GENERAL_PATHWAY
                ? hint
                : `${hint} Follows the ${pathwayName(protocol, pathway)} pathway.`,
          },
          checked: values.category === category,
        };
      }),
    }),
    keep: async (_request, { draft }, data) => {
      draft.category = data.category;
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
    return show(reply, 'children', flow, childrenContext(draft));
  });
  app.post(stepPath('children'), async (request, reply) => {
    const { draft, flow, protocol } = await flowOf(request);
    if (!mayVisit(draft, flow, 'children')) {
      return reply.redirect(stepPath(nextStep(draft, flow)), 303);
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
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
      const form = checkForm(childForm(today(protocol)), body);
      const errors: FormErrors = form.ok ? {} : form.errors;
      if (form.ok && draft.children.length >= MOST_CHILDREN) {
        errors.firstName = `You can add up to ${MOST_CHILDREN} children`;
      }
      if (!form.ok || Object.keys(errors).length > 0) {
        return show(reply, 'children', flow, { ...childrenContext(draft), values: body }, errors);
      }
      draft.children = [...draft.children, form.data];
    }
    if (action.action === 'add') {
      saveDraft(request, draft);
      return reply.redirect(stepPath('children'), 303);
    }
    return saveAndContinue(request, reply, { ...draft, childrenComplete: true }, flow);
  });

  // 4b. Where the child lives, when the partnership has more than one local authority.
  questionPage('local-authority', {
    schema: () => localAuthorityForm,
    current: ({ draft }) => ({ localAuthorityId: draft.localAuthorityId }),
    context: async (_request, { localAuthorities }, values) => ({
      localAuthorityItems: localAuthorities.map((la) => ({
        value: la.id,
        text: la.name,
        hint: { text: `Front door: ${la.frontDoorName}` },
        checked: values.localAuthorityId === la.id,
      })),
    }),
    keep: async (_request, { draft, localAuthorities }, data) => {
      if (!localAuthorities.some((la) => la.id === data.localAuthorityId)) {
        return { localAuthorityId: 'Select the local authority the child lives in' };
      }
      draft.localAuthorityId = data.localAuthorityId;
    },
  });

  // 5. The family, for the protocol's monitoring form.
  questionPage('family', {
    schema: (_request, { protocol }) => familyForm(today(protocol)),
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
    keep: async (_request, { draft }, data) => {
      draft.family = data;
    },
  });

  // 6. The concern, its impact on the child, the evidence and the outcome wanted.
  questionPage('concern', {
    schema: () => concernForm,
    current: ({ draft }) => ({ ...draft.concern, evidence: draft.concern?.evidence ?? '' }),
    context: async (_request, { protocol }) => ({ advice: protocol.checklist?.advice }),
    keep: async (_request, { draft }, data) => {
      draft.concern = data;
    },
  });

  // 7. When it was first raised, and whether a child is at immediate risk.
  questionPage('when', {
    schema: (_request, { protocol }) => whenForm(services.clock.now(), protocol.calendar.timeZone),
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
    context: async () => ({}),
    keep: async (_request, { draft }, data) => {
      draft.when = { raisedAt: isoInstant(data.raisedAt), urgent: data.urgent };
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
    const links: Record<string, string> = {};
    for (const field of Object.keys(errors)) links[field] = errorTargets[field] ?? 'check-answers';
    return reply.code(status).render('raise/check.njk', {
      backLink: stepPath(previousStep(flow, 'check') ?? 'when'),
      action: stepPath('check'),
      csrfToken: reply.generateCsrf(),
      errors,
      errorList: errorList(errors, links),
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
      if (error instanceof Invalid) {
        const errors: FormErrors = {};
        for (const problem of error.errors)
          errors[problem.path.split('.')[0] ?? ''] ??= problem.message;
        if (Object.keys(errors).length === 0) errors.form = error.message;
        return showCheck(request, reply, loaded, errors, 400);
      }
      if (error instanceof NotAllowedNow) {
        const field = /first raised/.test(error.message)
          ? 'raisedAt'
          : /agency/.test(error.message)
            ? 'otherAgencyIds'
            : 'form';
        return showCheck(request, reply, loaded, { [field]: error.message }, 422);
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

function dateValues(name: string, date: Temporal.PlainDate) {
  return {
    [`${name}-day`]: String(date.day),
    [`${name}-month`]: String(date.month),
    [`${name}-year`]: String(date.year),
  };
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ??
      character,
  );
}
