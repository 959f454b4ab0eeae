// Import first, then load the app with `await import(...)`: the issue sync also handles
// pull_request events, and its requests are asserted in test/sync/. Here it is a no-op, so each
// request list below is exactly what the checks cost.
import { jest } from '@jest/globals';

jest.unstable_mockModule('../../src/sync/handle.js', () => ({
  onPullRequest: async () => undefined,
  onPush: async () => undefined,
}));
