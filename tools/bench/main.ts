// `npm run bench`: every benchmark, printed as a table and then as one JSON line (for CI history).
// To add one: append an entry to BENCHES.
import { formatPlanBench, runPlanBench } from './plan-bench.js';
import { runAppBench } from './app-bench.js';
import { formatAppBench } from './app-bench-format.js';
import { writeBenchResults } from './write-results.js';
import { formatChecksBench, runChecksBench } from './checks-bench.js';
import { formatCheckboxBench, runCheckboxBench } from './checkbox-bench.js';
import { formatSyncBench, runSyncBench } from './sync-bench.js';

interface Bench {
  name: string;
  run: () => unknown | Promise<unknown>;
  format: (result: any) => string;
}

const BENCHES: Bench[] = [
  { name: 'plan', run: () => runPlanBench(), format: formatPlanBench },
  { name: 'checks', run: () => runChecksBench(), format: formatChecksBench },
  { name: 'checkbox', run: () => runCheckboxBench(), format: formatCheckboxBench },
  { name: 'sync', run: () => runSyncBench(), format: formatSyncBench },
  { name: 'app', run: () => runAppBench(), format: formatAppBench },
];

const only = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const bench of BENCHES.filter((bench) => only.length === 0 || only.includes(bench.name))) {
  const result = await bench.run();
  results[bench.name] = result;
  console.log(`${bench.format(result)}\n`);
}
console.log(`results written to ${writeBenchResults(results)}`);
console.log(JSON.stringify(results));
