import { describe, expect, it } from '@jest/globals';
import { externalCheckState } from '../../src/checks/external-checks.js';

const run = (name: string, status: string, conclusion: string | null) => ({ id: 1, name, status, conclusion, output: {} });

describe('externalCheckState', () => {
  it('reads a check run by name, case-insensitively', () => {
    expect(externalCheckState('Coverage', [run('coverage', 'completed', 'success')], [])).toEqual({ state: 'success', detail: 'success', kind: 'check run' });
    expect(externalCheckState('coverage', [run('coverage', 'completed', 'neutral')], [])).toEqual({ state: 'failure', detail: 'neutral', kind: 'check run' });
    expect(externalCheckState('coverage', [run('coverage', 'in_progress', null)], [])).toEqual({ state: 'pending', detail: 'in progress', kind: 'check run' });
  });

  it('falls back to a commit status of that context', () => {
    expect(externalCheckState('ci/coverage', [], [{ context: 'ci/coverage', state: 'success' }])).toEqual({ state: 'success', detail: 'success', kind: 'status' });
    expect(externalCheckState('ci/coverage', [], [{ context: 'ci/coverage', state: 'error' }]).state).toBe('failure');
    expect(externalCheckState('ci/coverage', [], [{ context: 'ci/coverage', state: 'pending' }]).state).toBe('pending');
  });

  it('is missing when neither exists', () => {
    expect(externalCheckState('x', [run('y', 'completed', 'success')], [])).toEqual({ state: 'missing', detail: null, kind: null });
  });
});
