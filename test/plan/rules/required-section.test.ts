import { describe, expect, it } from '@jest/globals';
import { SEED_TEMPLATE } from '../../../src/plan/index.js';
import { findingsOf } from './lint-helper.js';

describe('required-section rule', () => {
  it('is satisfied by the seed template', () => {
    expect(findingsOf('required-section', SEED_TEMPLATE)).toEqual([]);
  });

  it('reports each missing default section as a warning at the title', () => {
    expect(findingsOf('required-section', ['', '# Plan', '## 📋 Summary', '## 2. Technical Context', '### Project structure', '## Implementation Phases', '## Risks and Mitigations'])).toEqual([
      { rule: 'required-section', severity: 'warning', message: 'Required section “Quality Gates” is missing', line: 2 },
    ]);
  });

  it('uses the configured list and skips task lists', () => {
    expect(findingsOf('required-section', '# Plan\n## Rollout', { requiredSections: ['Rollout', 'Security Review'] }).map((f) => f.message)).toEqual([
      'Required section “Security Review” is missing',
    ]);
    expect(findingsOf('required-section', '# Tasks', { kind: 'tasks' })).toEqual([]);
  });

  it('does not count the document title or headings inside code', () => {
    expect(findingsOf('required-section', '# Summary\n```\n## Summary\n```', { requiredSections: ['Summary'] })).toHaveLength(1);
  });
});
