import { describe, expect, it } from '@jest/globals';
import { normaliseSectionTitle } from '../../src/plan/section-title.js';

describe('normaliseSectionTitle', () => {
  it.each([
    ['Risks & Mitigations', 'risks and mitigations'],
    ['## 2. ⚠️ Risks and Mitigations', 'risks and mitigations'],
    ['📋 Quality Gates', 'quality gates'],
    ['3) Summary:', 'summary'],
    ['IV. Technical Context', 'technical context'],
    ['1.2 Project Structure', 'project structure'],
  ])('%s → %s', (title, expected) => {
    expect(normaliseSectionTitle(title)).toBe(expected);
  });
});
