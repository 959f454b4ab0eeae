import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SEED_TEMPLATE } from '../../src/plan/index.js';
import { seedPath } from './corpus-files.js';

describe('SEED_TEMPLATE', () => {
  it('is exactly shared/seed/plan-template.md (regenerate with the command in src/plan/seed-template.ts)', () => {
    expect(SEED_TEMPLATE).toBe(readFileSync(seedPath, 'utf8'));
  });

  it('is a plan template with the tokens the skeleton fills', () => {
    for (const token of ['[FEATURE NAME]', '[###-feature-name]', '[DATE]', '[link to spec.md]']) expect(SEED_TEMPLATE).toContain(token);
  });
});
