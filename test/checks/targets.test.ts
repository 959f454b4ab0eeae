import { describe, expect, it } from '@jest/globals';
import { isMergeQueueBranch, mergeQueuePullNumber } from '../../src/checks/targets.js';

const SHA = '929f8209d40f77f4abc622a499c93a83babdbe64';

describe('merge queue branches', () => {
  it('read the pull request number from GitHub’s queue branch, full ref or short', () => {
    expect(mergeQueuePullNumber(`refs/heads/gh-readonly-queue/main/pr-104-${SHA}`)).toBe(104);
    expect(mergeQueuePullNumber(`gh-readonly-queue/release/2.x/pr-7-${SHA}`)).toBe(7);
    expect(isMergeQueueBranch(`gh-readonly-queue/main/pr-7-${SHA}`)).toBe(true);
  });

  it('ignore anything else, including feature branches that look alike', () => {
    expect(mergeQueuePullNumber('refs/heads/gh-readonly-queue/main/custom')).toBeNull();
    expect(mergeQueuePullNumber(`feat/gh-readonly-queue/main/pr-7-${SHA}`)).toBeNull();
    expect(mergeQueuePullNumber('001-user-auth')).toBeNull();
    expect(mergeQueuePullNumber(null)).toBeNull();
    expect(isMergeQueueBranch(undefined)).toBe(false);
  });
});
