// Due-time computations per second for spans of 1 to 15 working days: the engine's indexed
// count against a plain day-by-day loop over the same calendar, measured in the same run.
import { afterWorkingDays } from '../src/domain/calendar/dueTime.ts';
import {
  type WorkingCalendar,
  workingCalendarFor,
} from '../src/domain/calendar/workingCalendar.ts';

const calendar = workingCalendarFor({
  region: 'england-and-wales',
  timeZone: 'Europe/London',
  workingHours: { start: '09:00', end: '17:00' },
  closureDays: [{ date: '2026-12-24', name: 'Closure day' }],
});

// Fixed pseudo-random start instants from 2015 to 2040, the same for every method.
function startInstants(count: number): Temporal.Instant[] {
  const first = Temporal.Instant.from('2015-01-01T00:00:00Z').epochMilliseconds;
  const span = Temporal.Instant.from('2040-12-01T00:00:00Z').epochMilliseconds - first;
  let seed = 20261124;
  return Array.from({ length: count }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Temporal.Instant.fromEpochMilliseconds(first + Math.floor((seed / 2 ** 31) * span));
  });
}

type Method = (calendar: WorkingCalendar, start: Temporal.Instant, days: number) => unknown;

const methods: Record<string, Method> = {
  'engine (indexed)': (c, start, days) =>
    c.endOfWorkingDay(c.nthWorkingDayAfter(c.localDate(start), days)),
  'day-by-day loop': (c, start, days) =>
    c.endOfWorkingDay(c.nthWorkingDayAfterByLoop(c.localDate(start), days)),
  'engine with explanation': (c, start, days) => afterWorkingDays(c, start, days),
};

function perSecond(method: Method, starts: Temporal.Instant[], spans: number[]): number {
  for (let i = 0; i < 2000; i++)
    method(calendar, starts[i % starts.length] as Temporal.Instant, spans[i % spans.length] ?? 1);
  const began = performance.now();
  let count = 0;
  while (performance.now() - began < 1000) {
    for (let i = 0; i < 1000; i++, count++) {
      method(
        calendar,
        starts[count % starts.length] as Temporal.Instant,
        spans[count % spans.length] ?? 1,
      );
    }
  }
  return count / ((performance.now() - began) / 1000);
}

export function runDueTimeBenchmarks(): void {
  const starts = startInstants(10_000);
  const spanSets: [string, number[]][] = [
    ['1 working day', [1]],
    ['5 working days', [5]],
    ['10 working days', [10]],
    ['15 working days', [15]],
    ['1 to 15 mixed', Array.from({ length: 15 }, (_, i) => i + 1)],
  ];
  console.log(
    'due-time computations per second (England and Wales, one closure day, 2015 to 2040):',
  );
  for (const [label, spans] of spanSets) {
    const rates = Object.fromEntries(
      Object.entries(methods).map(([name, method]) => [name, perSecond(method, starts, spans)]),
    );
    const engine = rates['engine (indexed)'] ?? 0;
    const loop = rates['day-by-day loop'] ?? 1;
    const explained = rates['engine with explanation'] ?? 0;
    console.log(
      `  ${label.padEnd(16)} engine ${Math.round(engine).toLocaleString('en-GB').padStart(9)}/s, loop ${Math.round(loop).toLocaleString('en-GB').padStart(9)}/s, ratio ${(engine / loop).toFixed(1)}x; with explanation ${Math.round(explained).toLocaleString('en-GB')}/s`,
    );
  }
}
