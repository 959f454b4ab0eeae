import { describe, expect, it } from '@jest/globals';
import { findingsOf } from './lint-helper.js';

describe('tech-stack-empty rule', () => {
  it('reports blank technologies, not placeholders (the placeholder rule has those)', () => {
    const plan = ['| Component | Technology |', '|---|---|', '| Language | TypeScript |', '| Database | |', '| Cache | — |', '| Queue | TBD |', '| Testing | [TO FILL] |'];
    expect(findingsOf('tech-stack-empty', plan)).toEqual([
      { rule: 'tech-stack-empty', severity: 'warning', message: 'Tech stack: “Database” names no technology', line: 4 },
      { rule: 'tech-stack-empty', severity: 'warning', message: 'Tech stack: “Cache” names no technology', line: 5 },
      { rule: 'tech-stack-empty', severity: 'warning', message: 'Tech stack: “Queue” names no technology', line: 6 },
    ]);
  });

  it('checks spec-kit Technical Context fields, and only for plans', () => {
    const plan = ['## Technical Context', '**Language/Version**: Python 3.12', '**Storage**:', '', '**Testing**: N/A'];
    expect(findingsOf('tech-stack-empty', plan).map((f) => f.line)).toEqual([3]);
    expect(findingsOf('tech-stack-empty', plan, { kind: 'tasks' })).toEqual([]);
  });
});
