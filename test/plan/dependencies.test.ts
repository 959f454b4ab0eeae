import { describe, expect, it } from '@jest/globals';
import { canonicalPhaseNumber, parseDependencies } from '../../src/plan/dependencies.js';

describe('parseDependencies', () => {
  it.each([
    ['Phase 0', ['0']],
    ['Phase 2, Phase 4', ['2', '4']],
    ['Phases 2-7', ['2', '3', '4', '5', '6', '7']],
    ['Phases 2 – 4', ['2', '3', '4']],
    ['1.1, 2.2', ['1.1', '2.2']],
    ['2.1', ['2.1']],
    ['1 and 3', ['1', '3']],
    ['None (can be done in parallel)', []],
    ['None', []],
    ['N/A', []],
    ['—', []],
    ['', []],
    ['Phase 1 complete', ['1']],
    ['Requires Phase 2 and Phase 4 to be merged', ['2', '4']],
    ['Foundational (Phase 2)', ['2']],
    ['**Phase 1A**, Phase -1', ['1A', '-1']],
    ['Phase 01', ['1']],
    ['Fase 1 e Fase 2', ['1', '2']],
    ['Node 20 and Postgres 16', []],
    ['orchestrator complete (for skill selection logic)', []],
    ['Phase 3, Phase 3', ['3']],
  ])('%j → %j', (value, expected) => {
    expect(parseDependencies(value)).toEqual(expected);
  });

  it('caps absurd ranges and lists', () => {
    expect(parseDependencies('Phases 1-100000000')).toHaveLength(1000);
    expect(parseDependencies(Array.from({ length: 5000 }, (_, i) => `Phase ${i}`).join(', '))).toHaveLength(1000);
  });
});

describe('canonicalPhaseNumber', () => {
  it('compares numbers the way people mean them', () => {
    expect(canonicalPhaseNumber('01')).toBe('1');
    expect(canonicalPhaseNumber('1a')).toBe('1A');
    expect(canonicalPhaseNumber('7.01')).toBe('7.1');
    expect(canonicalPhaseNumber('-01')).toBe('-1');
    expect(canonicalPhaseNumber('0')).toBe('0');
    expect(canonicalPhaseNumber('10')).toBe('10');
  });
});
