// `planbot lint FILE...`: findings as text, JSON or GitHub Actions annotations; exit 1 on errors.
import type { Finding, PlanModel } from '../plan/index.js';
import { argsOrHelp, choice } from './args.js';
import { ANALYSE_OPTIONS, analyseCommandInput } from './analyse-files.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { findingToJson } from './plan-json.js';
import { workflowCommand } from './workflow-commands.js';
import { LINT_USAGE } from './usage.js';

const FORMATS = ['text', 'json', 'github'] as const;

export async function runLint(args: string[], io: CliIo): Promise<number> {
  const parsed = argsOrHelp('lint', args, { format: { type: 'string' }, ...ANALYSE_OPTIONS }, { text: LINT_USAGE, io });
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  const format = choice('lint', 'format', values.format, FORMATS, 'text');
  const { files, models, failures } = await analyseCommandInput('lint', values, positionals);
  for (const failure of failures) io.stderr(`planbot: ${failure.message}\n`);

  const findings = distinct(models.flatMap((model) => model.findings.map((finding) => ({ file: fileOf(model), finding }))));
  if (format === 'json') {
    io.stdout(`${JSON.stringify(findings.map(({ file, finding }) => ({ file, ...findingToJson(finding) })), null, 2)}\n`);
  } else if (format === 'github') {
    for (const { file, finding } of findings) io.stdout(`${githubLine(file, finding)}\n`);
  } else {
    for (const { file, finding } of findings) {
      io.stdout(`${file}:${finding.line}:${finding.column ?? 1}  ${finding.severity}  ${finding.rule}  ${finding.message}\n`);
    }
    if (models.length) io.stderr(`${tally(findings.map(({ finding }) => finding))} in ${plural(models.length, 'file')}\n`);
  }
  if (failures.length) return EXIT_USAGE;
  return findings.some(({ finding }) => finding.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

/** The same finding twice at one place (e.g. one placeholder written twice on a line) is one finding. */
function distinct<T extends { file: string; finding: Finding }>(findings: T[]): T[] {
  const seen = new Set<string>();
  return findings.filter(({ file, finding }) => {
    const key = JSON.stringify([file, finding.line, finding.column ?? 1, finding.severity, finding.rule, finding.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fileOf(model: PlanModel): string {
  return model.file ?? '-';
}

function githubLine(file: string, finding: Finding): string {
  return workflowCommand({
    severity: finding.severity,
    file,
    line: finding.line,
    column: finding.column,
    title: `planbot ${finding.rule}`,
    message: finding.message,
  });
}

function tally(findings: Finding[]): string {
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('notice'), 'notice')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
