// An invalid `.github/planbot.yml` turns `planbot / plan` into a failure that says exactly what is
// wrong and where; nothing else is written until it is fixed.
import type { ConfigProblem } from '../config/load.js';
import type { CheckRunSpec } from './check-run-spec.js';
import type { CheckAction } from './actions.js';
import { formatConfigProblem } from '../config/problems.js';
import { cell, code, plural } from './markdown.js';
import { PLAN_CHECK } from './names.js';

export function buildConfigErrorCheck(problems: ConfigProblem[], actions: CheckAction[]): CheckRunSpec {
  const files = [...new Set(problems.map((problem) => problem.file))];
  // Word for word what `planbot config` prints, so the check run and the terminal agree.
  const fence = '`'.repeat(Math.max(3, ...problems.map((problem) => longestBacktickRun(problem.message) + 1)));
  const summary = [
    '## Invalid planbot configuration',
    '',
    `planbot found ${plural(problems.length, 'problem')} in ${files.map(code).join(', ')}. ` +
      'Until it is fixed, planbot checks no plans and changes no issues.',
    '',
    configProblemTable(problems),
    '',
    'The same problems, as `planbot config` prints them before you push (the `planbot` command, or the Action):',
    '',
    `${fence}text`,
    ...problems.map((problem) => formatConfigProblem(problem).replace(/\r?\n/g, ' ')),
    fence,
    '',
    'Configuration is read from the default branch only: fix it there, then choose **Re-check** (or push again).',
    '',
  ].join('\n');
  return {
    name: PLAN_CHECK,
    conclusion: 'failure',
    title: `Invalid configuration: ${plural(problems.length, 'problem')} in ${files.join(', ')}`,
    summary,
    annotations: [],
    actions,
  };
}

/** The problems as a File | Line | Key | Problem table (also the board's config problems, src/checks/board-report.ts). */
export function configProblemTable(problems: ConfigProblem[]): string {
  const rows = problems.map(
    (problem) =>
      `| ${cell(code(problem.file))} | ${problem.line === null ? '–' : `${problem.line}${problem.column ? `:${problem.column}` : ''}`} | ${cell(problem.key ? code(problem.key) : '(whole file)')} | ${cell(problem.message)} |`,
  );
  return ['| File | Line | Key | Problem |', '|------|-----:|-----|---------|', ...rows].join('\n');
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
