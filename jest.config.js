/** Jest runs the TypeScript sources through ts-jest in ESM mode (Probot 14 is ESM-only). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  testTimeout: 30000,
  // Two workers on the 2-core machine: the slowest files (real app processes, Redis faults, the
  // browser) mostly wait, so a second worker overlaps them with the CPU-bound engine tests.
  maxWorkers: 2,
  setupFilesAfterEnv: ['<rootDir>/test/helpers/nock-isolation.ts'],
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.cjs'],
};
