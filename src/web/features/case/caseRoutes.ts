import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor, CaseAction } from '../../../domain/access/can.ts';
import { formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import { chairCandidates } from '../../../domain/directory/chairCandidates.ts';
import { stagePeople } from '../../../domain/directory/stagePeople.ts';
import { addAction } from '../../../domain/disagreement/actions/addAction.ts';
import { arrangeMeeting } from '../../../domain/disagreement/actions/arrangeMeeting.ts';
import { clearChildDeadline } from '../../../domain/disagreement/actions/clearChildDeadline.ts';
import { close } from '../../../domain/disagreement/actions/close.ts';
import { completeAction } from '../../../domain/disagreement/actions/completeAction.ts';
import { confirmOutcome } from '../../../domain/disagreement/actions/confirmOutcome.ts';
import { escalate } from '../../../domain/disagreement/actions/escalate.ts';
import { proposeOutcome } from '../../../domain/disagreement/actions/proposeOutcome.ts';
import { recordDiscussion } from '../../../domain/disagreement/actions/recordDiscussion.ts';
import { recordMinutes } from '../../../domain/disagreement/actions/recordMinutes.ts';
import { rejectOutcome } from '../../../domain/disagreement/actions/rejectOutcome.ts';
import { setChildDeadline } from '../../../domain/disagreement/actions/setChildDeadline.ts';
import { tellNextLevel } from '../../../domain/disagreement/actions/tellNextLevel.ts';
import { withdraw } from '../../../domain/disagreement/actions/withdraw.ts';
import {
  currentMeeting,
  currentStage,
  dueOf,
  nextStages,
  stageLabel,
} from '../../../domain/disagreement/disagreement.ts';
import { Conflict, Forbidden, Invalid, NotAllowedNow, NotFound } from '../../../domain/errors.ts';
import { stageOf } from '../../../domain/protocol/ladder.ts';
import { lessonThemes, recordModes } from '../../../domain/vocabulary.ts';
import type { CaseView } from '../../../services/readDisagreements.ts';
import type { Services } from '../../../services.ts';
import { checkForm, errorList, type FormErrors } from '../../forms.ts';
import { requireSignIn } from '../../requireSignIn.ts';
import { lessonThemeNames, recordModeNames } from '../../vocabularyNames.ts';
import { urgentContext } from '../raise/raiseRoutes.ts';
import { webContext } from '../signIn/signInRoutes.ts';
import {
  actionForm,
  answerForm,
  childDeadlineForm,
  closeForm,
  escalateForm,
  instantFrom,
  meetingForm,
  minutesForm,
  proposeForm,
  reasonForm,
  recordForm,
  versionForm,
} from './caseForms.ts';
import { type CaseDirectory, casePage } from './casePage.ts';

const caseParams = z.object({ id: z.uuid() });
const LIST_PAGE_SIZE = 50;

declare module 'fastify' {
  interface Session {
    /** The message the case page shows once after a change, e.g. "Discussion recorded". */
    caseNotice?: { caseId: string; text: string };
  }
}

type Field = Record<string, unknown> & { name: string; label: string; kind?: string };
type FormSpec = {
  /** What the person must be able to do on the case to see the form at all. */
  ability: CaseAction;
  heading: string;
  submitText: string;
  intro?: (view: CaseView) => Promise<string[]> | string[];
  warning?: string;
  inset?: (view: CaseView) => string | undefined;
  warningButton?: boolean;
  fields: (view: CaseView, values: Record<string, unknown>) => Promise<Field[]> | Field[];
  defaults?: (view: CaseView) => Record<string, unknown>;
  /** Runs the use case; returns the message shown on the case page. */
  submit: (
    view: CaseView,
    body: Record<string, unknown>,
    request: FastifyRequest,
  ) => Promise<string>;
};

/** The case page, the lists of cases, and the pages that change a case. */
export async function caseRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  app.addHook('preHandler', requireSignIn);

  const caseIdOf = (request: FastifyRequest) => {
    const parsed = caseParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound('There is no such disagreement');
    return parsed.data.id;
  };
  const load = (request: FastifyRequest) =>
    services.getDisagreement(caseIdOf(request), webContext(request));
  // The partnership's people and agencies, read (and audited) once per page, however many
  // parts of the page need them.
  const directories = new WeakMap<CaseView, Promise<CaseDirectory>>();
  const directoryFor = (view: CaseView): Promise<CaseDirectory> => {
    let found = directories.get(view);
    if (!found) {
      const context = { actor: view.actor, via: 'web' as const, requestId: null };
      found = (async () => ({
        people: await services.listPeople(view.disagreement.partnershipId, context),
        agencies: await services.listAgencies(view.disagreement.partnershipId, context),
      }))();
      directories.set(view, found);
    }
    return found;
  };
  const zoneOf = (view: CaseView) => view.rules.calendar.timeZone;
  const nowParts = (view: CaseView, name: string) => {
    const local = view.rules.now.toZonedDateTimeISO(zoneOf(view));
    return {
      [`${name}-day`]: String(local.day),
      [`${name}-month`]: String(local.month),
      [`${name}-year`]: String(local.year),
      [`${name}-time`]: `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
    };
  };
  const when = (view: CaseView, instant: Temporal.Instant | string) =>
    formatInstant(
      typeof instant === 'string' ? Temporal.Instant.from(instant) : instant,
      zoneOf(view),
    );

  app.get('/disagreements', async (request, reply) => {
    const query = z
      .object({
        status: z.enum(['open', 'resolved', 'closed', 'withdrawn']).optional(),
        cursor: z.string().max(200).optional(),
      })
      .safeParse(request.query);
    const status = query.success ? query.data.status : undefined;
    const cursor = query.success ? query.data.cursor : undefined;
    const page = await services.listDisagreements(
      { status, limit: LIST_PAGE_SIZE, cursor },
      webContext(request),
    );
    const actor = request.actor as Actor;
    const agencies = actor.partnershipId
      ? await services.listAgencies(actor.partnershipId, webContext(request))
      : [];
    const agencyName = (id: string) =>
      agencies.find((agency) => agency.id === id)?.name ?? 'An agency';
    const nextQuery = new URLSearchParams({
      ...(status ? { status } : {}),
      ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
    });
    return reply.render('case/list.njk', {
      pageTitle: 'Your disagreements',
      status,
      firstPage: !cursor,
      nextPage: page.nextCursor ? `/disagreements?${nextQuery}` : null,
      rows: page.items.map(({ disagreement, rules }) => {
        const stage = disagreement.stages.at(-1);
        const ladderStage = rules.ladder.stages.find((candidate) => candidate.key === stage?.key);
        return {
          id: disagreement.id,
          reference: disagreement.reference,
          between: `${agencyName(disagreement.raiserAgencyId)} and ${listInWords(disagreement.otherAgencyIds.map(agencyName))}`,
          status: disagreement.status,
          urgent: disagreement.urgent,
          stage: disagreement.status === 'open' ? stageLabel(rules, ladderStage) : '',
          dueAt:
            disagreement.status === 'open' && stage?.dueAt
              ? formatInstant(Temporal.Instant.from(stage.dueAt), rules.calendar.timeZone)
              : '',
          overdue:
            disagreement.status === 'open' &&
            !!stage?.dueAt &&
            Temporal.Instant.compare(stage.dueAt, rules.now) < 0,
        };
      }),
    });
  });

  app.get('/waiting-for-you', async (request, reply) => {
    const items = await services.waitingFor(webContext(request));
    return reply.render('case/waiting.njk', {
      pageTitle: 'Waiting for you',
      items: items.map(({ disagreement, rules, reasons, dueAt }) => ({
        id: disagreement.id,
        reference: disagreement.reference,
        reasons,
        urgent: disagreement.urgent,
        dueAt: dueAt ? formatInstant(Temporal.Instant.from(dueAt), rules.calendar.timeZone) : '',
        overdue: dueAt !== null && Temporal.Instant.compare(dueAt, rules.now) < 0,
      })),
    });
  });

  app.get('/disagreements/:id', async (request, reply) => {
    const view = await load(request);
    const page = casePage(view, await directoryFor(view));
    // What the person just did, said once: kept in their session, so no link can forge it.
    const notice = request.session.caseNotice;
    const done = notice?.caseId === view.disagreement.id ? notice.text : undefined;
    if (done) delete request.session.caseNotice;
    // While an urgent case is open, its page repeats what to do now, and out of hours whom to call.
    const urgent =
      view.disagreement.urgent && view.disagreement.status === 'open'
        ? urgentContext(
            view.rules.protocol,
            await services.onCallRoute(view.disagreement.partnershipId, webContext(request)),
          )
        : null;
    return reply.render('case/case.njk', {
      ...page,
      urgentGuidance: urgent,
      done,
    });
  });

  app.get('/disagreements/:id/monitoring-form', async (request, reply) => {
    const id = caseIdOf(request);
    const form = await services.monitoringForm(id, webContext(request));
    return reply.render('case/monitoringForm.njk', { pageTitle: form.title, form, caseId: id });
  });

  app.get('/disagreements/:id/monitoring-form.pdf', async (request, reply) => {
    const pdf = await services.monitoringFormAsPdf(caseIdOf(request), webContext(request));
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="monitoring-form.pdf"')
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  function formRoute(path: string, spec: FormSpec) {
    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      view: CaseView,
      values: Record<string, unknown>,
      errors: FormErrors,
      status = 200,
      // After a mistake the form keeps the version the person first saw, so a change someone
      // else made meanwhile is still caught when they send it again.
      version: unknown = view.disagreement.version,
    ) =>
      reply.code(status).render('case/caseForm.njk', {
        pageTitle: spec.heading,
        heading: spec.heading,
        reference: view.disagreement.reference,
        caseId: view.disagreement.id,
        version,
        intro: spec.intro ? await spec.intro(view) : [],
        warning: spec.warning,
        inset: spec.inset?.(view),
        warningButton: spec.warningButton,
        submitText: spec.submitText,
        action: request.url.split('?')[0],
        fields: await spec.fields(view, values),
        values,
        errors,
        errorList: errorList(errors, await dateFieldIds(view, values)),
      });
    // A date's error links to its day box, as GOV.UK's date input pattern asks.
    const dateFieldIds = async (view: CaseView, values: Record<string, unknown>) =>
      Object.fromEntries(
        (await spec.fields(view, values))
          .filter((field) => field.kind === 'date' || field.kind === 'datetime')
          .map((field) => [field.name, `${field.name}-day`]),
      );

    const loadFor = async (request: FastifyRequest) => {
      const view = await load(request);
      if (!view.abilities[spec.ability])
        throw new Forbidden('You cannot do that on this disagreement');
      return view;
    };
    app.get(`/disagreements/:id/${path}`, async (request, reply) => {
      const view = await loadFor(request);
      return show(request, reply, view, spec.defaults?.(view) ?? {}, {});
    });

    app.post(`/disagreements/:id/${path}`, async (request, reply) => {
      const view = await loadFor(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        const done = await spec.submit(view, body, request);
        request.session.caseNotice = { caseId: view.disagreement.id, text: done };
        return reply.redirect(`/disagreements/${view.disagreement.id}`, 303);
      } catch (error) {
        if (error instanceof Invalid) {
          const errors = Object.fromEntries(
            error.errors.map((problem) => [problem.path.split('.')[0] ?? 'form', problem.message]),
          );
          return show(
            request,
            reply,
            view,
            body,
            Object.keys(errors).length ? errors : { form: error.message },
            400,
            body.version,
          );
        }
        if (error instanceof NotAllowedNow) {
          const fields = await spec.fields(view, body);
          const field = fields.some((candidate) => candidate.name === error.field)
            ? (error.field as string)
            : firstField(fields);
          return show(request, reply, view, body, { [field]: error.message }, 422, body.version);
        }
        if (error instanceof Conflict) {
          const fresh = await load(request);
          return show(
            request,
            reply,
            fresh,
            body,
            { [firstField(await spec.fields(fresh, body))]: error.message },
            409,
          );
        }
        throw error;
      }
    });
  }

  /** Checks a form with its schema; a problem becomes an Invalid naming the fields. */
  function parse<S extends z.ZodType>(schema: S, body: Record<string, unknown>): z.output<S> {
    const form = checkForm(schema, body);
    if (form.ok) return form.data;
    throw new Invalid(
      'Check the form',
      Object.entries(form.errors).map(([path, message]) => ({ path, message })),
    );
  }
  function instant(
    view: CaseView,
    body: Record<string, unknown>,
    name: string,
    what: string,
    problems: { path: string; message: string }[],
  ) {
    const parsed = instantFrom(body, name, zoneOf(view), what);
    if (parsed.error) problems.push({ path: name, message: parsed.error });
    return parsed.instant ?? '';
  }
  const context = (request: FastifyRequest) => webContext(request);

  formRoute('record-discussion', {
    ability: 'record',
    heading: 'Record a discussion',
    submitText: 'Save the record',
    intro: (view) => [view.rules.protocol.recording.guidance],
    defaults: (view) => nowParts(view, 'occurredAt'),
    fields: () => [
      {
        kind: 'datetime',
        name: 'occurredAt',
        label: 'When did it take place?',
        hint: 'Any time from when the disagreement was first raised until now',
      },
      {
        kind: 'radios',
        name: 'mode',
        label: 'How did it take place?',
        items: recordModes.map((mode) => ({ value: mode, text: recordModeNames[mode] })),
      },
      {
        kind: 'input',
        name: 'participants',
        label: 'Who took part',
        hint: 'Names and roles, separated by commas',
      },
      { kind: 'textarea', name: 'summary', label: 'What was said and agreed', rows: 8 },
    ],
    submit: async (view, body, request) => {
      const problems: { path: string; message: string }[] = [];
      const occurredAt = instant(view, body, 'occurredAt', 'of the discussion', problems);
      const form = checkForm(recordForm, body);
      if (!form.ok)
        problems.push(...Object.entries(form.errors).map(([path, message]) => ({ path, message })));
      if (problems.length || !form.ok) throw new Invalid('Check the form', problems);
      await services.runCaseAction(
        recordDiscussion,
        {
          id: view.disagreement.id,
          version: form.data.version,
          input: {
            occurredAt,
            mode: form.data.mode,
            participants: form.data.participants
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean),
            summary: form.data.summary,
          },
        },
        context(request),
      );
      return 'Discussion recorded';
    },
  });

  formRoute('escalate', {
    ability: 'escalate',
    heading: 'Escalate the disagreement',
    submitText: 'Escalate',
    intro: async (view) => {
      const { people } = await directoryFor(view);
      return nextStages(view.disagreement, view.rules).map((stage) => {
        const due = dueOf(view.disagreement, view.rules, stage.key, view.rules.now.toString());
        const sides = stagePeople(view.disagreement, stage, people).flatMap((side) =>
          side.people.map((person) => person.name),
        );
        return `${stageLabel(view.rules, stage)}: ${stage.who} ${sides.length ? `The directory names ${listInWords(sides)}.` : ''} If you escalate now it will be due ${due.dueAt ? `by ${when(view, due.dueAt)}` : 'with no set timescale'}.`;
      });
    },
    inset: (view) => {
      const next = nextStages(view.disagreement, view.rules);
      return next.some((stage) => stage.onEntry.tellOtherAgencyFirst)
        ? `Tell the other agency that you intend to escalate before you do: the ${view.rules.protocol.terms.monitoringTeam} will be told.`
        : undefined;
    },
    defaults: (view) => ({
      ...nowParts(view, 'occurredAt'),
      toStageKey: nextStages(view.disagreement, view.rules)[0]?.key,
    }),
    fields: (view, values) => {
      const next = nextStages(view.disagreement, view.rules);
      const needsAccount = next.find((stage) => stage.onEntry.writtenAccount);
      return [
        {
          kind: 'radios',
          name: 'toStageKey',
          label: 'Which stage are you escalating to?',
          items: next.map((stage, index) => ({
            value: stage.key,
            text: stageLabel(view.rules, stage),
            hint: {
              text:
                index === 0 ? 'The next stage' : 'The protocol allows going straight to this stage',
            },
            checked: values.toStageKey === stage.key,
          })),
        },
        {
          kind: 'datetime',
          name: 'occurredAt',
          label: 'When was it escalated?',
          hint: 'Not before the current stage started, and not in the future',
        },
        { kind: 'textarea', name: 'reason', label: 'Why are you escalating?' },
        ...(needsAccount
          ? [
              {
                kind: 'textarea',
                name: 'writtenAccount',
                label: `Written account (needed for ${stageLabel(view.rules, needsAccount)})`,
                hint: needsAccount.onEntry.writtenAccount?.prompt,
                rows: 10,
              },
            ]
          : []),
      ];
    },
    submit: async (view, body, request) => {
      const problems: { path: string; message: string }[] = [];
      const occurredAt = instant(view, body, 'occurredAt', 'of the escalation', problems);
      const form = checkForm(escalateForm, body);
      if (!form.ok)
        problems.push(...Object.entries(form.errors).map(([path, message]) => ({ path, message })));
      if (problems.length || !form.ok) throw new Invalid('Check the form', problems);
      const next = await services.runCaseAction(
        escalate,
        {
          id: view.disagreement.id,
          version: form.data.version,
          input: {
            occurredAt,
            reason: form.data.reason,
            toStageKey: form.data.toStageKey,
            writtenAccount: form.data.writtenAccount || undefined,
          },
        },
        context(request),
      );
      const stage = view.rules.ladder.stages.find(
        (candidate) => candidate.key === next.stages.at(-1)?.key,
      );
      return `Escalated to ${stageLabel(view.rules, stage)}`;
    },
  });

  const ownerItems = async (view: CaseView, values: Record<string, unknown>) => {
    const { people } = await directoryFor(view);
    const parties = new Set([
      view.disagreement.raiserAgencyId,
      ...view.disagreement.otherAgencyIds,
    ]);
    return [
      { value: '', text: 'Choose who will do it' },
      ...people
        .filter((person) => person.active && person.agencyId && parties.has(person.agencyId))
        .map((person) => ({
          value: person.id,
          text: person.name,
          selected: values.ownerId === person.id,
        })),
    ];
  };

  formRoute('propose-outcome', {
    ability: 'propose-outcome',
    heading: 'Propose an outcome',
    submitText: 'Send for confirmation',
    intro: () => [
      'Write the outcome as agreed, and how any outstanding issues will be pursued. The other agencies confirm it in writing; until they do, the stage goes on.',
    ],
    defaults: (view) => nowParts(view, 'occurredAt'),
    fields: async (view, values) => [
      { kind: 'datetime', name: 'occurredAt', label: 'When was it agreed?' },
      { kind: 'textarea', name: 'agreedOutcome', label: 'The agreed outcome', rows: 8 },
      {
        kind: 'input',
        name: 'description',
        label: 'An agreed action (optional)',
        hint: 'You can add more actions from the case page',
      },
      {
        kind: 'select',
        name: 'ownerId',
        label: 'Who will do it',
        items: await ownerItems(view, values),
      },
      { kind: 'date', name: 'dueAt', label: 'By when' },
    ],
    submit: async (view, body, request) => {
      const problems: { path: string; message: string }[] = [];
      const occurredAt = instant(view, body, 'occurredAt', 'the outcome was agreed', problems);
      const form = checkForm(proposeForm, body);
      if (!form.ok)
        problems.push(...Object.entries(form.errors).map(([path, message]) => ({ path, message })));
      const description = String(body.description ?? '').trim();
      const actions = [];
      if (description) {
        const action = checkForm(actionForm, body);
        if (!action.ok)
          problems.push(
            ...Object.entries(action.errors).map(([path, message]) => ({ path, message })),
          );
        const dueAt = endOfDay(view, body, problems);
        if (action.ok && dueAt) actions.push({ description, ownerId: action.data.ownerId, dueAt });
      }
      if (problems.length || !form.ok) throw new Invalid('Check the form', problems);
      await services.runCaseAction(
        proposeOutcome,
        {
          id: view.disagreement.id,
          version: form.data.version,
          input: { occurredAt, agreedOutcome: form.data.agreedOutcome, actions },
        },
        context(request),
      );
      return 'Outcome proposed: the other agencies are asked to confirm it';
    },
  });

  function endOfDay(
    view: CaseView,
    body: Record<string, unknown>,
    problems: { path: string; message: string }[],
  ) {
    const parsed = instantFrom(
      { ...body, 'dueAt-time': view.rules.calendar.settings.workingHours.end },
      'dueAt',
      zoneOf(view),
      'the action is due',
    );
    if (parsed.error) problems.push({ path: 'dueAt', message: parsed.error });
    return parsed.instant;
  }

  formRoute('add-action', {
    ability: 'record',
    heading: 'Add an agreed action',
    submitText: 'Add the action',
    fields: async (view, values) => [
      { kind: 'input', name: 'description', label: 'What needs to be done' },
      {
        kind: 'select',
        name: 'ownerId',
        label: 'Who will do it',
        items: await ownerItems(view, values),
      },
      { kind: 'date', name: 'dueAt', label: 'By when', hint: 'Due at the end of the working day' },
    ],
    submit: async (view, body, request) => {
      const problems: { path: string; message: string }[] = [];
      const form = checkForm(actionForm, body);
      if (!form.ok)
        problems.push(...Object.entries(form.errors).map(([path, message]) => ({ path, message })));
      const dueAt = endOfDay(view, body, problems);
      if (problems.length || !form.ok || !dueAt) throw new Invalid('Check the form', problems);
      await services.runCaseAction(
        addAction,
        {
          id: view.disagreement.id,
          version: form.data.version,
          input: { description: form.data.description, ownerId: form.data.ownerId, dueAt },
        },
        context(request),
      );
      return 'Action added';
    },
  });

  formRoute('confirm-outcome', {
    ability: 'confirm-outcome',
    heading: 'Confirm or reject the proposed outcome',
    submitText: 'Send your answer',
    intro: (view) => [`Proposed outcome: ${view.disagreement.resolution?.agreedOutcome ?? 'none'}`],
    fields: () => [
      {
        kind: 'radios',
        name: 'answer',
        label: 'Does your agency agree with this outcome?',
        items: [
          { value: 'confirm', text: 'Yes, confirm it for my agency' },
          { value: 'reject', text: 'No, reject it: the stage goes on' },
        ],
      },
      { kind: 'textarea', name: 'reason', label: 'If you reject it, why?' },
    ],
    submit: async (view, body, request) => {
      const form = parse(answerForm, body);
      if (form.answer === 'confirm') {
        const next = await services.runCaseAction(
          confirmOutcome,
          { id: view.disagreement.id, version: form.version, input: {} },
          context(request),
        );
        return next.status === 'resolved'
          ? 'Outcome confirmed: the disagreement is resolved'
          : 'Outcome confirmed for your agency';
      }
      await services.runCaseAction(
        rejectOutcome,
        { id: view.disagreement.id, version: form.version, input: { reason: form.reason } },
        context(request),
      );
      return 'Outcome rejected: the stage goes on';
    },
  });

  formRoute('child-deadline', {
    ability: 'set-child-deadline',
    heading: 'Set a deadline to protect the child',
    submitText: 'Save',
    intro: () => [
      'A deadline linked to the child’s needs applies to this stage and every later one when it is earlier than the protocol’s own timescale.',
    ],
    fields: (view) => [
      ...(view.disagreement.childDeadline
        ? [
            {
              kind: 'radios',
              name: 'action',
              label: 'Change or clear the deadline?',
              items: [
                { value: 'set', text: 'Change it' },
                { value: 'clear', text: 'Clear it' },
              ],
            },
          ]
        : []),
      { kind: 'datetime', name: 'dueAt', label: 'The deadline' },
      { kind: 'textarea', name: 'reason', label: 'Why this deadline protects the child' },
    ],
    submit: async (view, body, request) => {
      const form = parse(childDeadlineForm, body);
      if (form.action === 'clear') {
        await services.runCaseAction(
          clearChildDeadline,
          { id: view.disagreement.id, version: form.version, input: { reason: form.reason } },
          context(request),
        );
        return 'Deadline cleared';
      }
      const problems: { path: string; message: string }[] = [];
      const dueAt = instant(view, body, 'dueAt', 'of the deadline', problems);
      if (problems.length) throw new Invalid('Check the form', problems);
      await services.runCaseAction(
        setChildDeadline,
        { id: view.disagreement.id, version: form.version, input: { dueAt, reason: form.reason } },
        context(request),
      );
      return 'Deadline set';
    },
  });

  const meetingChoices = async (view: CaseView) => {
    const { people, agencies } = await directoryFor(view);
    const current = currentStage(view.disagreement);
    const stage = current ? stageOf(view.rules.ladder, current.key) : undefined;
    const rule = stage?.onEntry.chairedMeeting;
    const chairs = rule ? chairCandidates(rule.chair, view.disagreement, people, agencies) : [];
    const atStage = stage
      ? stagePeople(view.disagreement, stage, people).flatMap((side) => side.people)
      : [];
    const agencyName = (id: string | null) =>
      agencies.find((agency) => agency.id === id)?.name ?? 'the partnership team';
    return { stage, rule, chairs, atStage, people, agencyName };
  };

  formRoute('arrange-meeting', {
    ability: 'arrange-meeting',
    heading: 'Arrange the meeting',
    submitText: 'Send the invitations',
    intro: async (view) => {
      const { stage, rule, chairs } = await meetingChoices(view);
      if (!rule) return ['This stage does not call for a chaired meeting.'];
      return [
        `${rule.purpose}, for ${stageLabel(view.rules, stage)}.`,
        chairs.length > 0
          ? 'The chairs listed are those the protocol allows: they are not from an agency in the disagreement.'
          : 'The directory has nobody who can chair under the protocol: ask the partnership team to add them.',
        'Everyone invited gets an e-mail with a calendar invitation, and can see the case.',
      ];
    },
    defaults: (view) => {
      const meeting = currentMeeting(view.disagreement);
      if (!meeting) return {};
      const local = Temporal.Instant.from(meeting.startsAt).toZonedDateTimeISO(zoneOf(view));
      return {
        chairId: meeting.chairId,
        place: meeting.place,
        attendeeIds: meeting.attendeeIds,
        'startsAt-day': String(local.day),
        'startsAt-month': String(local.month),
        'startsAt-year': String(local.year),
        'startsAt-time': `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
        duration: String(
          Temporal.Instant.from(meeting.endsAt)
            .since(Temporal.Instant.from(meeting.startsAt))
            .total('minutes'),
        ),
      };
    },
    fields: async (view, values) => {
      const { chairs, atStage, people, agencyName } = await meetingChoices(view);
      const chosen = new Set(
        [values.attendeeIds ?? atStage.map((person) => person.id)].flat().map(String),
      );
      const invitable = [
        ...atStage,
        ...people.filter(
          (person) =>
            person.active &&
            !atStage.includes(person) &&
            person.agencyId !== null &&
            [view.disagreement.raiserAgencyId, ...view.disagreement.otherAgencyIds].includes(
              person.agencyId,
            ),
        ),
      ];
      return [
        {
          kind: 'select',
          name: 'chairId',
          label: 'Who will chair it?',
          items: [
            { value: '', text: 'Choose the chair' },
            ...chairs.map((person) => ({
              value: person.id,
              text: `${person.name} (${agencyName(person.agencyId)})`,
              selected: values.chairId === person.id,
            })),
          ],
        },
        { kind: 'datetime', name: 'startsAt', label: 'When does it start?' },
        {
          kind: 'select',
          name: 'duration',
          label: 'How long is it?',
          items: [
            ['60', '1 hour'],
            ['90', '1 hour 30 minutes'],
            ['120', '2 hours'],
            ['180', '3 hours'],
          ].map(([value, text]) => ({
            value,
            text,
            selected: String(values.duration ?? '60') === value,
          })),
        },
        {
          kind: 'input',
          name: 'place',
          label: 'Where?',
          hint: 'A room and address, or how to join by video. It goes in the invitation: do not name the child or family.',
        },
        {
          kind: 'checkboxes',
          name: 'attendeeIds',
          label: 'Who is invited?',
          hint: 'The people the protocol names for this stage are ticked. The chair is always invited.',
          items: invitable.map((person) => ({
            value: person.id,
            text: `${person.name} (${agencyName(person.agencyId)})`,
            checked: chosen.has(person.id),
          })),
        },
      ];
    },
    submit: async (view, body, request) => {
      const problems: { path: string; message: string }[] = [];
      const startsAt = instant(view, body, 'startsAt', 'the meeting starts', problems);
      const form = checkForm(meetingForm, body);
      if (!form.ok)
        problems.push(...Object.entries(form.errors).map(([path, message]) => ({ path, message })));
      if (problems.length || !form.ok) throw new Invalid('Check the meeting’s details', problems);
      const endsAt = Temporal.Instant.from(startsAt)
        .add({ minutes: form.data.duration })
        .toString({ smallestUnit: 'millisecond' });
      await services.runCaseAction(
        arrangeMeeting,
        {
          id: view.disagreement.id,
          version: form.data.version,
          input: {
            chairId: form.data.chairId,
            startsAt,
            endsAt,
            place: form.data.place,
            attendeeIds: form.data.attendeeIds,
          },
        },
        context(request),
      );
      return 'Meeting arranged: the invitations are on their way';
    },
  });

  formRoute('meeting-minutes', {
    ability: 'arrange-meeting',
    heading: 'Record the meeting’s minutes',
    submitText: 'Save the minutes',
    intro: (view) => {
      const meeting = currentMeeting(view.disagreement);
      return meeting
        ? [
            `The meeting of ${when(view, meeting.startsAt)}, ${meeting.place}.`,
            'Record the areas of disagreement, the decision and every attempt to agree.',
          ]
        : ['No meeting has been arranged for this stage.'];
    },
    defaults: (view) => ({ minutes: currentMeeting(view.disagreement)?.minutes ?? '' }),
    fields: () => [{ kind: 'textarea', name: 'minutes', label: 'Minutes', rows: 12 }],
    submit: async (view, body, request) => {
      const form = parse(minutesForm, body);
      const meeting = currentMeeting(view.disagreement);
      await services.runCaseAction(
        recordMinutes,
        {
          id: view.disagreement.id,
          version: form.version,
          input: { meetingId: meeting?.id ?? '', minutes: form.minutes },
        },
        context(request),
      );
      return 'Minutes recorded';
    },
  });

  app.get('/disagreements/:id/meeting.ics', async (request, reply) => {
    const view = await load(request);
    const calendar = await services.meetingCalendar(view.disagreement.id, webContext(request));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="meeting.ics"')
      .header('cache-control', 'no-store')
      .send(calendar);
  });

  formRoute('withdraw', {
    ability: 'withdraw',
    heading: 'Withdraw the disagreement',
    submitText: 'Withdraw',
    warningButton: true,
    warning:
      'The other agency is told that the disagreement has been withdrawn. This cannot be undone.',
    fields: () => [{ kind: 'textarea', name: 'reason', label: 'Why is it being withdrawn?' }],
    submit: async (view, body, request) => {
      const form = parse(reasonForm('why it is being withdrawn'), body);
      await services.runCaseAction(
        withdraw,
        { id: view.disagreement.id, version: form.version, input: { reason: form.reason } },
        context(request),
      );
      return 'Disagreement withdrawn';
    },
  });

  formRoute('close', {
    ability: 'close',
    heading: 'Close the disagreement',
    submitText: 'Close',
    intro: (view) => [
      `Lessons go to ${view.rules.protocol.learning.route}. ${view.rules.protocol.learning.guidance}`,
    ],
    fields: (view, values) => [
      {
        kind: 'radios',
        name: 'lessonTheme',
        label: 'Is there a lesson for the partnership? (optional)',
        items: [
          ...view.rules.protocol.learning.themes.map((theme) => ({
            value: theme,
            text: lessonThemeNames[theme],
            checked: values.lessonTheme === theme,
          })),
          { value: '', text: 'No lesson', checked: !values.lessonTheme },
        ],
      },
      { kind: 'textarea', name: 'lessonText', label: 'The lesson' },
    ],
    submit: async (view, body, request) => {
      const form = parse(closeForm, body);
      await services.runCaseAction(
        close,
        {
          id: view.disagreement.id,
          version: form.version,
          input: {
            lessons:
              form.lessonTheme && lessonThemes.includes(form.lessonTheme)
                ? [{ theme: form.lessonTheme, text: form.lessonText }]
                : [],
          },
        },
        context(request),
      );
      return 'Disagreement closed';
    },
  });

  app.post('/disagreements/:id/tell-next-level', async (request, reply) => {
    const view = await load(request);
    if (!view.abilities.escalate) throw new Forbidden('You cannot do that on this disagreement');
    const form = parse(versionForm, (request.body ?? {}) as Record<string, unknown>);
    try {
      await services.runCaseAction(
        tellNextLevel,
        { id: view.disagreement.id, version: form.version, input: {} },
        webContext(request),
      );
    } catch (error) {
      if (!(error instanceof NotAllowedNow || error instanceof Conflict)) throw error;
      const page = casePage(view, await directoryFor(view));
      return reply.code(error instanceof Conflict ? 409 : 422).render('case/case.njk', {
        ...page,
        errorList: [{ text: error.message, href: '#next-level' }],
      });
    }
    request.session.caseNotice = {
      caseId: view.disagreement.id,
      text: 'The next level has been told that a speedy response is needed',
    };
    return reply.redirect(`/disagreements/${view.disagreement.id}`, 303);
  });

  app.post('/disagreements/:id/actions/:actionId/complete', async (request, reply) => {
    const params = z.object({ id: z.uuid(), actionId: z.uuid() }).safeParse(request.params);
    if (!params.success) throw new NotFound('There is no such action');
    const view = await load(request);
    if (!view.abilities.record) throw new Forbidden('You cannot do that on this disagreement');
    const form = parse(versionForm, (request.body ?? {}) as Record<string, unknown>);
    await services.runCaseAction(
      completeAction,
      { id: params.data.id, version: form.version, input: { actionId: params.data.actionId } },
      webContext(request),
    );
    request.session.caseNotice = { caseId: params.data.id, text: 'Action marked as done' };
    return reply.redirect(`/disagreements/${params.data.id}`, 303);
  });
}

function firstField(fields: Field[]): string {
  return fields[0]?.name ?? 'form';
}
