// `npm run bench`: every benchmark, one after another. `npm run bench -- --throughput` runs only
// the throughput ratios against a hello-world (bench/throughput.ts); `npm run bench -- --volume`
// instead measures the partnership team's reads at 10 thousand to a million cases
// (bench/volume.ts, on demand: it is not part of the default run).
// `npm run bench -- --crash-drill` kills Accord mid-load and checks nothing acknowledged was lost.
import { runCaseWorkBenchmarks } from './caseWork.ts';
import { runCrashDrill } from './crashDrill.ts';
import { runDueTimeBenchmarks } from './dueTimes.ts';
import { runPreparedStatementBenchmarks } from './preparedStatements.ts';
import { runStartupBenchmarks } from './startup.ts';
import { runThroughputBenchmarks } from './throughput.ts';
import { runVolumeBenchmarks } from './volume.ts';

if (process.argv.includes('--crash-drill')) {
  if (!(await runCrashDrill())) process.exitCode = 1;
} else if (process.argv.includes('--volume')) {
  await runVolumeBenchmarks();
} else if (process.argv.includes('--throughput')) {
  await runThroughputBenchmarks();
} else {
  runDueTimeBenchmarks();
  await runStartupBenchmarks();
  await runCaseWorkBenchmarks();
  await runPreparedStatementBenchmarks();
  await runThroughputBenchmarks();
}
