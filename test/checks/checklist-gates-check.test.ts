// spec-kit checklists in the quality-gates check: a row (and a section) per checklist file.
import { describe, expect, it } from '@jest/globals';
import { buildCheckRuns } from '../../src/checks/evaluate.js';
import { checklistGate } from '../../src/plan/checklist-gates.js';
import { defaultConfig } from '../../src/config/schema.js';
import { analysePlan } from '../../src/plan/index.js';
import type { PullRequestPlans } from '../../src/changed-plans/plans.js';
import { fixture } from './github-mock.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const PATH = 'specs/003-login-page/plan.md';
const OPEN = '# Requirements Checklist: Login Page\n\n- [x] CHK001 Are all fields specified?\n- [ ] CHK002 Is lockout defined? [Gap]\n';

function plans(checklists: PullRequestPlans['checklists'], config = defaultConfig()): PullRequestPlans {
  const content = fixture('complete-plan.md');
  return {
    config,
    problems: [],
    feature: null,
    expectedPath: null,
    plans: [{ path: PATH, feature: '003-login-page', content, blobSha: 'b', ref: SHA, model: analysePlan(content, { file: PATH }) }],
    missing: false,
    changedFiles: [],
    readErrors: [],
    removedFiles: [],
    filesTruncated: false,
    headSha: SHA,
    checklists,
  };
}

const build = (input: PullRequestPlans) =>
  buildCheckRuns({
    repo: { owner: 'acme', repo: 'web' },
    plans: input,
    facts: { approvals: null, changedFiles: [], filesTruncated: false, checks: new Map() },
    headRepository: 'acme/web',
    mergeGroup: false,
  });

describe('checklists in planbot / quality gates', () => {
  it('an open checklist is a pending gate that names what is open, in a section of its own; the check waits for it', () => {
    const [, gates] = build(plans([checklistGate('specs/003-login-page/checklists/requirements.md', OPEN)]));
    expect(gates.name).toBe('planbot / quality gates');
    // The plan's own 3 gates pass; the checklist is the 4th, and pending fails the check by default.
    expect(gates.conclusion).toBe('failure');
    expect(gates.title).toBe('4 gates: 1 pending, 3 passing');
    expect(gates.summary).toContain('### `specs/003-login-page/checklists/requirements.md`');
    expect(gates.summary).toMatch(
      /\| Requirements Checklist: Login Page \| every checklist item ticked \| ⏳ pending \| 1 of 2 open: CHK002 Is lockout defined\? \[Gap\] \|/i,
    );
  });

  it('a fully ticked checklist passes, and the check with it', () => {
    const [, gates] = build(plans([checklistGate('specs/003-login-page/checklists/requirements.md', OPEN.replace('- [ ]', '- [X]'))]));
    expect(gates.conclusion).toBe('success');
    expect(gates.title).toBe('All 4 gates pass');
  });

  it('without checklists the gates check is what it was', () => {
    const [, withNone] = build(plans(undefined));
    const [, withEmpty] = build(plans([]));
    expect(withNone).toEqual(withEmpty);
    expect(withNone.title).toBe('All 3 gates pass');
    expect(withNone.summary).not.toContain('checklists');
  });

  it('checks.per_gate gives a checklist its own check run, named after its title', () => {
    const config = defaultConfig();
    config.checks.per_gate = true;
    const runs = build(plans([checklistGate('specs/003-login-page/checklists/requirements.md', OPEN)], config));
    expect(runs.map((run) => `${run.name}=${run.conclusion}`)).toContain('planbot / gate: Requirements Checklist: Login Page=failure');
  });
});
