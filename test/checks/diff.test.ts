// The check-run diff: wanted runs against those on the commit, down to the writes that remain.
import { describe, expect, it } from '@jest/globals';
import { diffCheckRuns } from '../../src/checks/diff.js';
import { isUnchanged } from '../../src/checks/unchanged.js';
import type { Annotation, CheckRunSpec } from '../../src/checks/check-run-spec.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const annotation = (line: number): Annotation => ({ path: 'p.md', start_line: line, end_line: line, annotation_level: 'failure', message: `m${line}` });
const spec = (annotations: Annotation[] = [], name = 'planbot / plan'): CheckRunSpec => ({
  name,
  conclusion: 'failure',
  title: 'Plan incomplete',
  summary: '## Plan\n',
  annotations,
});
const existing = {
  id: 1,
  name: 'planbot / plan',
  status: 'completed',
  conclusion: 'failure',
  output: { title: 'Plan incomplete', summary: '## Plan\n', text: null, annotations_count: 1 },
};

describe('isUnchanged', () => {
  it('is true only when conclusion, title, summary, text and annotation count all match', () => {
    expect(isUnchanged(existing, spec([annotation(1)]))).toBe(true);
    expect(isUnchanged(existing, spec([]))).toBe(false);
    expect(isUnchanged({ ...existing, conclusion: 'success' }, spec([annotation(1)]))).toBe(false);
    expect(isUnchanged({ ...existing, output: { ...existing.output, summary: 'old' } }, spec([annotation(1)]))).toBe(false);
    expect(isUnchanged({ ...existing, status: 'in_progress' }, spec([annotation(1)]))).toBe(false);
    expect(isUnchanged(undefined, spec())).toBe(false);
  });
});

describe('diffCheckRuns', () => {
  it('leaves out runs already shown as wanted, when asked to', () => {
    const wanted = [spec([annotation(1)]), spec([], 'planbot / quality gates')];
    const diff = diffCheckRuns(wanted, [existing], { headSha: SHA, externalId: 'pr-3', skipUnchanged: true });
    expect(diff.unchanged).toEqual(['planbot / plan']);
    expect(diff.writes).toEqual([
      { kind: 'create-check-run', name: 'planbot / quality gates', headSha: SHA, conclusion: 'failure', externalId: 'pr-3', output: { title: 'Plan incomplete', summary: '## Plan\n' } },
    ]);
  });

  it('writes every run when not asked to compare', () => {
    const diff = diffCheckRuns([spec([annotation(1)])], [existing], { headSha: SHA, skipUnchanged: false });
    expect(diff.unchanged).toEqual([]);
    expect(diff.writes.map((write) => write.kind)).toEqual(['create-check-run']);
  });

  it('compares only with planbot’s runs: another app’s run of a similar name is not planbot’s', () => {
    const foreign = { ...existing, name: 'plan' };
    const diff = diffCheckRuns([{ ...spec([annotation(1)]), name: 'plan' }], [foreign], { headSha: SHA, skipUnchanged: true });
    expect(diff.unchanged).toEqual([]);
    expect(diff.writes).toHaveLength(1);
  });

  it('is nothing to write when every run is unchanged', () => {
    expect(diffCheckRuns([spec([annotation(1)])], [existing], { headSha: SHA, skipUnchanged: true }).writes).toEqual([]);
  });
});
