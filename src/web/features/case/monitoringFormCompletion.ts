import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { Conflict } from '../../../domain/errors.ts';
import {
  type Component,
  dateField,
  type Fields,
  type FormBody,
  type FormErrors,
  radiosField,
  textareaField,
  textField,
} from '../../../forms/fields.ts';
import {
  bodyOf,
  checkFields,
  dateValues,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import { revealed } from '../../../forms/reveals.ts';
import {
  type MonitoringFormToComplete,
  seenVersion,
} from '../../../services/completeMonitoringForm.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { webContext } from '../../requestContext.ts';

// The monitoring form's own questions, completed in Accord by the escalating side before the
// form is sent: the meeting's date, the parents or carers, and every senior officer involved
// (GOV.UK's "add another": a button that adds a row and saves nothing, so it works without
// JavaScript; a row left empty is left out). A hidden version, as on the case's action pages:
// a save from a page opened before someone else's save is refused (409) keeping what was typed.

const MOST_OFFICERS = 20;
const optionalLine = (what: string) =>
  z.string().trim().max(200, `${what} must be 200 characters or fewer`).default('');

const fixedFields = {
  meetingDate: dateField({
    label: 'Date of the meeting or discussion',
    hint: 'For example, 27 11 2026. The date of the meeting arranged in Accord, if there was one.',
    size: 's',
    messages: { invalid: 'The date of the meeting must be a real date, like 27 11 2026' },
  }),
  parentsInformed: radiosField({
    label: 'Have the parents or carers been told of the disagreement?',
    size: 's',
    inline: true,
    choices: [
      { value: 'yes', text: 'Yes' },
      { value: 'no', text: 'No' },
    ],
    schema: z.enum(['yes', 'no'], {
      error: 'Choose yes if the parents or carers have been told',
    }),
  }),
  parentsViews: revealed(
    { field: 'parentsInformed', value: 'yes' },
    textareaField({
      label: 'What are their views?',
      schema: z
        .string()
        .trim()
        .max(5000, 'Their views must be 5,000 characters or fewer')
        .default(''),
    }),
  ),
};

const officerField = (n: number, part: 'name' | 'agency' | 'role') => `officer-${n}-${part}`;

function officerFields(count: number): Fields {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => index + 1).flatMap((n) => [
      [
        officerField(n, 'name'),
        textField({ label: 'Name', schema: optionalLine('The name'), autocomplete: 'off' }),
      ],
      [
        officerField(n, 'role'),
        textField({ label: 'Job title or role', schema: optionalLine('The role') }),
      ],
      [
        officerField(n, 'agency'),
        textField({ label: 'Agency', schema: optionalLine('The agency') }),
      ],
    ]),
  );
}

const countOf = (body: FormBody) =>
  Math.min(MOST_OFFICERS, Math.max(1, Number.parseInt(String(body.officerCount ?? '1'), 10) || 1));

/** The answers kept, as the form's values. */
function valuesOf(form: MonitoringFormToComplete): FormBody {
  const answers = form.answers;
  const meetingDate = answers?.meetingDate ?? form.arrangedMeetingDate;
  return {
    version: String(form.version),
    ...(meetingDate ? dateValues('meetingDate', Temporal.PlainDate.from(meetingDate)) : {}),
    parentsInformed: answers?.parentsInformed ?? undefined,
    parentsViews: answers?.parentsViews ?? '',
    officerCount: String(Math.max(1, answers?.seniorOfficers.length ?? 0)),
    ...Object.fromEntries(
      (answers?.seniorOfficers ?? []).flatMap((officer, index) => [
        [officerField(index + 1, 'name'), officer.name],
        [officerField(index + 1, 'role'), officer.role],
        [officerField(index + 1, 'agency'), officer.agency],
      ]),
    ),
  };
}

export function monitoringFormCompletion(app: FastifyInstance, services: Services) {
  const path = '/disagreements/:id/monitoring-form/complete';
  const idOf = (params: unknown) => String((params as { id: string }).id);

  const show = (
    reply: FastifyReply,
    form: MonitoringFormToComplete,
    values: FormBody,
    errors: FormErrors,
    status = 200,
  ) => {
    const count = countOf(values);
    const officers = officerFields(count);
    const all = { ...fixedFields, ...officers };
    const officerRows: { legend: string; components: Component[] }[] = [];
    for (let n = 1; n <= count; n++) {
      const names = (['name', 'role', 'agency'] as const).map((part) => officerField(n, part));
      officerRows.push({
        legend: `Senior officer ${n}`,
        components: fieldViews(
          Object.fromEntries(names.map((name) => [name, officers[name]])) as Fields,
          values,
          errors,
        ),
      });
    }
    return reply.code(status).render('case/monitoringFormComplete.njk', {
      pageTitle: `Complete the monitoring form: ${form.reference}`,
      form,
      caseId: form.caseId,
      fields: fieldViews(fixedFields, values, errors),
      officerRows,
      officerCount: count,
      // Kept through mistakes and added rows: the version the person first saw.
      version: values.version ?? form.version,
      mayAddAnother: count < MOST_OFFICERS,
      errorList: errorList(errors, all, values),
    });
  };

  app.get(path, async (request, reply) => {
    const form = await services.monitoringFormToComplete(idOf(request.params), webContext(request));
    return show(reply, form, answersOr(request, valuesOf(form)), {});
  });

  app.post(path, async (request, reply) => {
    const id = idOf(request.params);
    const form = await services.monitoringFormToComplete(id, webContext(request));
    const body = bodyOf(request.body);
    if (body.addAnother !== undefined) {
      return show(reply, form, { ...body, officerCount: String(countOf(body) + 1) }, {});
    }
    const count = countOf(body);
    const officers = officerFields(count);
    const all = { ...fixedFields, ...officers };
    const seen = seenVersion.safeParse(body.version);
    const checked = checkFields(all, body, { timeZone: form.timeZone }, (values) => {
      const errors: FormErrors = {};
      for (let n = 1; n <= count; n++) {
        const given = (part: 'name' | 'agency' | 'role') =>
          (values as Record<string, unknown>)[officerField(n, part)];
        if (!given('name') && (given('role') || given('agency'))) {
          errors[officerField(n, 'name')] = `Enter the name of senior officer ${n}`;
        }
      }
      return errors;
    });
    if (!seen.success || !checked.ok) {
      const errors = checked.ok ? {} : checked.errors;
      if (!seen.success) errors.meetingDate ??= 'Reload the page and try again';
      return show(reply, form, body, errors, 400);
    }
    const values = checked.values as Record<string, unknown>;
    const text = (name: string) => String(values[name] ?? '');
    const answers = {
      meetingDate: checked.values.meetingDate?.toString() ?? null,
      parentsInformed: checked.values.parentsInformed,
      parentsViews: checked.values.parentsInformed === 'yes' ? checked.values.parentsViews : '',
      seniorOfficers: Array.from({ length: count }, (_, index) => index + 1)
        .filter((n) => text(officerField(n, 'name')))
        .map((n) => ({
          name: text(officerField(n, 'name')),
          role: text(officerField(n, 'role')),
          agency: text(officerField(n, 'agency')),
        })),
    };
    try {
      await services.completeMonitoringForm(
        { id, version: seen.data, answers },
        webContext(request),
      );
    } catch (error) {
      if (error instanceof Conflict) {
        const fresh = await services.monitoringFormToComplete(id, webContext(request));
        const latest = { ...body, version: String(fresh.version) };
        return show(reply, fresh, latest, { meetingDate: error.message }, 409);
      }
      const errors = errorsFromDomain(error, all, (problem) => {
        const officer = /^seniorOfficers\.(\d+)\.(name|role|agency)$/.exec(problem);
        return officer ? officerField(Number(officer[1]) + 1, officer[2] as 'name') : undefined;
      });
      if (!errors) throw error;
      return show(reply, form, body, errors, 400);
    }
    return reply.redirect(`/disagreements/${form.caseId}/monitoring-form`, 303);
  });
}
