import { auditRepository } from '../db/repositories/auditRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import type { CalendarRegion } from '../domain/calendar/bankHolidays.ts';
import { closureDateProblem } from '../domain/calendar/closureDays.ts';
import { workingTimeChanged } from '../domain/calendar/describeWorkingTimeChange.ts';
import { Invalid, NotFound } from '../domain/errors.ts';
import { type Deps, inTransaction, teamOf } from './directoryTransaction.ts';
import { reprojectOpenCases } from './reprojectOpenCases.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// The partnership's working time on the directory's pages: its calendar, working hours and
// days, and closure days. Open stages follow a change (re-projected, each case saying why);
// a save that changes nothing that moves a due time touches no case.

/**
 * A day the partnership does not work. Due times of open stages are re-projected when cases
 * exist (the disagreement lifecycle); the change itself is recorded here.
 */
export async function addClosureDay(
  deps: Deps,
  input: { date: string; name: string },
  context: RequestContext,
): Promise<void> {
  return inTransaction(
    deps,
    context,
    'closure-day.added',
    'partnership',
    async (trx, partnershipId) => {
      const partnerships = partnershipRepository(trx);
      const partnership = await partnerships.get(partnershipId);
      if (!partnership) throw new NotFound('There is no such partnership');
      const today = deps.clock.now().toZonedDateTimeISO(partnership.workingTime.timeZone);
      const date = /^\d{4}-\d{2}-\d{2}$/.test(input.date)
        ? Temporal.PlainDate.from(input.date)
        : undefined;
      const outside = date
        ? closureDateProblem(date, today.toPlainDate())
        : 'Enter a real date, like 24 12 2026';
      if (outside) throw new Invalid(outside, [{ path: 'date', message: outside }]);
      if (partnership.workingTime.closureDays?.some((day) => day.date === input.date)) {
        throw new Invalid('That day is already a closure day', [
          { path: 'date', message: 'That day is already a closure day' },
        ]);
      }
      await partnerships.addClosureDay(partnershipId, input);
      await reprojectOpenCases(trx, deps, partnershipId, partnership.workingTime, context);
      return { id: partnershipId, result: undefined };
    },
  );
}

/**
 * A closure day taken away again: the day is a working day once more, open stages are due
 * again (each case saying why), and the removal is audited. 404 for a day that is not one.
 */
export async function removeClosureDay(
  deps: Deps,
  input: { date: string },
  context: RequestContext,
): Promise<void> {
  return inTransaction(
    deps,
    context,
    'closure-day.removed',
    'partnership',
    async (trx, partnershipId) => {
      const partnerships = partnershipRepository(trx);
      const before = (await partnerships.get(partnershipId))?.workingTime;
      if (!before || !(await partnerships.removeClosureDay(partnershipId, input.date))) {
        throw new NotFound('There is no such closure day');
      }
      await reprojectOpenCases(trx, deps, partnershipId, before, context);
      return { id: partnershipId, result: undefined };
    },
  );
}

/** The partnership's bank-holiday calendar, working hours and days; open stages follow them (re-projected, each case saying why). */
export async function setWorkingTime(
  deps: Deps,
  input: {
    region: CalendarRegion;
    workingHours: { start: string; end: string };
    /** ISO weekdays (1 is Monday) that are working days; unchanged when not given. */
    workingWeekdays?: readonly number[] | undefined;
    reminderWorkingDays?: number | undefined;
  },
  context: RequestContext,
): Promise<void> {
  if (input.workingHours.end <= input.workingHours.start) {
    throw new Invalid('The working day must end after it starts', [
      { path: 'end', message: 'The working day must end after it starts' },
    ]);
  }
  const days = input.workingWeekdays;
  if (
    days &&
    (days.length === 0 ||
      days.some((day) => !Number.isInteger(day) || day < 1 || day > 7) ||
      new Set(days).size !== days.length)
  ) {
    throw new Invalid('Select at least one working day', [
      { path: 'weekdays', message: 'Select at least one working day' },
    ]);
  }
  const { partnershipId } = teamOf(context);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const partnerships = partnershipRepository(trx);
    const before = await partnerships.get(partnershipId);
    if (!before) throw new NotFound('There is no such partnership');
    await partnerships.setWorkingTime(partnershipId, input);
    const after = await partnerships.get(partnershipId);
    if (!after) throw new NotFound('There is no such partnership');
    // Saved with nothing that moves a due time: no case is touched, and only a change of the
    // reminder is audited, as itself.
    const action = workingTimeChanged(before.workingTime, after.workingTime)
      ? 'working-time.changed'
      : before.reminderWorkingDays !== after.reminderWorkingDays
        ? 'reminder-days.changed'
        : undefined;
    if (!action) return;
    await auditRepository(trx).append(
      auditFacts(context, now, action, { type: 'partnership', id: partnershipId, partnershipId }),
    );
    if (action === 'working-time.changed') {
      await reprojectOpenCases(trx, deps, partnershipId, before.workingTime, context);
    }
  });
}
