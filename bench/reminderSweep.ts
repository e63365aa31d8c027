// The reminder job's sweep at volume: a partnership with `stages` open cases (each at an open
// stage, raised over the last weeks, so many are due or overdue), and a directory of `people`.
// The first sweep queues every message due; the next (a minute later, as the scheduler runs
// it) finds them queued already. Both must finish well inside the job's minute (under 10 s).
import { remindDeadlines } from '../src/services/remindDeadlines.ts';
import { plansOf, type StatementRecorder, statementRecorder } from './queryPlans.ts';
import { clock, generated, type Kind } from './volumeDatabases.ts';

export type SweepResult = {
  kind: Kind;
  openStages: number;
  sweeps: { seconds: number; checked: number; queued: number; failed: number }[];
  plans: Awaited<ReturnType<typeof plansOf>>;
};

export async function measureReminderSweep(
  kind: Kind,
  shape: { stages: number; people: number },
): Promise<SweepResult | undefined> {
  const target = await generated(kind, { cases: shape.stages, people: shape.people, open: true });
  if (!target) return undefined;
  try {
    const openStages = Number(
      (
        await target.database.db
          .selectFrom('disagreements')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'open')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const recorder: StatementRecorder = statementRecorder(target.database);
    const deps = { database: recorder.database, clock, baseUrl: 'https://accord.example.org' };
    const sweeps: SweepResult['sweeps'] = [];
    let statements: Awaited<ReturnType<StatementRecorder['during']>> = [];
    for (const _ of [1, 2]) {
      const started = performance.now();
      let outcome: Awaited<ReturnType<typeof remindDeadlines>> = {
        queued: 0,
        checked: 0,
        failed: [],
      };
      statements = await recorder.during(async () => {
        outcome = await remindDeadlines(deps);
      });
      sweeps.push({
        seconds: (performance.now() - started) / 1000,
        checked: outcome.checked,
        queued: outcome.queued,
        failed: outcome.failed.length,
      });
    }
    return { kind, openStages, sweeps, plans: await plansOf(target.database, statements) };
  } finally {
    await target.database.close();
  }
}
