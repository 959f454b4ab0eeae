import { describe, expect, it } from '@jest/globals';
import { evaluateGates } from '../../src/checks/gates.js';
import type { Gate } from '../../src/plan/index.js';

const gate = (name: string, status: Gate['status']): Gate => ({ name, criteria: '', status, raw: status, line: 4 });
const facts = { approvals: 0, changedFiles: ['README.md'], filesTruncated: false, checks: new Map() };

describe('evaluateGates', () => {
  it('keeps the plan’s claim for gates without evidence', () => {
    const [result] = evaluateGates([{ path: 'p.md', model: { gates: [gate('Lint', 'fail')] } }], {}, facts);
    expect(result).toMatchObject({ planPath: 'p.md', claimed: 'fail', status: 'fail', evidence: null, disagreement: null });
  });

  it('takes the result from the evidence and flags a claimed pass the evidence does not support', () => {
    const evidence = { review: { review: { approvals: 1 } }, docs: { files: ['README.md'] } };
    const [review, docs] = evaluateGates(
      [{ path: 'p.md', model: { gates: [gate('Review', 'pass'), gate('Docs', 'pending')] } }],
      evidence,
      facts,
    );
    expect(review).toMatchObject({ claimed: 'pass', status: 'pending' });
    expect(review.disagreement).toBe('The plan marks **Review** as passed, but the evidence does not support it: 0 of 1 required approval.');
    // Evidence can also prove a gate the plan has not ticked yet: no disagreement to flag.
    expect(docs).toMatchObject({ claimed: 'pending', status: 'pass', disagreement: null });
  });

  it('evidence overrides a waiver too', () => {
    const [result] = evaluateGates([{ path: 'p.md', model: { gates: [gate('Review', 'waived')] } }], { Review: { review: { approvals: 1 } } }, facts);
    expect(result.status).toBe('pending');
  });
});
