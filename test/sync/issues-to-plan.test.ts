// The decision step of issue → plan, alone: from what was gathered to plain-data actions. The
// request-level behaviour is in issue-ticks.test.ts and task-issue-state.test.ts.
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { defaultConfig } from '../../src/config/schema.js';
import { issuesToPlanActions, type IssuesToPlanInput } from '../../src/sync/issues-to-plan.js';
import type { PlanbotMarker } from '../../src/sync/marker.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const MARKER: PlanbotMarker = { feature: '001-user-auth', phase: '1', tracking: false, source: 'plan', path: PLAN_PATH, branch: '001-user-auth' };
const FILE = { path: PLAN_PATH, ref: '001-user-auth', sha: 'blob-1', content: '# Plan\n', size: 7 };

function input(overrides: Partial<IssuesToPlanInput> = {}, marker: PlanbotMarker = MARKER): IssuesToPlanInput {
  return {
    change: { marker, log: pino({ level: 'silent' }), before: 'before', after: 'after', what: 'tick', refusedKeys: ['T001'] },
    issue: { number: 11, author: 'planbot[bot]' },
    sender: { login: 'octocat', id: 583231, type: 'User' },
    where: { owner: 'acme', repo: 'web' },
    own: true,
    loaded: { config: defaultConfig(), problems: [] },
    located: { found: true, file: FILE },
    ...overrides,
  };
}

describe('issuesToPlanActions', () => {
  it('a tick with the plan found: one sync-feature action committing to the branch the plan was read from, as plain data', () => {
    const decision = issuesToPlanActions(input());
    expect(decision).toEqual({
      kind: 'act',
      actions: [
        {
          kind: 'sync-feature',
          target: {
            owner: 'acme',
            repo: 'web',
            feature: '001-user-auth',
            planPath: PLAN_PATH,
            ref: '001-user-auth',
            branchForLinks: '001-user-auth',
            commitBranch: '001-user-auth',
            trigger: { issueNumber: 11, before: 'before', after: 'after', sender: { login: 'octocat', id: 583231, type: 'User' } },
          },
          plan: { content: '# Plan\n', blobSha: 'blob-1' },
        },
      ],
    });
    // No closures, no class instances: the actions survive a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });

  it('no plan to write to: one reply naming the reason, then the keys recorded as pending', () => {
    const decision = issuesToPlanActions(input({ located: { found: false, reason: 'the branch `001-user-auth` is gone' } }));
    expect(decision.kind).toBe('act');
    if (decision.kind !== 'act') return;
    expect(decision.actions.map((action) => action.kind)).toEqual(['reply', 'record-pending']);
    expect(decision.actions[0]).toMatchObject({ issueNumber: 11, body: expect.stringMatching(/^@octocat I could not find the plan to write your change to: the branch `001-user-auth` is gone\./) });
    expect(decision.actions[1]).toEqual({ kind: 'record-pending', issueNumber: 11, keys: ['T001'] });
  });

  it('no plan and ticks already pending: no second reply, only the keys', () => {
    const decision = issuesToPlanActions(input({ located: { found: false, reason: 'gone' } }, { ...MARKER, pending: ['T002'] }));
    expect(decision).toMatchObject({ kind: 'act', actions: [{ kind: 'record-pending', keys: ['T001'] }] });
  });

  it('writes nothing for an issue planbot did not open, an invalid config, sync-back off, or a marker naming no plan', () => {
    const off = defaultConfig();
    off.issues.sync_back = false;
    const cases: IssuesToPlanInput[] = [
      input({ own: false, loaded: null, located: null }),
      input({ loaded: { config: defaultConfig(), problems: [{ key: 'issues', message: 'bad' } as any] }, located: null }),
      input({ loaded: { config: off, problems: [] }, located: null }),
      input({ located: null }, { ...MARKER, path: '.github/workflows/deploy.yml' }),
    ];
    expect(cases.map((gathered) => issuesToPlanActions(gathered).kind)).toEqual(['skip', 'skip', 'skip', 'skip']);
  });
});
