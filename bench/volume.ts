// `npm run bench -- --volume` (on demand, never in CI): whether Accord stays flat with volume.
// At 1 thousand, 100 thousand and a million cases in one partnership (the largest with 100
// thousand people in its directory), on SQLite and (with TEST_DATABASE_URL) PostgreSQL: the
// partnership team's API case read and list page, the case page, a practitioner's Waiting for
// you and the header count, each with p50, p95 and the ratio to the smallest size (flat is
// ×1); every statement those requests run, with its plan at the largest size (a whole large
// table read is flagged); and the reminder job's sweep over 100 thousand open stages.
// Requests to every size are interleaved round by round, so the machine's noise falls on all
// of them alike. Options: --sizes 1000,100000 --rounds 20 --people 100000 --sweep-stages
// 100000 (0 leaves the sweep out) --sweep-people 100000 --databases sqlite,postgres
// --probes "API,case page,Waiting" (only the requests whose names start so) --open-cases 20
// (Waiting for you and the header for the practitioner nearest that many open cases, rather
// than the median: the generator gives a million cases to the same few hundred people).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../test/testApp.ts';
import { type Plan, plansOf, shortened, statementRecorder } from './queryPlans.ts';
import { measureReminderSweep } from './reminderSweep.ts';
import { clock, generated, type Kind, type Target } from './volumeDatabases.ts';
import { type Probe, probesFor } from './volumeProbes.ts';

const argument = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const sizes = (argument('sizes') ?? '1000,100000,1000000').split(',').map(Number);
const rounds = Number(argument('rounds') ?? 20);
const people = Number(argument('people') ?? 100_000);
const sweepStages = Number(argument('sweep-stages') ?? 100_000);
const sweepPeople = Number(argument('sweep-people') ?? people);
const kinds = (argument('databases') ?? 'sqlite,postgres').split(',') as Kind[];
/** Only the requests named (comma-separated, by the start of their names); all when not given. */
const only = argument('probes')?.split(',');
/** Waiting for you and the header for the practitioner with nearest this many open cases. */
const openCases = argument('open-cases') === undefined ? undefined : Number(argument('open-cases'));
const chosen = (probe: Probe) => !only || only.some((name) => probe.name.startsWith(name));

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

type Sized = { target: Target; app: FastifyInstance; probes: Probe[]; record: Recorder };
type Recorder = ReturnType<typeof statementRecorder>;

async function prepared(kind: Kind, cases: number, largest: boolean): Promise<Sized | undefined> {
  const target = await generated(kind, { cases, people: largest ? people : 0 });
  if (!target) return undefined;
  const record = statementRecorder(target.database);
  const app = await buildTestApp({ database: record.database, clock });
  const probes = await probesFor(target, app, openCases === undefined ? {} : { openCases });
  return { target, app, probes: probes.filter(chosen), record };
}

async function timed(measured: readonly Sized[]): Promise<Map<string, number[]>[]> {
  const times = measured.map(() => new Map<string, number[]>());
  // Warm each up once, then interleave: each round asks every size every question.
  for (const { probes } of measured) for (const probe of probes) await probe.request();
  for (let round = 0; round < rounds; round++) {
    for (const [i, { probes }] of measured.entries()) {
      for (const probe of probes) {
        if (probe.every && round % probe.every !== 0) continue;
        const started = performance.now();
        await probe.request();
        const samples = times[i]?.get(probe.name) ?? [];
        samples.push(performance.now() - started);
        times[i]?.set(probe.name, samples);
      }
    }
  }
  return times;
}

function printFigures(kind: Kind, measured: readonly Sized[], times: Map<string, number[]>[]) {
  const smallest = times[0] as Map<string, number[]>;
  const base = measured[0]?.target.shape.cases;
  for (const [i, { target }] of measured.entries()) {
    const at = times[i] as Map<string, number[]>;
    const peopleNote = target.shape.people ? `, ${target.shape.people} people` : '';
    console.log(`[${kind}] ${target.shape.cases} cases${peopleNote}:`);
    for (const [name, samples] of at) {
      const p50 = percentile(samples, 50);
      const p95 = percentile(samples, 95);
      const ratio = p50 / percentile(smallest.get(name) ?? [], 50);
      console.log(
        `  ${name.padEnd(22)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  ×${ratio.toFixed(2)} of ${base}`,
      );
    }
  }
}

function printPlans(kind: Kind, name: string, plans: readonly Plan[], report: string[]) {
  const scans = plans.filter((plan) => plan.fullScans.length > 0);
  console.log(
    `  ${name}: ${plans.length} statements planned, ${scans.length === 0 ? 'every one by index' : `${scans.length} read a whole table`}`,
  );
  for (const plan of scans) {
    console.log(`    FULL SCAN of ${plan.fullScans.join(', ')}: ${shortened(plan.statement)}`);
  }
  report.push(`## [${kind}] ${name}`);
  for (const plan of plans) {
    report.push(`- ${shortened(plan.statement, 400)}`, ...plan.plan.map((line) => `    ${line}`));
  }
}

async function measureKind(kind: Kind): Promise<void> {
  const measured: Sized[] = [];
  const largest = Math.max(...sizes);
  for (const cases of sizes) {
    const sized = await prepared(kind, cases, cases === largest && sizes.length > 1);
    if (sized) measured.push(sized);
  }
  if (measured.length === 0) return;
  try {
    printFigures(kind, measured, await timed(measured));
    const top = measured.at(-1) as Sized;
    console.log(`[${kind}] plans at ${top.target.shape.cases} cases:`);
    const report: string[] = [];
    for (const probe of top.probes) {
      const statements = await top.record.during(probe.request);
      printPlans(kind, probe.name, await plansOf(top.target.database, statements), report);
    }
    if (sweepStages > 0) {
      const sweep = await measureReminderSweep(kind, {
        stages: sweepStages,
        people: sweepPeople,
      });
      if (sweep) {
        console.log(
          `[${kind}] reminder sweep over ${sweep.openStages} open stages, ${sweepPeople} people: ${sweep.sweeps
            .map(
              (s) =>
                `${s.seconds.toFixed(2)} s (${s.checked} cases looked at, ${s.queued} queued, ${s.failed} failed)`,
            )
            .join('; then ')}`,
        );
        printPlans(kind, 'reminder sweep', sweep.plans, report);
      }
    }
    const file = path.join(import.meta.dirname, '.volume', `plans-${kind}.md`);
    writeFileSync(file, `${report.join('\n')}\n`);
    console.log(`[${kind}] every plan in full: ${path.relative(process.cwd(), file)}`);
  } finally {
    await Promise.all(measured.map(({ app }) => app.close()));
    await Promise.all(measured.map(({ target }) => target.database.close()));
  }
}

export async function runVolumeBenchmarks(): Promise<void> {
  for (const kind of kinds) await measureKind(kind);
}

if (import.meta.main) await runVolumeBenchmarks();
