import { describe, expect, it } from '@jest/globals';
import { RECHECK, RECHECK_ACTION, SYNC_ISSUES, SYNC_ISSUES_ACTION, externalIdFor, pullNumberFromExternalId } from '../../src/checks/actions.js';

describe('check run actions', () => {
  it('stay within GitHub’s limits (label ≤ 20, description ≤ 40, identifier ≤ 20)', () => {
    for (const action of [SYNC_ISSUES, RECHECK]) {
      expect(action.label.length).toBeLessThanOrEqual(20);
      expect(action.description.length).toBeLessThanOrEqual(40);
      expect(action.identifier.length).toBeLessThanOrEqual(20);
    }
    expect([SYNC_ISSUES.identifier, RECHECK.identifier]).toEqual([SYNC_ISSUES_ACTION, RECHECK_ACTION]);
    expect([SYNC_ISSUES_ACTION, RECHECK_ACTION]).toEqual(['sync_issues', 'recheck']);
  });

  it('round-trips the pull request number through external_id', () => {
    expect(pullNumberFromExternalId(externalIdFor(42))).toBe(42);
    expect(pullNumberFromExternalId('')).toBeNull();
    expect(pullNumberFromExternalId('pr-4x')).toBeNull();
    expect(pullNumberFromExternalId(null)).toBeNull();
  });
});
