import { describe, expect, it } from '@jest/globals';
import { evaluateEvidence, evidenceFor, evidenceNeeds, type EvidenceFacts } from '../../src/checks/evidence.js';
import type { Gate } from '../../src/plan/index.js';

const facts = (overrides: Partial<EvidenceFacts> = {}): EvidenceFacts => ({
  approvals: 0,
  changedFiles: [],
  filesTruncated: false,
  checks: new Map(),
  ...overrides,
});
const gate = (name: string): Gate => ({ name, criteria: '', status: 'pending', raw: '⬜', line: 1 });

describe('evidenceFor', () => {
  it('matches gate names case-insensitively and ignoring extra spaces', () => {
    const evidence = { 'Code Review': { review: { approvals: 1 } } };
    expect(evidenceFor('code  review', evidence)).toEqual({ review: { approvals: 1 } });
    expect(evidenceFor('CODE REVIEW ', evidence)).toEqual({ review: { approvals: 1 } });
    expect(evidenceFor('Code Reviews', evidence)).toBeNull();
  });
});

describe('evidenceNeeds', () => {
  it('asks only for the kinds of evidence the plans’ gates use', () => {
    const evidence = { 'Code Review': { review: { approvals: 1 } }, Coverage: { check: 'coverage' }, Docs: { files: ['README.md'] } };
    expect(evidenceNeeds([gate('Docs')], evidence)).toEqual({ reviews: false, checkNames: [] });
    expect(evidenceNeeds([gate('code review'), gate('coverage'), gate('Coverage')], evidence)).toEqual({ reviews: true, checkNames: ['coverage'] });
    expect(evidenceNeeds([gate('Other')], evidence)).toEqual({ reviews: false, checkNames: [] });
  });
});

describe('evaluateEvidence', () => {
  it('review: passes with enough approvals, else pending', () => {
    expect(evaluateEvidence({ review: { approvals: 2 } }, facts({ approvals: 2 }))).toEqual({ status: 'pass', reasons: ['2 of 2 required approvals'] });
    expect(evaluateEvidence({ review: { approvals: 1 } }, facts({ approvals: 0 }))).toEqual({ status: 'pending', reasons: ['0 of 1 required approval'] });
    expect(evaluateEvidence({ review: { approvals: 1 } }, facts({ approvals: null })).status).toBe('pending');
  });

  it('files: passes when a changed file matches a glob', () => {
    const changed = facts({ changedFiles: ['src/a.ts', 'docs/guide/setup.md', 'README.md', 'docs/x.md', 'docs/y.md'] });
    expect(evaluateEvidence({ files: ['docs/**'] }, changed)).toEqual({
      status: 'pass',
      reasons: ['changes `docs/guide/setup.md`, `docs/x.md`, `docs/y.md`'],
    });
    expect(evaluateEvidence({ files: ['**/*.md'] }, changed).reasons).toEqual([
      'changes `docs/guide/setup.md`, `README.md`, `docs/x.md` and 1 more',
    ]);
    expect(evaluateEvidence({ files: ['CHANGELOG.md'] }, changed)).toEqual({ status: 'pending', reasons: ['no changed file matches `CHANGELOG.md`'] });
  });

  it('check: success passes, any other conclusion fails, not reported yet is pending', () => {
    const check = (state: 'success' | 'failure' | 'pending' | 'missing', detail: string | null) =>
      evaluateEvidence({ check: 'Coverage' }, facts({ checks: new Map([['coverage', { state, detail, kind: state === 'missing' ? null : 'check run' }]]) }));
    expect(check('success', 'success')).toEqual({ status: 'pass', reasons: ['`Coverage` (check run) succeeded'] });
    expect(check('failure', 'timed_out')).toEqual({ status: 'fail', reasons: ['`Coverage` (check run) concluded timed_out'] });
    expect(check('pending', 'in progress')).toEqual({ status: 'pending', reasons: ['`Coverage` (check run) is in progress'] });
    expect(check('missing', null)).toEqual({ status: 'pending', reasons: ['`Coverage` has not reported on this commit'] });
  });

  it('all configured evidence must hold: a failure beats pending beats pass', () => {
    const checks = new Map([['ci', { state: 'failure' as const, detail: 'failure', kind: 'status' as const }]]);
    const result = evaluateEvidence({ review: { approvals: 1 }, files: ['README.md'], check: 'ci' }, facts({ approvals: 1, checks }));
    expect(result.status).toBe('fail');
    expect(result.reasons).toEqual(['1 of 1 required approval', 'no changed file matches `README.md`', '`ci` (status) concluded failure']);
    expect(evaluateEvidence({ review: { approvals: 1 }, files: ['README.md'] }, facts({ approvals: 1 })).status).toBe('pending');
  });
});
