import { describe, expect, it } from '@jest/globals';
import { countApprovals } from '../../src/checks/approvals.js';

const review = (id: number, state: string) => ({ user: { id, login: `u${id}` }, state });

describe('countApprovals', () => {
  it('counts each reviewer’s latest state-changing review', () => {
    expect(
      countApprovals([
        review(1, 'APPROVED'),
        review(1, 'COMMENTED'), // a later comment does not withdraw the approval
        review(2, 'APPROVED'),
        review(2, 'DISMISSED'), // dismissed approvals don't count
        review(3, 'CHANGES_REQUESTED'),
        review(3, 'APPROVED'), // approved after requesting changes
        review(4, 'APPROVED'),
        review(4, 'CHANGES_REQUESTED'),
        review(5, 'PENDING'),
      ]),
    ).toBe(2);
  });

  it('ignores reviews without a user (deleted accounts)', () => {
    expect(countApprovals([{ user: null, state: 'APPROVED' }])).toBe(0);
  });
});
