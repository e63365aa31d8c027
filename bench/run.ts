// `npm run bench`: every benchmark, one after another.
import { runCaseWorkBenchmarks } from './caseWork.ts';
import { runDueTimeBenchmarks } from './dueTimes.ts';
import { runStartupBenchmarks } from './startup.ts';

runDueTimeBenchmarks();
await runStartupBenchmarks();
await runCaseWorkBenchmarks();
