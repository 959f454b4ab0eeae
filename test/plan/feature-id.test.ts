import { describe, expect, it } from '@jest/globals';
import { featureFromBranchField, featureFromPath, featureFromText } from '../../src/plan/feature-id.js';

describe('feature id sources', () => {
  it('reads Branch field values', () => {
    expect(featureFromBranchField('`001-user-auth`')).toBe('001-user-auth');
    expect(featureFromBranchField('`feat/1000-big` (from main)')).toBe('1000-big');
    expect(featureFromBranchField('`[###-feature-name]`')).toBeNull();
    expect(featureFromBranchField('main')).toBeNull();
  });

  it('reads the nearest feature folder of a path', () => {
    expect(featureFromPath('apps/web/specs/008-tour/plan.md')).toBe('008-tour');
    expect(featureFromPath('specs\\20261123-101500-export\\tasks.md')).toBe('20261123-101500-export');
    expect(featureFromPath('PLAN.md')).toBeNull();
  });

  it('finds an id in text', () => {
    expect(featureFromText('Design documents from /specs/004-legal-pages/')).toBe('004-legal-pages');
    expect(featureFromText('Feature 010 - Sidebar')).toBeNull();
  });
});
