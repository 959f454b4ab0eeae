import { describe, expect, it } from '@jest/globals';
import { buildGateChecks, MAX_GATE_CHECKS } from '../../src/checks/gate-checks.js';
import { evaluateGates } from '../../src/checks/gates.js';
import { defaultConfig } from '../../src/config/schema.js';
import type { Gate } from '../../src/plan/index.js';

const gate = (name: string, status: Gate['status']): Gate => ({ name, criteria: 'c', status, raw: status, line: 2 });
const facts = { approvals: null, changedFiles: [], filesTruncated: false, checks: new Map() };

describe('buildGateChecks', () => {
  it('posts one run per gate, named `planbot / gate: <name>`, with the gate’s own conclusion', () => {
    const gates = evaluateGates([{ path: 'a/plan.md', model: { gates: [gate('Code Review', 'pass'), gate('Unit  Tests', 'pending')] } }], {}, facts);
    const { specs, omitted } = buildGateChecks(gates, defaultConfig().checks);
    expect(omitted).toEqual([]);
    expect(specs.map((spec) => [spec.name, spec.conclusion, spec.title])).toEqual([
      ['planbot / gate: Code Review', 'success', 'Code Review: ✅ pass'],
      ['planbot / gate: Unit Tests', 'failure', 'Unit Tests: ⏳ pending'],
    ]);
    expect(specs[1].summary).toBe(
      '## Gate: Unit Tests\n\nStatus: **⏳ pending**.\n\n| Gate | Plan | Criteria | Status | Plan says |\n|---|---|---|---|---|\n| Unit Tests | `a/plan.md` | c | ⏳ pending | pending |\n',
    );
  });

  it('merges a gate named in two plans (case-insensitively) into one run; the worst status wins', () => {
    const gates = evaluateGates(
      [
        { path: 'a/plan.md', model: { gates: [gate('Docs', 'pass')] } },
        { path: 'b/plan.md', model: { gates: [gate('docs', 'fail')] } },
      ],
      {},
      facts,
    );
    const { specs } = buildGateChecks(gates, defaultConfig().checks);
    expect(specs).toHaveLength(1);
    expect(specs[0]).toMatchObject({ name: 'planbot / gate: Docs', conclusion: 'failure' });
    expect(specs[0].summary).toContain('(the worst of 2 rows)');
  });

  it(`stops at ${MAX_GATE_CHECKS} runs and names the gates left out`, () => {
    const many = Array.from({ length: MAX_GATE_CHECKS + 2 }, (_, index) => gate(`G${index}`, 'pass'));
    const { specs, omitted } = buildGateChecks(evaluateGates([{ path: 'p', model: { gates: many } }], {}, facts), defaultConfig().checks);
    expect(specs).toHaveLength(MAX_GATE_CHECKS);
    expect(omitted).toEqual([`G${MAX_GATE_CHECKS}`, `G${MAX_GATE_CHECKS + 1}`]);
  });
});
