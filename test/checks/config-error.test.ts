import { describe, expect, it } from '@jest/globals';
import { buildConfigErrorCheck } from '../../src/checks/config-error.js';
import { RECHECK } from '../../src/checks/actions.js';

describe('buildConfigErrorCheck', () => {
  it('fails `planbot / plan` and names file, line, key and problem', () => {
    const spec = buildConfigErrorCheck(
      [
        { file: '.github/planbot.yml', key: 'checks.per_gates', line: 4, message: 'unknown key "per_gates"' },
        { file: 'acme/.github:.github/planbot.yml', key: '', line: null, message: 'is not valid YAML | at all' },
      ],
      [RECHECK],
    );
    expect(spec).toMatchObject({
      name: 'planbot / plan',
      conclusion: 'failure',
      title: 'Invalid configuration: 2 problems in .github/planbot.yml, acme/.github:.github/planbot.yml',
      annotations: [],
      actions: [RECHECK],
    });
    expect(spec.summary).toContain('| `.github/planbot.yml` | 4 | `checks.per_gates` | unknown key "per_gates" |');
    expect(spec.summary).toContain('| `acme/.github:.github/planbot.yml` | – | (whole file) | is not valid YAML \\| at all |');
    expect(spec.summary).toContain('planbot checks no plans and changes no issues');
  });
});
