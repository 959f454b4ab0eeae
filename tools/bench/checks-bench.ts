// Cost of turning analysed plans into check runs (buildCheckRuns + GitHub's limits), and how many
// requests they cost, for a seed-shaped plan with 0 to 5,000 extra placeholder notes and a 1 MB plan.
import { analysePlan, SEED_TEMPLATE, type PlanModel } from '../../src/plan/index.js';
import { buildCheckRuns } from '../../src/checks/evaluate.js';
import { fitToLimits } from '../../src/checks/limits.js';
import { annotationBatches } from '../../src/checks/writes.js';
import { defaultConfig, DEFAULT_BRANCH_PATTERN } from '../../src/config/schema.js';
import { featureFromBranch } from '../../src/plan/feature.js';
import { generatePlan } from './plan-bench.js';

export interface ChecksBenchRow {
  label: string;
  findings: number;
  gates: number;
  /** Median time to build and fit every check run, milliseconds. */
  medianMs: number;
  summaryChars: number;
  truncated: boolean;
  annotations: number;
  /** Requests for all check runs of the event: creates plus annotation updates. */
  writeRequests: number;
}

export interface ChecksBenchResult {
  name: 'checks';
  node: string;
  runs: number;
  rows: ChecksBenchRow[];
}

const PATH = 'specs/001-user-auth/plan.md';

function withPlaceholders(count: number): string {
  const notes = Array.from({ length: count }, (_, index) => `- Note ${index + 1}: [TO FILL: decide the retention period for bucket ${index}]`);
  return `${SEED_TEMPLATE.replaceAll('[TO FILL', '[filled')}\n## Notes\n\n${notes.join('\n')}\n`;
}

const CASES: Array<{ label: string; source: () => string }> = [
  { label: 'seed plan', source: () => withPlaceholders(0) },
  { label: '+50 notes', source: () => withPlaceholders(50) },
  { label: '+500 notes', source: () => withPlaceholders(500) },
  { label: '+5,000 notes', source: () => withPlaceholders(5000) },
  { label: '1 MB plan', source: () => generatePlan(1024 * 1024) },
];

function evaluate(model: PlanModel) {
  const config = defaultConfig();
  config.checks.per_gate = true;
  return buildCheckRuns({
    repo: { owner: 'acme', repo: 'web' },
    plans: {
      config,
      problems: [],
      feature: featureFromBranch('001-user-auth', DEFAULT_BRANCH_PATTERN),
      expectedPath: PATH,
      plans: [{ path: PATH, feature: '001-user-auth', content: '', blobSha: 'b', ref: 'sha', model }],
      missing: false,
      changedFiles: [PATH],
      readErrors: [],
      removedFiles: [],
      filesTruncated: false,
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    },
    facts: { approvals: null, changedFiles: [PATH], filesTruncated: false, checks: new Map() },
    headRepository: 'acme/web',
    mergeGroup: false,
  }).map(fitToLimits);
}

export function runChecksBench(options: { runs?: number } = {}): ChecksBenchResult {
  const runs = options.runs ?? 7;
  const rows = CASES.map(({ label, source }) => {
    const model = analysePlan(source(), { file: PATH });
    evaluate(model);
    const times: number[] = [];
    let specs = evaluate(model);
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      specs = evaluate(model);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    const plan = specs[0];
    return {
      label,
      findings: model.findings.length,
      gates: model.gates.length,
      medianMs: Math.round(times[Math.floor(times.length / 2)] * 100) / 100,
      summaryChars: plan.summary.length,
      truncated: plan.summary.includes('**Truncated.**'),
      annotations: plan.annotations.length,
      writeRequests: specs.reduce((sum, spec) => sum + annotationBatches(spec.annotations).length, 0),
    };
  });
  return { name: 'checks', node: process.version, runs, rows };
}

export function formatChecksBench(result: ChecksBenchResult): string {
  return [
    `checks: build + fit all check runs (per_gate on), median of ${result.runs} runs, ${result.node}`,
    ...result.rows.map(
      (row) =>
        `${row.label.padEnd(16)} findings ${String(row.findings).padStart(5)}  gates ${String(row.gates).padStart(4)}  ` +
        `${row.medianMs.toFixed(2).padStart(8)} ms  summary ${String(row.summaryChars).padStart(6)} chars${row.truncated ? ' (truncated)' : ''}  ` +
        `annotations ${String(row.annotations).padStart(3)}  write requests ${row.writeRequests}`,
    ),
  ].join('\n');
}
