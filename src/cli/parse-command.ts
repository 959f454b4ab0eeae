// `planbot parse FILE... [--json]`: the model as documented JSON, or a summary people can read.
import type { PlanModel } from '../plan/index.js';
import { doneCount } from '../plan/phase-state.js';
import { argsOrHelp } from './args.js';
import { ANALYSE_OPTIONS, analyseCommandInput } from './analyse-files.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { planToJson } from './plan-json.js';
import { PARSE_USAGE } from './usage.js';

export async function runParse(args: string[], io: CliIo): Promise<number> {
  const parsed = argsOrHelp('parse', args, { json: { type: 'boolean' }, ...ANALYSE_OPTIONS }, { text: PARSE_USAGE, io });
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  const { files, models, failures } = await analyseCommandInput('parse', values, positionals);
  for (const failure of failures) io.stderr(`planbot: ${failure.message}\n`);
  if (values.json) {
    const json = models.map(planToJson);
    if (json.length) io.stdout(`${JSON.stringify(files.length === 1 ? json[0] : json, null, 2)}\n`);
  } else {
    io.stdout(models.map(summary).join('\n'));
  }
  return failures.length ? EXIT_USAGE : EXIT_OK;
}

function summary(model: PlanModel): string {
  const lines = [`${model.file}`];
  lines.push(`  feature: ${model.feature ?? '(unknown)'}`);
  lines.push(`  title: ${model.title ?? '(none)'}`);
  const done = doneCount(model.tasks);
  lines.push(`  phases: ${model.phases.length}; tasks: ${model.tasks.length} (${done} done)`);
  for (const phase of model.phases) {
    const phaseDone = doneCount(phase.tasks);
    const details = [
      `${phaseDone}/${phase.tasks.length} done`,
      ...(phase.duration ? [`duration ${phase.duration}`] : []),
      ...(phase.dependencies.length ? [`depends on ${phase.dependencies.join(', ')}`] : []),
    ];
    lines.push(`    Phase ${phase.number}: ${phase.title} (${details.join('; ')})  line ${phase.line}`);
  }
  lines.push(`  gates: ${model.gates.length}${countBy(model.gates.map((gate) => gate.status))}`);
  for (const gate of model.gates) lines.push(`    ${gate.status.padEnd(7)} ${gate.name}  line ${gate.line}`);
  lines.push(`  placeholders: ${model.placeholders.length}`);
  lines.push(`  findings: ${model.findings.length}${countBy(model.findings.map((finding) => finding.severity))}`);
  return `${lines.join('\n')}\n`;
}

/** ` (pending 3, pass 1)`, or nothing for an empty list. */
function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts.size ? ` (${[...counts].map(([value, count]) => `${value} ${count}`).join(', ')})` : '';
}
