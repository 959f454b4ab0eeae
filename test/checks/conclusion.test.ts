import { describe, expect, it } from '@jest/globals';
import { gateConclusion, worstConclusion, worstStatus } from '../../src/checks/conclusion.js';
import { defaultConfig } from '../../src/config/schema.js';

describe('conclusions', () => {
  const checks = defaultConfig().checks;

  it('maps each gate status class to a conclusion', () => {
    expect(gateConclusion('pass', checks)).toBe('success');
    expect(gateConclusion('waived', checks)).toBe('success');
    expect(gateConclusion('fail', checks)).toBe('failure');
    expect(gateConclusion('warn', checks)).toBe('neutral');
    expect(gateConclusion('pending', checks)).toBe('failure');
    expect(gateConclusion('unknown', checks)).toBe('failure');
    const lenient = { ...checks, pending_conclusion: 'neutral' as const };
    expect(gateConclusion('pending', lenient)).toBe('neutral');
    expect(gateConclusion('unknown', lenient)).toBe('neutral');
  });

  it('combines to the worst conclusion', () => {
    expect(worstConclusion([])).toBe('success');
    expect(worstConclusion(['success', 'neutral'])).toBe('neutral');
    expect(worstConclusion(['action_required', 'neutral'])).toBe('action_required');
    expect(worstConclusion(['action_required', 'failure', 'success'])).toBe('failure');
    expect(worstConclusion(['skipped', 'success'])).toBe('skipped');
  });

  it('combines gate statuses to the worst', () => {
    expect(worstStatus(['pass', 'waived'])).toBe('waived');
    expect(worstStatus(['pass', 'pending', 'warn'])).toBe('pending');
    expect(worstStatus(['unknown', 'fail'])).toBe('fail');
  });
});
