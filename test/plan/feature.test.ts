import { describe, expect, it } from '@jest/globals';
import {
  branchFromRef,
  featureFromBranch,
  featureRefOf,
  featureSegment,
  fillPlaceholders,
  isSafePathSegment,
  renderPlanPath,
  siblingPath,
} from '../../src/plan/feature.js';
import { DEFAULT_BRANCH_PATTERN } from '../../src/config/schema.js';

const ref = (branch: string) => {
  const found = featureFromBranch(branch, DEFAULT_BRANCH_PATTERN);
  if (!found) throw new Error(`expected ${branch} to be a feature branch`);
  return found;
};

describe('featureFromBranch', () => {
  it.each([
    ['001-user-auth', { feature: '001-user-auth', number: '001', slug: 'user-auth' }],
    ['feat/004-search', { feature: '004-search', number: '004', slug: 'search' }],
    ['jdoe/web/008-tour', { feature: '008-tour', number: '008', slug: 'tour' }],
    ['1042-billing', { feature: '1042-billing', number: '1042', slug: 'billing' }],
    ['20261123-101500-export', { feature: '20261123-101500-export', number: '20261123-101500', slug: 'export' }],
    ['refs/heads/feat/004-search', { feature: '004-search', number: '004', slug: 'search' }],
  ])('accepts %s', (branch, expected) => {
    expect(featureFromBranch(branch, DEFAULT_BRANCH_PATTERN)).toEqual({ branch: branchFromRef(branch), ...expected });
  });

  it.each(['main', 'fix-typo', '01-x', '001-', '001-User-Auth', 'feat/', '', '001-x/'])('rejects %j', (branch) => {
    expect(featureFromBranch(branch, DEFAULT_BRANCH_PATTERN)).toBeNull();
  });

  it('uses a configured pattern; number and slug fall back to the whole id when it has no number', () => {
    expect(featureFromBranch('team/PROJ-12', '^[A-Z]+-\\d+$')).toEqual({
      branch: 'team/PROJ-12',
      feature: 'PROJ-12',
      number: 'PROJ-12',
      slug: 'PROJ-12',
    });
    expect(featureFromBranch('001-user-auth', '^[A-Z]+-\\d+$')).toBeNull();
  });

  it('rejects unsafe last segments even when a permissive pattern matches them', () => {
    for (const branch of ['feat/..', 'a/.', 'x/.git', '001-a\u0000b', '001-a\u001bb', '001-a\u202eb', '001-a\u200bb', 'x\\001-a', `001-${'a'.repeat(300)}`]) {
      expect(featureFromBranch(branch, '.*')).toBeNull();
    }
  });
});

describe('isSafePathSegment / featureSegment', () => {
  it('takes the last segment of a branch or ref', () => {
    expect(featureSegment('refs/heads/feat/001-a')).toBe('001-a');
    expect(featureSegment('../../etc')).toBe('etc');
    expect(featureSegment('feat/..')).toBe('..');
  });

  it('refuses empty, dot, dot-dot, .git, control and invisible characters, and over-long segments', () => {
    expect(['', '.', '..', '.GIT', 'a\tb', 'a\u0085b', 'a\u2066b', 'é'.repeat(128)].map(isSafePathSegment)).toEqual(
      Array(8).fill(false),
    );
    expect(['001-user-auth', '.specify', 'é'.repeat(127), 'a'.repeat(255)].map(isSafePathSegment)).toEqual([true, true, true, true]);
  });
});

describe('renderPlanPath', () => {
  it('renders every placeholder', () => {
    expect(renderPlanPath('specs/{feature}/plan.md', ref('feat/001-user-auth'))).toBe('specs/001-user-auth/plan.md');
    expect(renderPlanPath('apps/web/specs/{feature}/plan.md', ref('001-user-auth'))).toBe('apps/web/specs/001-user-auth/plan.md');
    expect(renderPlanPath('plans/{number}/{slug}.md', ref('feat/001-user-auth'))).toBe('plans/001/user-auth.md');
    expect(renderPlanPath('plans/{branch}/plan.md', ref('feat/001-user-auth'))).toBe('plans/feat/001-user-auth/plan.md');
  });

  it('returns null for paths that would leave the repository or that git refuses', () => {
    const hostile = { branch: '../../etc/001-x', feature: '001-x', number: '001', slug: 'x' };
    expect(renderPlanPath('plans/{branch}/plan.md', hostile)).toBeNull();
    expect(renderPlanPath('/etc/{feature}.md', ref('001-x'))).toBeNull();
    expect(renderPlanPath('C:/{feature}.md', ref('001-x'))).toBeNull();
    expect(renderPlanPath('specs//{feature}/plan.md', ref('001-x'))).toBeNull();
    expect(renderPlanPath('.git/hooks/{feature}', ref('001-x'))).toBeNull();
    expect(renderPlanPath(`${'d/'.repeat(2100)}{feature}.md`, ref('001-x'))).toBeNull();
  });

  it('does not expand placeholders that appear inside substituted values', () => {
    const tricky = { branch: 'x/{feature}/001-a', feature: '001-a', number: '001', slug: 'a' };
    expect(fillPlaceholders('{branch}', tricky)).toBe('x/{feature}/001-a');
    expect(fillPlaceholders('{feature} {unknown} {path}', tricky, { path: 'p.md' })).toBe('001-a {unknown} p.md');
  });
});

describe('siblingPath', () => {
  it('puts the file next to the plan', () => {
    expect(siblingPath('specs/001-x/plan.md', 'tasks.md')).toBe('specs/001-x/tasks.md');
    expect(siblingPath('plan.md', 'tasks.md')).toBe('tasks.md');
  });
});

describe('featureRefOf', () => {
  it('splits a feature id into number and slug, and takes any other name whole', () => {
    expect(featureRefOf('003-login-page', DEFAULT_BRANCH_PATTERN)).toEqual({ branch: '003-login-page', feature: '003-login-page', number: '003', slug: 'login-page' });
    expect(featureRefOf('003-login-page', DEFAULT_BRANCH_PATTERN, 'feat/login')).toMatchObject({ branch: 'feat/login', number: '003' });
    expect(featureRefOf('login-page', DEFAULT_BRANCH_PATTERN, 'main')).toEqual({ branch: 'main', feature: 'login-page', number: 'login-page', slug: 'login-page' });
  });
});
