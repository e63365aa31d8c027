import { OutsideCalendar, type WorkingCalendar } from '../calendar/workingCalendar.ts';
import type { CaseStage, Disagreement } from '../disagreement/caseDocument.ts';

/**
 * What a case counts for in the partnership's reports (api.md, "Reports"), as facts dated in the
 * partnership's calendar: each is one count of a measure on a day, under up to two keys. The
 * summary adds facts up by period (reportCounts.ts keeps the sums), so every figure of the
 * dashboard is a sum of these, and a plain count over the cases must give the same.
 */
export const reportMeasures = [
  /** Raised that day, by the raising agency (key1): the cases raised, each once. */
  'raised-by-agency',
  /** Raised that day, by category (key1). */
  'raised-by-category',
  /** Raised that day, for each other agency (key2) with the raising agency (key1). */
  'raised-pair',
  /** Became resolved that day, at a stage (key1). */
  'resolved',
  /** Was withdrawn that day, at a stage (key1). */
  'withdrawn',
  /** Was closed that day. */
  'closed',
  /** Became resolved that day, so many working days (key1) after it was raised. */
  'resolve-days',
  /** A stage (key1) ended that day, within its timescale or late (key2). */
  'stage-ended',
  /** A lesson of a case closed that day. */
  'lesson',
  /** A lesson of a case closed that day, once for each of its themes (key1). */
  'lesson-theme',
] as const;
export type ReportMeasure = (typeof reportMeasures)[number];

export type CaseFact = {
  measure: ReportMeasure;
  /** The day in the partnership's calendar, YYYY-MM-DD. */
  date: string;
  /** The case's local authority, or "" for none. */
  localAuthorityId: string;
  key1: string;
  key2: string;
};

export const WITHIN_TIMESCALE = 'within';
export const LATE = 'late';

/** How a case ended, for its index columns and its facts. */
export type CaseEnding = {
  /** When it became resolved or was withdrawn; null while open. */
  endedAt: string | null;
  /** The stage in force when it was resolved or withdrawn. */
  stageReached: string | null;
  /** Working days from raising to resolution; null unless resolved (or later closed). */
  workingDaysToResolve: number | null;
};

const instant = (iso: string) => Temporal.Instant.from(iso);

export function caseEnding(disagreement: Disagreement, calendar: WorkingCalendar): CaseEnding {
  const ending = disagreement.stages.find(
    (stage) => stage.outcome === 'resolved' || stage.outcome === 'withdrawn',
  );
  if (!ending) return { endedAt: null, stageReached: null, workingDaysToResolve: null };
  const resolvedAt = disagreement.resolvedAt;
  return {
    endedAt: resolvedAt ?? ending.endedAt,
    stageReached: ending.key,
    workingDaysToResolve: resolvedAt
      ? workingDaysFrom(disagreement.raisedAt, resolvedAt, calendar)
      : null,
  };
}

function workingDaysFrom(from: string, to: string, calendar: WorkingCalendar): number | null {
  try {
    return calendar.workingDaysBetween(
      calendar.localDate(instant(from)),
      calendar.localDate(instant(to)),
    );
  } catch (error) {
    if (error instanceof OutsideCalendar) return null;
    throw error;
  }
}

/** Whether a stage that has ended did so by its due time (a stage with none always has). */
export function endedWithinTimescale(stage: CaseStage): boolean | null {
  if (!stage.endedAt) return null;
  return (
    stage.dueAt === null ||
    Temporal.Instant.compare(instant(stage.endedAt), instant(stage.dueAt)) <= 0
  );
}

export function caseFacts(disagreement: Disagreement, calendar: WorkingCalendar): CaseFact[] {
  const localAuthorityId = disagreement.localAuthorityId ?? '';
  const day = (at: string) => calendar.localDate(instant(at)).toString();
  const facts: CaseFact[] = [];
  const add = (measure: ReportMeasure, at: string, key1 = '', key2 = '') => {
    facts.push({ measure, date: day(at), localAuthorityId, key1, key2 });
  };

  const raiser = disagreement.raiserAgencyId;
  add('raised-by-agency', disagreement.raisedAt, raiser);
  add('raised-by-category', disagreement.raisedAt, disagreement.category);
  for (const other of disagreement.otherAgencyIds)
    add('raised-pair', disagreement.raisedAt, raiser, other);

  const ending = caseEnding(disagreement, calendar);
  if (ending.endedAt && ending.stageReached) {
    if (disagreement.resolvedAt) {
      add('resolved', disagreement.resolvedAt, ending.stageReached);
      if (ending.workingDaysToResolve !== null) {
        add('resolve-days', disagreement.resolvedAt, String(ending.workingDaysToResolve));
      }
    } else {
      add('withdrawn', ending.endedAt, ending.stageReached);
    }
  }
  for (const stage of disagreement.stages) {
    if (!stage.endedAt) continue;
    add(
      'stage-ended',
      stage.endedAt,
      stage.key,
      endedWithinTimescale(stage) ? WITHIN_TIMESCALE : LATE,
    );
  }
  if (disagreement.closedAt) {
    add('closed', disagreement.closedAt);
    for (const lesson of disagreement.lessons) {
      add('lesson', disagreement.closedAt);
      for (const theme of lesson.themes) add('lesson-theme', disagreement.closedAt, theme);
    }
  }
  return facts;
}

/** Facts as a case's row keeps them, to count the difference when it next changes. */
export type StoredFacts = [ReportMeasure, string, string, string, string][];

export function storedFacts(facts: readonly CaseFact[]): StoredFacts {
  return facts.map((fact) => [
    fact.measure,
    fact.date,
    fact.localAuthorityId,
    fact.key1,
    fact.key2,
  ]);
}

export function factsFromStored(stored: StoredFacts): CaseFact[] {
  return stored.map(([measure, date, localAuthorityId, key1, key2]) => ({
    measure,
    date,
    localAuthorityId,
    key1,
    key2,
  }));
}

/** What changed between the facts a case counted for and those it counts for now. */
export function factChanges(
  before: readonly CaseFact[],
  after: readonly CaseFact[],
): { fact: CaseFact; by: number }[] {
  const changes = new Map<string, { fact: CaseFact; by: number }>();
  const count = (fact: CaseFact, by: number) => {
    const key = JSON.stringify(storedFacts([fact])[0]);
    const change = changes.get(key) ?? { fact, by: 0 };
    change.by += by;
    changes.set(key, change);
  };
  for (const fact of before) count(fact, -1);
  for (const fact of after) count(fact, 1);
  return [...changes.values()].filter((change) => change.by !== 0);
}
