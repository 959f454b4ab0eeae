import { describe, expect, it } from '@jest/globals';
import { changedLines, narrate } from '../../tools/demo/narrate.js';
import { run, story } from './story-fixture.js';

describe('changedLines', () => {
  it('pairs the lines a tick changed', () => {
    expect(changedLines('a\n- [ ] x\nb\n', 'a\n- [x] x\nb\n')).toEqual([['- [ ] x', '- [x] x']]);
  });

  it('reports nothing for identical text and a summary for a changed length', () => {
    expect(changedLines('a\nb', 'a\nb')).toEqual([]);
    expect(changedLines('a\nb', 'a')).toEqual([['2 lines', '1 lines']]);
  });
});

describe('narrate', () => {
  it('gives each check its title and first annotations as plain text: no markdown, counts said once', () => {
    const s = story();
    const plan = run('planbot / plan', 'failure', '## Plan completeness\n\n❌ **17 errors, 4 warnings** in 1 plan.\n\n21 findings: 17 errors, 4 warnings.');
    plan.output.title = 'Plan incomplete: 17 errors, 4 warnings';
    plan.annotations = Array.from({ length: 5 }, (_, index) => ({ path: 'specs/001-user-auth/plan.md', start_line: 10 + index, end_line: 10 + index, annotation_level: 'failure', title: 'placeholder', message: `Unfilled\nplaceholder ${index}` }));
    s.pull.checks = new Map([['planbot / plan', plan]]);
    const text = narrate(s, 'node dist/main.js');
    const step2 = text.slice(text.indexOf('\n2. '), text.indexOf('\n3. '));
    expect(step2.split('\n').slice(2, 7)).toEqual([
      '   → planbot / plan           ✖ failure   Plan incomplete: 17 errors, 4 warnings',
      '       plan.md:10   placeholder: Unfilled placeholder 0',
      '       plan.md:11   placeholder: Unfilled placeholder 1',
      '       plan.md:12   placeholder: Unfilled placeholder 2',
      '       … and 2 more annotations, each on its line (see the report)',
    ]);
    expect(text).not.toMatch(/\*\*|`|127\.0\.0\.1/);
    expect(text.split('17 errors').length - 1).toBe(1);
  });
});
