// The one rule for which features a change belongs to: the spec directories it touches.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BRANCH_PATTERN } from '../../src/config/schema.js';
import { featureOfPlanPath, isChecklistOf, specDirectories, specDirectoryOf } from '../../src/plan/spec-directory.js';

describe('specDirectoryOf', () => {
  it.each([
    ['specs/003-login-page/plan.md', 'specs/003-login-page', '003-login-page'],
    ['specs/003-login-page/tasks.md', 'specs/003-login-page', '003-login-page'],
    ['specs/003-login-page/spec.md', 'specs/003-login-page', '003-login-page'],
    ['specs/003-login-page/checklists/ux.md', 'specs/003-login-page', '003-login-page'],
    // spec-kit 1.0 names directories freely; numbered ones are an opt-in extension.
    ['specs/login-page/tasks.md', 'specs/login-page', 'login-page'],
    ['specs/20261123-101500-export/spec.md', 'specs/20261123-101500-export', '20261123-101500-export'],
    // Monorepos: each project has its own specs/.
    ['apps/web/specs/008-tour/plan.md', 'apps/web/specs/008-tour', '008-tour'],
    ['apps/web/specs/008-tour/checklists/security.md', 'apps/web/specs/008-tour', '008-tour'],
  ])('%s belongs to %s', (path, dir, name) => {
    expect(specDirectoryOf(path)).toEqual({ dir, name });
  });

  it.each([
    'specs/003-login-page/research.md',
    'specs/003-login-page/contracts/api.md',
    'specs/003-login-page/checklists/deep/ux.md',
    'specs/003-login-page/checklists/ux.txt',
    'specs/plan.md',
    'docs/003-login-page/plan.md',
    'src/specs.ts',
    'specs/../plan.md',
    'specs/a\u202eb/plan.md',
  ])('%s is not a feature spec file', (path) => {
    expect(specDirectoryOf(path)).toBeNull();
  });

  it('lists each directory once, in the order first seen', () => {
    expect(
      specDirectories([
        'README.md',
        'specs/003-login-page/tasks.md',
        'apps/web/specs/001-x/spec.md',
        'specs/003-login-page/plan.md',
        'specs/003-login-page/checklists/ux.md',
      ]),
    ).toEqual([
      { dir: 'specs/003-login-page', name: '003-login-page' },
      { dir: 'apps/web/specs/001-x', name: '001-x' },
    ]);
  });

  it('knows a checklist of a directory from one of another directory or project', () => {
    expect(isChecklistOf('specs/003-a/checklists/ux.md', 'specs/003-a')).toBe(true);
    expect(isChecklistOf('apps/web/specs/003-a/checklists/ux.md', 'specs/003-a')).toBe(false);
    expect(isChecklistOf('specs/003-a/checklists/ux.md', 'specs/004-b')).toBe(false);
    expect(isChecklistOf('specs/003-a/ux.md', 'specs/003-a')).toBe(false);
  });
});

describe('featureOfPlanPath', () => {
  it('is the folder when it is a feature id, whatever the plan says', () => {
    expect(featureOfPlanPath('specs/003-login-page/plan.md', DEFAULT_BRANCH_PATTERN, '009-other')).toBe('003-login-page');
    expect(featureOfPlanPath('apps/web/specs/003-login-page/plan.md', DEFAULT_BRANCH_PATTERN, null)).toBe('003-login-page');
  });

  it('is the plan’s own feature (its Branch field) when the folder is not an id, else the folder', () => {
    expect(featureOfPlanPath('specs/login-page/plan.md', DEFAULT_BRANCH_PATTERN, '003-login-page')).toBe('003-login-page');
    expect(featureOfPlanPath('specs/login-page/plan.md', DEFAULT_BRANCH_PATTERN, null)).toBe('login-page');
    expect(featureOfPlanPath('plan.md', DEFAULT_BRANCH_PATTERN, null)).toBe('plan.md');
  });

  it('is the branch’s feature for the plan at the branch’s configured path, and only for that one', () => {
    const branch = { feature: '007-search', planPath: 'docs/plans/007/plan.md' };
    expect(featureOfPlanPath('docs/plans/007/plan.md', DEFAULT_BRANCH_PATTERN, '009-other', branch)).toBe('007-search');
    expect(featureOfPlanPath('specs/003-login-page/plan.md', DEFAULT_BRANCH_PATTERN, null, branch)).toBe('003-login-page');
    expect(featureOfPlanPath('docs/plans/007/plan.md', DEFAULT_BRANCH_PATTERN, null, { ...branch, planPath: null })).toBe('007');
  });

  it('reads the plan’s own feature only when the folder does not decide', () => {
    let parsed = 0;
    const own = () => (parsed++, '003-login-page');
    expect(featureOfPlanPath('specs/003-login-page/plan.md', DEFAULT_BRANCH_PATTERN, own)).toBe('003-login-page');
    expect(parsed).toBe(0);
    expect(featureOfPlanPath('specs/login-page/plan.md', DEFAULT_BRANCH_PATTERN, own)).toBe('003-login-page');
    expect(parsed).toBe(1);
  });
});
