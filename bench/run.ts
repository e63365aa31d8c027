// `npm run bench`: every benchmark, one after another; `npm run bench -- --volume` instead
// measures the partnership team's reads at 10 thousand to a million cases (bench/volume.ts).
import { runCaseWorkBenchmarks } from './caseWork.ts';
import { runDueTimeBenchmarks } from './dueTimes.ts';
import { runPreparedStatementBenchmarks } from './preparedStatements.ts';
import { runStartupBenchmarks } from './startup.ts';
import { runVolumeBenchmarks } from './volume.ts';

if (process.argv.includes('--volume')) {
  await runVolumeBenchmarks();
} else {
  runDueTimeBenchmarks();
  await runStartupBenchmarks();
  await runCaseWorkBenchmarks();
  await runPreparedStatementBenchmarks();
}
