import { bankHolidays } from '../calendar/bankHolidays.ts';
import { formatDate, formatInstant, listInWords } from '../calendar/formatting.ts';
import {
  type WorkingCalendar,
  type WorkingTimeSettings,
  workingCalendarFor,
} from '../calendar/workingCalendar.ts';
import { type StageStart, stageDue } from '../disagreement/deadlines.ts';
import { GENERAL_PATHWAY } from '../vocabulary.ts';
import { ladderFor } from './ladder.ts';
import type { Protocol, Timescale } from './protocolSchema.ts';
import { timescaleInWords as ladderTimescaleInWords } from './timescaleWords.ts';

/** One stage of a worked example: when it starts, when it is due, and what was not counted. */
export type WorkedStage = {
  key: string;
  label: string;
  startsAt: Temporal.Instant;
  /**
   * As a ladder shows it (timescaleWords.ts): its own and the limits over it ("5 working days,
   * and within 15 working days of raising"), "No set timescale" only when nothing sets one.
   */
  timescale: string;
  dueAt: Temporal.Instant | null;
  /** "5pm on Friday 2 January 2026", or null when nothing sets a due time. */
  due: string | null;
  /** stageDue's explanation: the limit that sets the due time, in words. */
  explanation: string;
  /** Every due time considered (its own timescale, each limit once), in words. */
  parts: string[];
  /** The days between its start and its due time that were not counted, in words; '' if none. */
  skipped: string;
};

export type WorkedExample = {
  raisedAt: string;
  pathwayName: string;
  urgent: boolean;
  stages: WorkedStage[];
};

export function timescaleInWords(timescale: Timescale): string {
  if (timescale.unit === 'none' || timescale.amount === undefined) return 'no set timescale';
  const amount = timescale.amount;
  const unit =
    timescale.unit === 'workingDays'
      ? `working day${amount === 1 ? '' : 's'}`
      : `hour${amount === 1 ? '' : 's'}`;
  return `${amount} ${unit}${timescale.describes ? ` (${timescale.describes})` : ''}`;
}

/**
 * A case raised at `raisedAt` walked up a pathway's ladder, each stage assumed to start when
 * the one before falls due (or with it, when the one before has no due time): every stage's due time by deadlines.ts's stageDue (its own
 * timescale, the protocol's caps, the pathway's, and the urgent route's when urgent), in the
 * working calendar the protocol sets with the partnership's closure days.
 */
export function workedExample(
  protocol: Protocol,
  workingTime: WorkingTimeSettings,
  input: { raisedAt: Temporal.Instant; pathwayId?: string; urgent: boolean },
): WorkedExample {
  const pathwayId =
    (input.urgent ? protocol.urgent.pathway : undefined) ?? input.pathwayId ?? GENERAL_PATHWAY;
  const ladder = ladderFor(protocol, pathwayId);
  const calendar = workingCalendarFor(workingTime);
  const stages: WorkedStage[] = [];
  const started: StageStart[] = [];
  let startsAt = input.raisedAt;
  for (const stage of ladder.stages) {
    started.push({ key: stage.key, startedAt: startsAt });
    const due = stageDue(
      // stageDue adds the pathway's limits, and the urgent route's when urgent (capsCovering).
      {
        protocol,
        ladder,
        raisedAt: input.raisedAt,
        urgent: input.urgent,
        stages: started,
        calendar,
      },
      stage.key,
      startsAt,
    );
    // A table cell's first word: "Stage 1: Practitioners talk".
    const word = protocol.terms.stage.charAt(0).toUpperCase() + protocol.terms.stage.slice(1);
    const label = stage.number ? `${word} ${stage.number}: ${stage.name}` : stage.name;
    stages.push({
      key: stage.key,
      label,
      startsAt,
      timescale: ladderTimescaleInWords(protocol, ladder, stage, { urgent: input.urgent }),
      dueAt: due.dueAt,
      due: due.dueAt ? formatInstant(due.dueAt, calendar.timeZone) : null,
      explanation: due.explanation,
      parts: due.parts.map((part) => part.text),
      skipped: due.dueAt ? notCounted(calendar, startsAt, due.dueAt) : '',
    });
    // A stage with no due time is assumed to be escalated at once: the next starts with it.
    if (due.dueAt) startsAt = due.dueAt;
  }
  return {
    raisedAt: formatInstant(input.raisedAt, calendar.timeZone),
    pathwayName: pathwayId === GENERAL_PATHWAY ? 'the main ladder' : ladder.pathwayName,
    urgent: input.urgent,
    stages,
  };
}

/**
 * The days after the start's date up to the due date that are not working days: bank
 * holidays and closure days by date and name, weekends briefly.
 */
export function notCounted(
  calendar: WorkingCalendar,
  from: Temporal.Instant,
  to: Temporal.Instant,
): string {
  const start = calendar.localDate(from);
  const end = calendar.localDate(to);
  const bank = bankHolidays(calendar.settings.region);
  const closures = new Set((calendar.settings.closureDays ?? []).map((day) => day.date));
  const holidays: string[] = [];
  const closed: string[] = [];
  let weekendDays = 0;
  for (
    let day = start.add({ days: 1 });
    Temporal.PlainDate.compare(day, end) <= 0;
    day = day.add({ days: 1 })
  ) {
    if (calendar.isWorkingDay(day)) continue;
    const name = calendar.holidayOn(day);
    const weekday = (calendar.settings.workingWeekdays ?? [1, 2, 3, 4, 5]).includes(day.dayOfWeek);
    if (!weekday) weekendDays++;
    else if (closures.has(day.toString()) && !bank.has(day.toString()))
      closed.push(`${formatDate(day)} (${name})`);
    else if (name) holidays.push(`${formatDate(day)} (${name})`);
  }
  const parts = [
    holidays.length > 0
      ? `${listInWords(holidays)} ${holidays.length === 1 ? 'is a bank holiday' : 'are bank holidays'}`
      : '',
    closed.length > 0
      ? `${listInWords(closed)} ${closed.length === 1 ? 'is a closure day' : 'are closure days'}`
      : '',
    weekendDays > 0 ? `${weekendDays} weekend day${weekendDays === 1 ? '' : 's'} not counted` : '',
  ].filter((part) => part !== '');
  return parts.join('; ');
}
