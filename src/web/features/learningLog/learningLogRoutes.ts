import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../domain/access/can.ts';
import { formatDate, formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import { calendarDate } from '../../../domain/disagreement/actions/inputs.ts';
import { isLessonId } from '../../../domain/disagreement/caseDocument.ts';
import { Invalid, NotFound } from '../../../domain/errors.ts';
import { type LessonTheme, lessonStatuses, lessonThemes } from '../../../domain/vocabulary.ts';
import { lessonStatusNames, lessonThemeNames } from '../../../domain/vocabularyNames.ts';
import {
  dateField,
  type FormBody,
  type FormErrors,
  radiosField,
  selectField,
  textareaField,
  unlessEmpty,
} from '../../../forms/fields.ts';
import {
  bodyOf,
  checkFields,
  dateValues,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import type { LearningLogQuery } from '../../../services/learningLog.ts';
import type { Services } from '../../../services.ts';
import { sendCsv } from '../../csv.ts';
import { agencyFilterField, localAuthorityFilterField } from '../../filterFields.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { queryString } from '../case/caseFilters.ts';

const logQuery = z.object({
  theme: z.enum(lessonThemes).optional(),
  agencyId: z.string().max(100).optional(),
  status: z.enum(lessonStatuses).optional(),
  subgroup: z.string().max(200).optional(),
  localAuthorityId: z.string().max(100).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  closedFrom: calendarDate.optional(),
  closedTo: calendarDate.optional(),
});

type Named = { id: string; name: string };

/** The period of closing a dashboard figure chose, kept (as hidden fields) when filters change. */
function closedPeriodOf(sent: FormBody): { closedFrom?: string; closedTo?: string } {
  const kept = logQuery
    .pick({ closedFrom: true, closedTo: true })
    .safeParse({ closedFrom: sent.closedFrom || undefined, closedTo: sent.closedTo || undefined });
  return kept.success ? kept.data : {};
}

function filterFields(choices: {
  agencies: Named[];
  localAuthorities: Named[];
  subgroups: string[];
}) {
  return {
    theme: selectField({
      label: 'Theme',
      size: 's',
      placeholder: 'Any theme',
      choices: lessonThemes.map((theme) => ({ value: theme, text: lessonThemeNames[theme] })),
      schema: unlessEmpty(z.enum(lessonThemes)),
    }),
    status: selectField({
      label: 'What was done',
      size: 's',
      placeholder: 'Anything',
      choices: lessonStatuses.map((status) => ({ value: status, text: lessonStatusNames[status] })),
      schema: unlessEmpty(z.enum(lessonStatuses)),
    }),
    subgroup: selectField({
      label: 'Subgroup',
      size: 's',
      placeholder: 'Any subgroup',
      choices: choices.subgroups.map((name) => ({ value: name, text: name })),
      schema: unlessEmpty(z.string()),
    }),
    agencyId: agencyFilterField(choices.agencies),
    localAuthorityId: localAuthorityFilterField(choices.localAuthorities),
    from: dateField({
      label: 'Recorded on or after',
      size: 's',
      messages: { invalid: 'Enter the first date as a real date, like 1 4 2026' },
    }),
    to: dateField({
      label: 'Recorded on or before',
      size: 's',
      messages: { invalid: 'Enter the last date as a real date, like 31 3 2027' },
    }),
  };
}

function statusFields() {
  return {
    status: radiosField({
      label: 'What has the subgroup done with it?',
      size: 's',
      choices: [
        { value: 'new', text: lessonStatusNames.new, hint: 'Not yet considered' },
        {
          value: 'considered',
          text: lessonStatusNames.considered,
          hint: 'Discussed, with or without something to do',
        },
        {
          value: 'actioned',
          text: lessonStatusNames.actioned,
          hint: 'Something was done: training, guidance, commissioning',
        },
      ],
      schema: z.enum(lessonStatuses, { error: 'Choose what has been done with the lesson' }),
    }),
    note: textareaField({
      label: 'Note (optional)',
      hint: 'What was decided or done, and by whom. Do not write a child’s name.',
      size: 's',
      schema: z.string().trim().max(2000, 'The note must be 2,000 characters or fewer').default(''),
    }),
  };
}

/** The lessons of cases closed in a period, as the dashboard counts them: said, and undone. */
function closedPeriodView(query: LearningLogQuery) {
  const { closedFrom, closedTo, ...rest } = query;
  if (!closedFrom && !closedTo) return null;
  const day = (date: string) => formatDate(Temporal.PlainDate.from(date));
  return {
    hidden: { closedFrom, closedTo },
    inWords:
      closedFrom && closedTo
        ? `from ${day(closedFrom)} to ${day(closedTo)}`
        : closedFrom
          ? `on or after ${day(closedFrom)}`
          : `on or before ${day(closedTo as string)}`,
    everyLessonHref: `/learning-log${queryString(rest)}`,
  };
}

/** The lesson an address names, if it could name one. */
const lessonIdOf = (request: FastifyRequest) => {
  const { lessonId } = request.params as { lessonId: string };
  return isLessonId(lessonId) ? lessonId : '-';
};

/** The partnership's learning log: every lesson, what each is about, and what was done with it. */
export async function learningLogRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);
  const partnershipOf = (request: FastifyRequest) => (request.actor as Actor).partnershipId ?? '';

  async function names(request: FastifyRequest) {
    const context = webContext(request);
    const partnershipId = partnershipOf(request);
    if (!partnershipId) {
      return { agencies: [], localAuthorities: [], people: new Map<string, string>() };
    }
    const agencies = await services.listAgencies(partnershipId, context);
    const people = await services.listPeople(partnershipId, context);
    const localAuthorities = await services.listLocalAuthorities(partnershipId, context);
    return {
      agencies: agencies.map((agency) => ({ id: agency.id, name: agency.name })),
      localAuthorities: localAuthorities.map((la) => ({ id: la.id, name: la.name })),
      people: new Map([...agencies, ...people].map((named) => [named.id, named.name])),
    };
  }

  app.get('/learning-log', async (request, reply) => {
    const sent = (request.query ?? {}) as FormBody;
    const context = webContext(request);
    const isForm = Object.keys(sent).some((key) => /^(from|to)-(day|month|year)$/.test(key));
    const parsed = logQuery.safeParse(isForm ? {} : sent);
    let query: LearningLogQuery = parsed.success ? parsed.data : {};
    let errors: FormErrors = parsed.success
      ? {}
      : { theme: 'A filter in the address is not one Accord can use, so none were used' };
    let cursor = typeof sent.cursor === 'string' ? sent.cursor : undefined;
    // Read first, so a person outside the team is refused before anything else is read.
    const log = await services.learningLog({ ...query, cursor }, context);
    const { agencies, localAuthorities, people } = await names(request);
    const fields = filterFields({ agencies, localAuthorities, subgroups: log.subgroups });
    let values: FormBody = {
      ...query,
      ...(query.from ? dateValues('from', Temporal.PlainDate.from(query.from)) : {}),
      ...(query.to ? dateValues('to', Temporal.PlainDate.from(query.to)) : {}),
    };
    if (isForm) {
      const checked = checkFields(fields, sent);
      if (checked.ok) {
        const v = checked.values;
        return reply.redirect(
          `/learning-log${queryString({ theme: v.theme, status: v.status, subgroup: v.subgroup, agencyId: v.agencyId, localAuthorityId: v.localAuthorityId, from: v.from?.toString(), to: v.to?.toString(), ...closedPeriodOf(sent) })}`,
          303,
        );
      }
      errors = checked.errors;
      values = sent;
      query = {};
      cursor = undefined;
    }
    const name = (id: string | null) =>
      id ? (people.get(id) ?? 'someone no longer in the directory') : '';
    return reply.render('learningLog/learningLog.njk', {
      pageTitle: 'Learning log',
      saved: typeof sent.saved === 'string',
      errorList: errorList(errors, fields),
      filterFields: fieldViews(fields, values, errors),
      csv: `/learning-log.csv${queryString(query)}`,
      closed: closedPeriodView(isForm ? closedPeriodOf(sent) : query),
      firstPage: !cursor,
      firstPageHref: `/learning-log${queryString(query)}`,
      nextPage: log.nextCursor
        ? `/learning-log${queryString(query, { cursor: log.nextCursor })}`
        : null,
      lessons: (isForm ? [] : log.lessons).map((lesson) => ({
        id: lesson.id,
        caseId: lesson.disagreementId,
        reference: lesson.reference,
        between: `${name(lesson.raisingAgencyId)} and ${listInWords(lesson.otherAgencyIds.map(name))}`,
        themes: lesson.themes.map((theme) => lessonThemeNames[theme as LessonTheme] ?? theme),
        subgroups: listInWords(lesson.subgroups),
        referred: lesson.source === 'referred',
        recordedOn: formatDate(
          Temporal.Instant.from(lesson.recordedAt).toZonedDateTimeISO(log.timeZone).toPlainDate(),
        ),
        text: lesson.text,
        status: lesson.status,
        statusName: lessonStatusNames[lesson.status],
        note: lesson.note,
        statusBy: lesson.statusBy
          ? `${name(lesson.statusBy)}, ${formatInstant(Temporal.Instant.from(lesson.statusAt as string), log.timeZone)}`
          : null,
      })),
    });
  });

  app.get('/learning-log.csv', async (request, reply) => {
    const parsed = logQuery.safeParse(request.query ?? {});
    return sendCsv(
      reply,
      await services.learningLogCsv(parsed.success ? parsed.data : {}, webContext(request)),
    );
  });

  async function statusPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: FormBody | undefined,
    errors: FormErrors,
  ) {
    const log = await services.learningLog({ lessonId: lessonIdOf(request) }, webContext(request));
    const lesson = log.lessons[0];
    if (!lesson) throw new NotFound('There is no such lesson');
    // A purged case's lesson takes no note; the box stays only to show why one sent was refused.
    const takesNote = !lesson.casePurged || errors.note !== undefined;
    const { note, ...withoutNote } = statusFields();
    const fields = takesNote ? { ...withoutNote, note } : withoutNote;
    return reply.render('learningLog/status.njk', {
      pageTitle: 'What was done with the lesson',
      errorList: errorList(errors, fields),
      casePurged: lesson.casePurged,
      fields: fieldViews(
        fields,
        values ?? answersOr(request, { status: lesson.status, note: lesson.note ?? '' }),
        errors,
      ),
      lesson: {
        reference: lesson.reference,
        caseId: lesson.disagreementId,
        themes: listInWords(
          lesson.themes.map((theme) => lessonThemeNames[theme as LessonTheme] ?? theme),
        ),
        subgroups: listInWords(lesson.subgroups),
        text: lesson.text,
      },
      action: `/learning-log/${lesson.id}`,
    });
  }

  app.get('/learning-log/:lessonId', (request, reply) => statusPage(request, reply, undefined, {}));

  app.post('/learning-log/:lessonId', async (request, reply) => {
    const lessonId = lessonIdOf(request);
    // Who asks, and whether the lesson is theirs to see, before what they sent is read.
    const found = await services.learningLog({ lessonId }, webContext(request));
    if (!found.lessons[0]) throw new NotFound('There is no such lesson');
    const checked = checkFields(statusFields(), request.body);
    if (!checked.ok) {
      reply.code(400);
      return statusPage(request, reply, bodyOf(request.body), checked.errors);
    }
    try {
      await services.recordLessonStatus(
        { lessonId, status: checked.values.status, note: checked.values.note },
        webContext(request),
      );
    } catch (error) {
      const errors = errorsFromDomain(error, statusFields());
      if (!(error instanceof Invalid) || !errors) throw error;
      reply.code(400);
      return statusPage(request, reply, bodyOf(request.body), errors);
    }
    return reply.redirect(`/learning-log?saved=${encodeURIComponent(lessonId)}`, 303);
  });
}
