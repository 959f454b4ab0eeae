// Jest runs many test files in one worker process, each with its own module registry, so each
// file loads its own nock, and every nock patches Node's http stack. A file that left its nock
// active (net connect disabled) would intercept the next file's loopback requests. Each file
// restores its nock when it ends.
import { afterAll } from '@jest/globals';
import nock from 'nock';

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
