import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDate } from '../../../domain/calendar/formatting.ts';
import { stageLabel } from '../../../domain/disagreement/disagreement.ts';
import { stageOf } from '../../../domain/protocol/ladder.ts';
import type { ChildSearch } from '../../../domain/subjectAccess/childSearch.ts';
import type { FormBody, FormErrors } from '../../../forms/fields.ts';
import {
  bodyOf,
  checkFields,
  dateValues,
  errorList,
  errorsFromDomain,
  fieldViews,
} from '../../../forms/form.ts';
import type { SubjectAccessArchive } from '../../../services/subjectAccess/exportSubject.ts';
import type { FoundCase } from '../../../services/subjectAccess/findSubject.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { webContext } from '../../requestContext.ts';
import { signedInOnly } from '../../requireSignIn.ts';
import { childFields, professionalFields } from './subjectAccessFields.ts';

type FormState = { values: FormBody; errors: FormErrors };

const day = (iso: string) => formatDate(Temporal.PlainDate.from(iso));

/** A found case as a row of the results: its reference, when it was raised, where it stands. */
function caseRow(found: FoundCase) {
  const { disagreement, rules } = found;
  const open = disagreement.status === 'open';
  const key = disagreement.stages.at(-1)?.key;
  return {
    id: disagreement.id,
    reference: disagreement.reference,
    raisedOn: formatDate(
      Temporal.Instant.from(disagreement.raisedAt)
        .toZonedDateTimeISO(rules.calendar.timeZone)
        .toPlainDate(),
    ),
    status: disagreement.status,
    stage: open && key ? stageLabel(rules, stageOf(rules.ladder, key)) : '',
    children: found.children.map(
      (child) =>
        `${child.firstName} ${child.lastName}, ${child.dateOfBirth ? `born ${day(child.dateOfBirth)}` : 'no date of birth recorded'}`,
    ),
  };
}

/** Sends a subject-access archive as a download, streamed as it is made. */
function sendArchive(reply: FastifyReply, { filename, archive }: SubjectAccessArchive) {
  return reply
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
    .type('application/zip')
    .send(archive);
}

/**
 * Answering a subject-access request (the partnership team's): find every case naming a child
 * or a professional, and export what Accord holds about them as one ZIP. Names are sent in the
 * body of a POST, never in an address, so they stay out of histories and logs.
 */
export async function subjectAccessRoutes(app: FastifyInstance, options: { services: Services }) {
  const { services } = options;
  signedInOnly(app);

  /** The search page; reading the people to choose from refuses anyone but the team first. */
  async function searchPage(
    request: FastifyRequest,
    reply: FastifyReply,
    state: { child?: FormState; professional?: FormState },
  ) {
    const people = await services.subjectAccessPeople(webContext(request));
    const child = childFields();
    const professional = professionalFields(people);
    const childErrors = state.child?.errors ?? {};
    const professionalErrors = state.professional?.errors ?? {};
    return reply.render('subjectAccess/search.njk', {
      pageTitle: 'Subject access request',
      errorList: [...errorList(childErrors, child), ...errorList(professionalErrors, professional)],
      childFields: fieldViews(child, state.child?.values ?? {}, childErrors),
      professionalFields: fieldViews(
        professional,
        state.professional?.values ?? {},
        professionalErrors,
      ),
    });
  }

  /** The child a form asks about, or the search page again with its problems (400). */
  function childSearchOf(body: unknown): { search: ChildSearch } | { problems: FormState } {
    const checked = checkFields(childFields(), body);
    if (!checked.ok) return { problems: { values: bodyOf(body), errors: checked.errors } };
    const { givenNames, familyName, dateOfBirth } = checked.values;
    return {
      search: { givenNames, familyName, dateOfBirth: dateOfBirth ? dateOfBirth.toString() : null },
    };
  }

  /** The person a form asks about, or its problems. */
  function personOf(body: unknown): { personId: string } | { problems: FormState } {
    const checked = checkFields(professionalFields([]), body);
    if (!checked.ok) return { problems: { values: bodyOf(body), errors: checked.errors } };
    return { personId: checked.values.personId };
  }

  /** A person not of the partnership is a problem of the form's person field. */
  async function orPersonProblem<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<T>,
  ): Promise<T | FastifyReply> {
    try {
      return await work();
    } catch (error) {
      const errors = errorsFromDomain(error, professionalFields([]));
      if (!errors) throw error;
      reply.code(400);
      return searchPage(request, reply, {
        professional: { values: bodyOf(request.body), errors },
      });
    }
  }

  app.get('/subject-access', (request, reply) => {
    // Kept answers are of one of the two forms; each takes its own fields from them.
    const kept = answersOr(request, {});
    return searchPage(request, reply, {
      child: { values: kept, errors: {} },
      professional: { values: kept, errors: {} },
    });
  });

  app.post('/subject-access/child', async (request, reply) => {
    const asked = childSearchOf(request.body);
    if ('problems' in asked) {
      reply.code(400);
      return searchPage(request, reply, { child: asked.problems });
    }
    const { cases } = await services.findChildSubject(asked.search, webContext(request));
    const { search } = asked;
    return reply.render('subjectAccess/results.njk', {
      pageTitle: 'Cases found: subject access request',
      heading: 'Cases naming the child',
      subject: `a child called ${`${search.givenNames} ${search.familyName}`.replace(/\s+/g, ' ')}${search.dateOfBirth ? `, born ${day(search.dateOfBirth)}` : ''}`,
      child: true,
      bornOnGiven: Boolean(search.dateOfBirth),
      rows: cases.map(caseRow),
      total: cases.length,
      exportAction: '/subject-access/child/export',
      hidden: {
        givenNames: search.givenNames,
        familyName: search.familyName,
        ...(search.dateOfBirth
          ? dateValues('dateOfBirth', Temporal.PlainDate.from(search.dateOfBirth))
          : {}),
      },
    });
  });

  app.post('/subject-access/child/export', async (request, reply) => {
    const asked = childSearchOf(request.body);
    if ('problems' in asked) {
      reply.code(400);
      return searchPage(request, reply, { child: asked.problems });
    }
    return sendArchive(reply, await services.exportChildSubject(asked.search, webContext(request)));
  });

  app.post('/subject-access/professional', async (request, reply) => {
    const asked = personOf(request.body);
    if ('problems' in asked) {
      reply.code(400);
      return searchPage(request, reply, { professional: asked.problems });
    }
    return orPersonProblem(request, reply, async () => {
      const { person, cases, total } = await services.findProfessionalSubject(
        asked,
        webContext(request),
      );
      return reply.render('subjectAccess/results.njk', {
        pageTitle: 'Cases found: subject access request',
        heading: `Cases naming ${person.name}`,
        subject: `${person.name} (${person.email})`,
        professional: true,
        rows: cases.map(caseRow),
        total,
        exportAction: '/subject-access/professional/export',
        hidden: { personId: person.id },
      });
    });
  });

  app.post('/subject-access/professional/export', async (request, reply) => {
    const asked = personOf(request.body);
    if ('problems' in asked) {
      reply.code(400);
      return searchPage(request, reply, { professional: asked.problems });
    }
    return orPersonProblem(request, reply, async () =>
      sendArchive(reply, await services.exportProfessionalSubject(asked, webContext(request))),
    );
  });
}
