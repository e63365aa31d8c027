import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import {
  type LessonCursor,
  type LessonRow,
  lessonsRepository,
} from '../db/repositories/lessonsRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import type { LessonStatus } from '../domain/vocabulary.ts';
import { calendarOf } from './caseRules.ts';
import type { Cell, CsvFile } from './exportCases.ts';
import { spreadsheetTime } from './exportCases.ts';
import { ownPartnershipTeam } from './partnershipTeamOnly.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

type Deps = { database: Database; clock: Clock };

export type LearningLogQuery = {
  theme?: string | undefined;
  agencyId?: string | undefined;
  status?: LessonStatus | undefined;
  subgroup?: string | undefined;
  /** Lessons of cases in this local authority. */
  localAuthorityId?: string | undefined;
  /** Days in the partnership's calendar, both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Lessons of cases closed in these days, both included (the dashboard's lessons by theme). */
  closedFrom?: string | undefined;
  closedTo?: string | undefined;
};

export type LoggedLesson = LessonRow & {
  /** What the lesson says, from its case. */
  text: string;
  /** Its case was purged under the retention policy: no note can be kept with it. */
  casePurged: boolean;
};

const PAGE = 50;

async function filterOf(deps: Deps, query: LearningLogQuery, partnershipId: string) {
  const partnership = await partnershipRepository(deps.database.db).get(partnershipId);
  if (!partnership) throw new NotFound('There is no such partnership');
  const calendar = calendarOf(partnership);
  if (query.from && query.to && query.from > query.to) {
    throw new Invalid('The dates are the wrong way round', [
      { path: 'from', message: 'must be on or before the date it runs to' },
    ]);
  }
  const start = (date: string) =>
    isoInstant(Temporal.PlainDate.from(date).toZonedDateTime(calendar.timeZone).toInstant());
  const span = (from?: string, to?: string) => ({
    from: from ? start(from) : undefined,
    before: to ? start(Temporal.PlainDate.from(to).add({ days: 1 }).toString()) : undefined,
  });
  return {
    calendar,
    filter: {
      partnershipId,
      theme: query.theme,
      agencyId: query.agencyId,
      status: query.status,
      subgroup: query.subgroup,
      localAuthorityId: query.localAuthorityId,
      recorded: span(query.from, query.to),
      closed: span(query.closedFrom, query.closedTo),
    },
  };
}

const encode = (lesson: LessonCursor) =>
  Buffer.from(`${lesson.recordedAt}|${lesson.disagreementId}|${lesson.position}`).toString(
    'base64url',
  );

const decode = (cursor: string): LessonCursor => {
  const [recordedAt, disagreementId, position] = Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .split('|');
  if (!recordedAt || !disagreementId || !position || !/^\d+$/.test(position)) {
    throw new Invalid('The cursor is not one this service gave', [
      { path: 'cursor', message: 'Use the link to the next page' },
    ]);
  }
  return { recordedAt, disagreementId, position: Number(position) };
};

/**
 * The partnership's learning log (product.md 7): every lesson of its cases, newest first, with
 * its themes, the subgroup it goes to and what the subgroup did with it. The partnership team's
 * only; the lessons' words are read from their cases, each case's read audited.
 */
export async function learningLog(
  deps: Deps,
  request: LearningLogQuery & { cursor?: string | undefined; lessonId?: string | undefined },
  context: RequestContext,
): Promise<{
  lessons: LoggedLesson[];
  subgroups: string[];
  nextCursor: string | null;
  /** The partnership's, for the days and times the log shows. */
  timeZone: string;
}> {
  const { partnershipId } = ownPartnershipTeam(
    context.actor,
    'Only the partnership team can see the learning log',
  );
  const { filter, calendar } = await filterOf(deps, request, partnershipId);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const lessons = lessonsRepository(trx);
    const found = await lessons.list(
      { ...filter, id: request.lessonId },
      {
        limit: PAGE + 1,
        after: request.cursor ? decode(request.cursor) : undefined,
      },
    );
    const page = found.slice(0, PAGE);
    const cases = disagreementRepository(trx);
    const texts = new Map<string, string>();
    const purgedCases = new Set<string>();
    const caseIds = [...new Set(page.map((lesson) => lesson.disagreementId))];
    for (const id of caseIds) {
      const disagreement = await cases.get(id);
      for (const lesson of disagreement?.lessons ?? []) texts.set(lesson.id, lesson.text);
      if (disagreement?.purgedAt) purgedCases.add(id);
    }
    await auditRepository(trx).appendMany(
      caseIds.map((id) =>
        auditFacts(context, now, 'disagreement.lessons-read', {
          type: 'disagreement',
          id,
          partnershipId,
        }),
      ),
    );
    const last = page.at(-1);
    return {
      lessons: page.map((lesson) => ({
        ...lesson,
        text: texts.get(lesson.id) ?? '',
        casePurged: purgedCases.has(lesson.disagreementId),
      })),
      subgroups: await lessons.subgroups(partnershipId),
      nextCursor: found.length > PAGE && last ? encode(last) : null,
      timeZone: calendar.timeZone,
    };
  });
}

/** What the subgroup did with a lesson: considered or actioned (or new again), with a note. */
export async function recordLessonStatus(
  deps: Deps,
  request: { lessonId: string; status: LessonStatus; note: string },
  context: RequestContext,
): Promise<void> {
  const { actor, partnershipId } = ownPartnershipTeam(
    context.actor,
    'Only the partnership team records what was done with a lesson',
  );
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    const lessons = lessonsRepository(trx);
    const lesson = await lessons.get(request.lessonId);
    if (!lesson || lesson.partnershipId !== partnershipId) {
      throw new NotFound('There is no such lesson');
    }
    const note = request.note.trim() || null;
    if (note !== null && lesson.casePurged) {
      throw new Invalid('The case’s details were removed', [
        {
          path: 'note',
          message:
            'Remove the note: this lesson’s case was purged under the retention policy, so no note can be kept with it',
        },
      ]);
    }
    await lessons.recordStatus(lesson.id, {
      status: request.status,
      note,
      by: actor.personId,
      at: isoInstant(now),
    });
    await auditRepository(trx).append(
      auditFacts(context, now, `lesson.${request.status}`, {
        type: 'lesson',
        id: lesson.id,
        partnershipId: lesson.partnershipId,
      }),
    );
  });
}

/** The learning log as CSV: no lesson's words and no note (free text), only what they are about. */
export async function learningLogCsv(
  deps: Deps,
  query: LearningLogQuery,
  context: RequestContext,
): Promise<CsvFile> {
  const { partnershipId } = ownPartnershipTeam(
    context.actor,
    'Only the partnership team can download the learning log',
  );
  const { filter, calendar } = await filterOf(deps, query, partnershipId);
  const now = deps.clock.now();
  const db = deps.database.db;
  const known = new Map<string, string>([
    ...(await organisationRepository(db).agencies(partnershipId)).map(
      (a) => [a.id, a.name] as const,
    ),
    ...(await peopleRepository(db).inPartnership(partnershipId)).map(
      (p) => [p.id, p.name] as const,
    ),
  ]);
  const names = (id: string) => known.get(id) ?? id;
  const rows: Cell[][] = [];
  for (let after: LessonCursor | undefined; ; ) {
    const found = await lessonsRepository(db).list(filter, { limit: 1000, after });
    await auditRepository(db).appendMany(
      [...new Set(found.map((lesson) => lesson.disagreementId))].map((id) =>
        auditFacts(context, now, 'disagreement.exported', {
          type: 'disagreement',
          id,
          partnershipId,
        }),
      ),
    );
    for (const lesson of found) {
      rows.push([
        lesson.reference,
        spreadsheetTime(lesson.recordedAt, calendar),
        lesson.themes.join('; '),
        lesson.subgroups.join('; '),
        lesson.source,
        names(lesson.raisingAgencyId),
        lesson.otherAgencyIds.map(names).join('; '),
        lesson.status,
        lesson.statusBy ? names(lesson.statusBy) : null,
        spreadsheetTime(lesson.statusAt, calendar),
      ]);
    }
    const last = found.at(-1);
    if (!last || found.length < 1000) break;
    after = last;
  }
  return {
    filename: `learning-log-${calendar.localDate(now)}.csv`,
    columns: [
      'reference',
      'recorded (local time)',
      'themes',
      'subgroups',
      'source',
      'raising agency',
      'other agencies',
      'status',
      'status by',
      'status recorded (local time)',
    ],
    rows,
  };
}
