import { describe, expect, it } from '@jest/globals';
import { configSchema, defaultConfig, DEFAULT_BRANCH_PATTERN } from '../../src/config/schema.js';

const messages = (input: unknown) => {
  const result = configSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('config schema', () => {
  it('gives the documented defaults for the keys the skeleton uses', () => {
    const config = defaultConfig();
    expect(config.branches.pattern).toBe(DEFAULT_BRANCH_PATTERN);
    expect(config.plan).toEqual({ path: 'specs/{feature}/plan.md', glob: '**/specs/*/plan.md', template: null });
    expect(config.skeleton).toEqual({ enabled: true, commit_message: 'docs(plan): add plan skeleton for {feature}' });
  });

  it('keeps plan.path and plan.template inside the repository', () => {
    expect(messages({ plan: { path: '/etc/{feature}.md' } })).toEqual(['plan.path: plan.path must be a relative path inside the repository']);
    expect(messages({ plan: { path: 'specs/../../{feature}.md' } })).toEqual([
      'plan.path: plan.path must not contain empty, "." or ".." segments',
    ]);
    expect(messages({ plan: { template: 'C:\\templates\\plan.md' } })).toEqual([
      'plan.template: plan.template must be a relative path inside the repository',
    ]);
    expect(messages({ plan: { template: 'docs/plan-template.md', path: 'apps/web/specs/{feature}/plan.md' } })).toEqual([]);
  });

  it('refuses a branch pattern that is not a regular expression', () => {
    expect(messages({ branches: { pattern: '([a-z' } })).toEqual(['branches.pattern: is not a valid regular expression']);
  });

  it('refuses an empty or huge commit message', () => {
    expect(messages({ skeleton: { commit_message: '' } })).toHaveLength(1);
    expect(messages({ skeleton: { commit_message: 'x'.repeat(1001) } })).toHaveLength(1);
  });
});
