// `/planbot sync --dry-run`'s reply with a Project board configured: the card changes follow the
// issue changes, and the board's config problems and notes are said in the reply.
import { describe, expect, it } from '@jest/globals';
import { dryRunReport } from '../../src/commands/sync-dry-run.js';
import type { FeatureSyncPlan } from '../../src/sync/dry-run.js';
import type { BoardOutcome } from '../../src/sync/board-step.js';

const plan: FeatureSyncPlan = { status: 'planned', message: '', actions: [], findings: [], reads: 3, gathered: null };
const outcome = (overrides: Partial<BoardOutcome>): BoardOutcome => ({ status: 'planned', actions: [], problems: [], notes: [], reads: 1, applied: 0, ...overrides });

describe('dryRunReport with a Project board', () => {
  it('lists the card changes after the issues', () => {
    const board = outcome({
      actions: [
        { kind: 'add-project-item', projectId: 'PVT_1', contentId: 'I_9', issue: 9 },
        { kind: 'set-project-field', projectId: 'PVT_1', itemId: null, contentId: 'I_9', issue: 9, field: 'status', fieldId: 'F_s', value: { singleSelectOptionId: 'O_t' }, shown: 'Todo' },
      ],
    });
    expect(dryRunReport([{ planPath: 'specs/001-x/plan.md', plan, board }])).toBe(
      [
        'nothing to do: the issues match the plan.',
        '',
        '2 Project board changes:',
        // Issue references are neutralised in replies, as the issue lines are.
        '- add `#9` to the board',
        "- set status of `#9`'s card to Todo",
        '',
        'This was a dry run: nothing was changed.',
      ].join('\n'),
    );
  });

  it('says the board’s config problems and notes; says nothing of a board that is off or in step', () => {
    const problem = { file: '.github/planbot.yml', key: 'projects.fields.phase', line: 4, column: 5, message: 'the Project has no field "Phase"' };
    const report = dryRunReport([{ planPath: 'p', plan, board: outcome({ problems: [problem], notes: ['The Project board was skipped: no permission.'] }) }]);
    expect(report).toContain('Project board:\n- .github/planbot.yml:4:5: projects.fields.phase: the Project has no field "Phase"\n- The Project board was skipped: no permission.');
    for (const board of [null, outcome({ status: 'unchanged', reads: 0 })]) {
      expect(dryRunReport([{ planPath: 'p', plan, board }])).toBe('nothing to do: the issues match the plan.\n\nThis was a dry run: nothing was changed.');
    }
  });
});
