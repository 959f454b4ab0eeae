// The dry run is the reconciler: planFeatureSync reads, decides and writes nothing; syncFeature
// then sends exactly the writes it listed. Its actions are plain data (JSON as they are).
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { readFileSync } from 'node:fs';
import { describeAction, planFeatureSync, syncActionJson, type FeatureSyncInput, type SyncAction } from '../../src/sync/dry-run.js';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { defaultConfig } from '../../src/config/schema.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { MemoryGitHub, WRITE_METHODS } from '../helpers/memory-github.js';
import { memoryJob } from '../helpers/memory-job.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const PLAN = readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8');
const BRANCH = '001-user-auth';
const TARGET: SyncTarget = { owner: 'acme', repo: 'web', feature: BRANCH, planPath: PLAN_PATH, ref: BRANCH, branchForLinks: BRANCH, author: 'octocat' };
const config = (() => {
  const base = defaultConfig();
  return { ...base, issues: { ...base.issues, source: 'plan' as const } };
})();

function job(github: MemoryGitHub) {
  return memoryJob(github, { id: 'dry-1', name: 'push', payload: pushPayload() });
}

function input(github: MemoryGitHub, overrides: Partial<FeatureSyncInput> = {}): FeatureSyncInput {
  return {
    github,
    where: { owner: 'acme', repo: 'web' },
    feature: BRANCH,
    planPath: PLAN_PATH,
    ref: BRANCH,
    config,
    log: pino({ level: 'silent' }),
    author: 'octocat',
    ...overrides,
  };
}

function repository(): MemoryGitHub {
  return new MemoryGitHub({ firstNumber: 11 }).createBranch(BRANCH).setFile(PLAN_PATH, PLAN, BRANCH);
}

/** The call each action becomes, numbers left out (new issues have none yet). */
function requestOf(action: SyncAction): string {
  switch (action.type) {
    case 'create-issue':
      return 'createIssue';
    case 'update-issue':
      return 'updateIssue N';
    case 'comment':
      return 'createComment N';
    case 'add-labels':
      return 'addLabels N';
    case 'add-sub-issue':
      return 'addSubIssue N N';
    case 'add-blocked-by':
      return 'addBlockedBy N N';
    case 'remove-blocked-by':
      return 'removeBlockedBy N N';
    case 'commit-plan':
      return `writeFile ${action.path}`;
  }
}

const writeLines = (fake: MemoryGitHub) => fake.lines((call) => WRITE_METHODS.has(call.method)).map((line) => line.replace(/ \d+(?= |$)/g, ' N'));

describe('planFeatureSync (the dry run)', () => {
  it('reads only, returns plain-data actions, and the sync then sends exactly those writes', async () => {
    const fake = repository();
    const plan = await planFeatureSync(input(fake));
    expect(fake.writes()).toEqual([]);
    expect(fake.lines()).toEqual([`readFile ${PLAN_PATH} ${BRANCH}`, 'listLabelledIssues planbot']);
    expect(plan).toMatchObject({ status: 'planned', reads: 2 });
    expect(JSON.parse(JSON.stringify(plan.actions))).toEqual(plan.actions);
    expect(plan.actions.map((action) => describeAction(action, plan))).toEqual([
      'create issue phase:0 “001-user-auth · Phase 0: Research & Design” [planbot] — Phase 0 has no issue yet',
      'create issue phase:1 “001-user-auth · Phase 1: Foundation” [planbot] — Phase 1 has no issue yet',
      'create issue phase:2 “001-user-auth · Phase 2: Core Implementation” [planbot] — Phase 2 has no issue yet',
      'create issue tracking “001-user-auth: implementation plan” [planbot, planbot:tracking] — the feature has no tracking issue yet',
      'link phase:0 as a sub-issue of tracking — Phase 0 is not a sub-issue of the tracking issue yet',
      'link phase:1 as a sub-issue of tracking — Phase 1 is not a sub-issue of the tracking issue yet',
      'link phase:2 as a sub-issue of tracking — Phase 2 is not a sub-issue of the tracking issue yet',
      'mark phase:1 blocked by phase:0 — Phase 1 depends on Phase 0',
      'mark phase:2 blocked by phase:1 — Phase 2 depends on Phase 1',
    ]);

    const applied = repository();
    await syncFeature(job(applied), TARGET, { config });
    expect(writeLines(applied)).toEqual(plan.actions.map(requestOf));

    // In step: the next dry run finds nothing to do, and still writes nothing.
    const again = await planFeatureSync(input(applied));
    expect(again.actions).toEqual([]);
    expect(writeLines(applied)).toHaveLength(plan.actions.length);
  });

  it('shows ticks made in an issue as a plan commit before the issue writes, and as JSON with kinds', async () => {
    const fake = repository();
    await syncFeature(job(fake), TARGET, { config });
    const phase0 = fake.byTitle('001-user-auth · Phase 0: Research & Design');
    phase0.body = phase0.body.replace('- [ ] Design data model', '- [x] Design data model');
    const before = fake.writes().length;

    const withoutBranch = await planFeatureSync(input(fake));
    expect(withoutBranch.actions.some((action) => action.type === 'commit-plan')).toBe(false);
    const plan = await planFeatureSync(input(fake, { commitBranch: BRANCH }));
    expect(fake.writes()).toHaveLength(before);
    expect(plan.actions[0]).toEqual({
      type: 'commit-plan',
      path: PLAN_PATH,
      branch: BRANCH,
      changes: [{ issueNumber: phase0.number, checked: true, text: 'Design data model' }],
      reason: `ticks made in #${phase0.number}`,
    });
    expect(describeAction(plan.actions[0], plan)).toBe(`commit 1 task state to ${PLAN_PATH} on ${BRANCH} — ticks made in #${phase0.number}`);
    const json = plan.actions.map((action) => syncActionJson(action, plan));
    expect(json.map((entry) => [entry.kind, entry.number])).toEqual(
      plan.actions.map((action) => {
        if (action.type === 'commit-plan') return ['commit-plan', undefined];
        if (action.type === 'update-issue' && action.state === 'closed') return ['close-issue', expect.any(Number)];
        return [action.type, expect.any(Number)];
      }),
    );
    // Phase 0 is now complete: its issue closes, with its body (rendered, marker first) in the JSON.
    const close = json.find((entry) => entry.kind === 'close-issue' && entry.number === phase0.number);
    expect(close).toMatchObject({ ref: 'phase:0', stateReason: 'completed', reason: expect.stringContaining('every task is done') });
    expect(String(close?.body).split('\n')[0]).toMatch(/^<!-- planbot:v1 feature=001-user-auth phase=0 /);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);

    // The sync commits the tick, then writes the issues from the plan as committed: the listed writes, in order.
    await syncFeature(job(fake), { ...TARGET, commitBranch: BRANCH }, { config });
    expect(writeLines(fake).slice(before)).toEqual(plan.actions.map(requestOf));
    expect(fake.file(PLAN_PATH, BRANCH)).toContain('- [x] Design data model');
  });
});
