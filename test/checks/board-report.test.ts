// The board step's findings on the head's `planbot / plan` run: config problems as a table (file,
// key, line) that fail the run, notes as lines that change no conclusion, and no second write when
// a redelivery finds the same.
import { describe, expect, it } from '@jest/globals';
import { BOARD_HEADING, reportBoardFindings } from '../../src/checks/board-report.js';
import type { ExistingCheckRun, GitHub } from '../../src/github/github.js';

const where = { owner: 'acme', repo: 'web' };
const problem = { file: '.github/planbot.yml', key: 'projects.fields.status.options.done', line: 6, column: 9, message: 'the Project\'s Status field has no option "Done"' };

function fakeGitHub(run: ExistingCheckRun | null) {
  const updates: Array<{ id: number; update: any }> = [];
  const github = {
    listCheckRuns: async () => (run ? [run] : []),
    updateCheckRun: async (_where: unknown, id: number, update: any) => {
      updates.push({ id, update });
      if (run) run.output = { ...run.output, ...update.output };
    },
  } as unknown as GitHub;
  return { github, updates };
}
const planRun = (): ExistingCheckRun => ({ id: 7, name: 'planbot / plan', status: 'completed', conclusion: 'success', output: { title: 'Plan complete', summary: '## Plan completeness\n\nall good\n' } });

describe('reportBoardFindings', () => {
  it('adds a Project board section with the config problem (file, line, key) and fails the run', async () => {
    const { github, updates } = fakeGitHub(planRun());
    expect(await reportBoardFindings(github, where, 'abc', { problems: [problem], notes: [] })).toBe(true);
    expect(updates).toHaveLength(1);
    const { update } = updates[0];
    expect(update.conclusion).toBe('failure');
    expect(update.output.title).toBe('Project board: 1 config problem · Plan complete');
    expect(update.output.summary.startsWith(BOARD_HEADING)).toBe(true);
    expect(update.output.summary).toContain('| `.github/planbot.yml` | 6:9 | `projects.fields.status.options.done` |');
    // The plan check's own text stays, after the section.
    expect(update.output.summary).toContain('## Plan completeness\n\nall good');
  });

  it('a note (permission not granted) is one line and changes no conclusion', async () => {
    const { github, updates } = fakeGitHub(planRun());
    await reportBoardFindings(github, where, 'abc', { problems: [], notes: ['The Project board was skipped: no permission.'] });
    expect(updates[0].update.conclusion).toBeUndefined();
    expect(updates[0].update.output.title).toBe('Plan complete');
    expect(updates[0].update.output.summary).toContain('- The Project board was skipped: no permission.');
  });

  it('writes nothing when the run already says the same (a redelivery), and replaces an older section', async () => {
    const run = planRun();
    const { github, updates } = fakeGitHub(run);
    await reportBoardFindings(github, where, 'abc', { problems: [], notes: ['first note'] });
    expect(await reportBoardFindings(github, where, 'abc', { problems: [], notes: ['first note'] })).toBe(false);
    expect(updates).toHaveLength(1);
    await reportBoardFindings(github, where, 'abc', { problems: [], notes: ['second note'] });
    expect(updates).toHaveLength(2);
    expect(run.output.summary).not.toContain('first note');
    expect(run.output.summary!.match(/### Project board/g)).toHaveLength(1);
  });

  it('nothing to show, or no run of planbot’s: no write', async () => {
    const none = fakeGitHub(null);
    expect(await reportBoardFindings(none.github, where, 'abc', { problems: [problem], notes: [] })).toBe(false);
    const empty = fakeGitHub(planRun());
    expect(await reportBoardFindings(empty.github, where, 'abc', { problems: [], notes: [] })).toBe(false);
    expect([...none.updates, ...empty.updates]).toEqual([]);
  });
});
