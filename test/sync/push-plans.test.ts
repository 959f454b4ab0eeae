import { describe, expect, it } from '@jest/globals';
import { defaultConfig } from '../../src/config/schema.js';
import { changedPaths, mayChangePlans, plansChangedBy } from '../../src/sync/push-plans.js';

describe('plans a push changed', () => {
  it('collects added and modified files across commits, not removed ones', () => {
    expect(changedPaths([{ added: ['a.md'], modified: ['b.md'] }, { added: [], modified: ['a.md', 'c.ts'] }, {} as any])).toEqual(['a.md', 'b.md', 'c.ts']);
  });

  it('needs no request to rule out pushes without markdown', () => {
    expect(mayChangePlans(['src/a.ts', 'package.json'])).toBe(false);
    expect(mayChangePlans(['docs/x.MD'])).toBe(true);
  });

  it('matches plan.glob, and maps a changed tasks.md to its plan when tasks.md feeds the issues', () => {
    const config = defaultConfig();
    const paths = ['specs/001-a/plan.md', 'apps/web/specs/002-b/plan.md', 'specs/003-c/tasks.md', 'README.md'];
    expect(plansChangedBy(paths, { ...config, issues: { ...config.issues, source: 'plan' } })).toEqual(['specs/001-a/plan.md', 'apps/web/specs/002-b/plan.md']);
    // The default, `auto`, syncs from tasks.md whenever there is one: a changed tasks.md syncs its plan's feature.
    expect(plansChangedBy(paths, config)).toEqual(['specs/001-a/plan.md', 'apps/web/specs/002-b/plan.md', 'specs/003-c/plan.md']);
    expect(plansChangedBy(paths, { ...config, issues: { ...config.issues, source: 'both' } })).toEqual([
      'specs/001-a/plan.md',
      'apps/web/specs/002-b/plan.md',
      'specs/003-c/plan.md',
    ]);
  });
});
