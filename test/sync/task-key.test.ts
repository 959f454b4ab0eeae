import { describe, expect, it } from '@jest/globals';
import { normaliseTaskText, taskKey } from '../../src/sync/task-key.js';

describe('taskKey', () => {
  it('is the task id when there is one', () => {
    expect(taskKey({ id: 'T001', text: 'T001 [P] [US1] Create models' })).toBe('T001');
    expect(taskKey({ id: 't012', text: 'whatever' })).toBe('T012');
  });

  it('is the normalised text otherwise: case, spacing, markers, emphasis, code ticks, escapes and a trailing ✅ do not matter', () => {
    const key = taskKey({ id: null, text: 'Set up   the `CI` pipeline' });
    expect(key).toBe('set up the ci pipeline');
    for (const variant of ['set up the CI pipeline ✅', '[P] Set up the **CI** pipeline', 'Set up the \\`CI\\` pipeline', ' SET UP THE _CI_ PIPELINE ']) {
      expect(taskKey({ id: null, text: variant })).toBe(key);
    }
  });

  it('matches a mention neutralised in the issue with the plan text, and entities with their characters', () => {
    expect(normaliseTaskText('Ask `@alice` about &lt;auth&gt;')).toBe(normaliseTaskText('Ask @alice about <auth>'));
  });

  it('tells different tasks apart', () => {
    expect(taskKey({ id: null, text: 'Write docs' })).not.toBe(taskKey({ id: null, text: 'Write tests' }));
  });
});
