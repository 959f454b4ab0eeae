/**
 * `npm run test:quick`: every module's tests for day-to-day work, in under 2 minutes on the 2-core
 * machine. Left out are only the slow files, which `npm test` (and CI) still run: each starts real
 * processes, a browser or Redis faults, or grinds through huge or randomized input. PLANBOT_QUICK
 * also skips the few single huge-input tests in otherwise quick files (test/helpers/full-suite.ts).
 */
import base from './jest.config.js';

const SLOW = [
  '<rootDir>/test/e2e/', // the real server (dist/main.js) against the simulator
  '<rootDir>/test/browser/', // headless Chromium
  '<rootDir>/test/redis/(faults|outage|replicas)', // real app processes, Redis killed under them
  '<rootDir>/test/server/shutdown\\.test\\.ts$', // real app processes, signals
  '<rootDir>/test/cli/package\\.test\\.ts$', // npm pack and install
  '<rootDir>/test/cli/issues-dry-run\\.test\\.ts$', // the real app and CLI processes against the simulator
  '<rootDir>/test/bench/app-bench\\.test\\.ts$', // the app benchmark in small
  '<rootDir>/test/sync/convergence\\.test\\.ts$', // seeded randomized rounds against the simulator
  '<rootDir>/test/plan/hostile\\.test\\.ts$', // huge and hostile plans
];

export default {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...SLOW],
  globals: { ...base.globals, PLANBOT_QUICK: true },
};
