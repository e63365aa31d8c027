// `npm run bench`: every benchmark, one after another.
import { runDueTimeBenchmarks } from './dueTimes.ts';
import { runStartupBenchmarks } from './startup.ts';

runDueTimeBenchmarks();
await runStartupBenchmarks();
