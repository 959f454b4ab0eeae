// `planbot / plan`: is every plan complete? One check run covers all plans of the pull request
// (branch protection needs one stable name): a section per plan, annotations on each plan's lines.
import type { Finding, PlanModel, Severity } from '../plan/index.js';
import type { Annotation, CheckRunSpec } from './check-run-spec.js';
import type { RepoCoordinates } from '../github/github.js';
import type { CheckAction } from './actions.js';
import { findingAnnotation } from './annotations.js';
import { worstConclusion, type Conclusion } from './conclusion.js';
import { blobLineUrl, cell, code, plural, textLine } from './markdown.js';
import { noPlanSection, newFileUrl, type NoPlanFacts } from './no-plan.js';
import { PLAN_CHECK } from './names.js';

export interface PlanCheckInput {
  repo: RepoCoordinates;
  headSha: string;
  plans: Array<{ path: string; model: Pick<PlanModel, 'findings'> }>;
  readErrors: Array<{ path: string; message: string }>;
  /** Set when the branch's feature has no plan. */
  missing: NoPlanFacts | null;
  /** GitHub's changed-file list was cut at its cap. */
  filesTruncated: boolean;
  noPlanConclusion: Conclusion;
  /** Annotations beyond this many are left out (each 50 cost one request). */
  maxAnnotations: number;
  actions: CheckAction[];
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'notice'];
const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

export function buildPlanCheck(input: PlanCheckInput): CheckRunSpec {
  const counts = input.plans.map((plan) => countBySeverity(plan.model.findings));
  const total = sumCounts(counts);
  const allAnnotations: Annotation[] = input.plans.flatMap((plan) =>
    plan.model.findings.map((finding) => findingAnnotation(plan.path, finding)),
  );
  const annotations = allAnnotations.slice(0, Math.max(0, input.maxAnnotations));

  const conclusion = worstConclusion([
    total.error > 0 || input.readErrors.length > 0 ? 'failure' : 'success',
    input.missing ? input.noPlanConclusion : 'success',
  ]);

  const sections: string[] = ['## Plan completeness', '', headline(input, total), ''];
  if (input.missing) sections.push(noPlanSection(input.missing), '');
  if (input.plans.length > 0) sections.push(overviewTable(input.plans, counts), '');
  if (input.readErrors.length > 0) sections.push(readErrorSection(input.readErrors), '');
  if (input.filesTruncated) {
    sections.push('> [!NOTE]\n> GitHub lists at most 3,000 changed files of a pull request; plans beyond them were not checked.', '');
  }
  if (annotations.length < allAnnotations.length) {
    sections.push(
      `> [!NOTE]\n> The first ${annotations.length} of ${allAnnotations.length} findings are annotated on their lines; all are listed below.`,
      '',
    );
  }
  input.plans.forEach((plan, index) => sections.push(planSection(input, plan.path, plan.model.findings, counts[index]), ''));

  return {
    name: PLAN_CHECK,
    conclusion,
    title: title(input, total),
    summary: sections.join('\n').trimEnd() + '\n',
    annotations,
    actions: input.actions,
    ...(input.missing
      ? { detailsUrl: newFileUrl(input.missing.headRepository, input.missing.feature.branch, input.missing.expectedPath) }
      : {}),
  };
}

type Counts = Record<Severity, number>;

function countBySeverity(findings: Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function sumCounts(all: Counts[]): Counts {
  const total: Counts = { error: 0, warning: 0, notice: 0 };
  for (const counts of all) for (const severity of SEVERITY_ORDER) total[severity] += counts[severity];
  return total;
}

function describeCounts(counts: Counts): string {
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.notice, 'notice')];
  return parts.filter((part) => !part.startsWith('0 ')).join(', ');
}

function title(input: PlanCheckInput, total: Counts): string {
  if (input.missing) return `No plan for ${input.missing.feature.feature}`;
  if (input.readErrors.length > 0 && input.plans.length === 0) return `${plural(input.readErrors.length, 'plan')} could not be checked`;
  const scope = input.plans.length > 1 ? ` across ${input.plans.length} plans` : '';
  if (total.error > 0) return `Plan incomplete: ${describeCounts(total)}${scope}`;
  if (input.readErrors.length > 0) return `${plural(input.readErrors.length, 'plan')} could not be checked`;
  const rest = describeCounts(total);
  return rest ? `Plan complete, ${rest}${scope}` : input.plans.length > 1 ? `All ${input.plans.length} plans complete` : 'Plan complete';
}

function headline(input: PlanCheckInput, total: Counts): string {
  const planCount = plural(input.plans.length, 'plan');
  if (input.plans.length === 0) return input.missing ? '❌ This feature has no plan yet.' : '❌ No plan could be checked.';
  if (total.error > 0) return `❌ **${describeCounts(total)}** in ${planCount}. Errors must be fixed for this check to pass.`;
  const rest = describeCounts(total);
  return rest ? `✅ No errors in ${planCount}; ${rest}.` : `✅ ${input.plans.length > 1 ? `All ${planCount} are` : 'The plan is'} complete: no findings.`;
}

function overviewTable(plans: PlanCheckInput['plans'], counts: Counts[]): string {
  const rows = plans.map(
    (plan, index) => `| ${cell(code(plan.path))} | ${counts[index].error} | ${counts[index].warning} | ${counts[index].notice} |`,
  );
  return ['| Plan | Errors | Warnings | Notices |', '|------|-------:|---------:|--------:|', ...rows].join('\n');
}

function readErrorSection(errors: PlanCheckInput['readErrors']): string {
  return ['### Plans planbot could not check', '', ...errors.map((error) => `- ${code(error.path)} ${oneLine(error.message)}`)].join('\n');
}

function planSection(input: PlanCheckInput, path: string, findings: Finding[], counts: Counts): string {
  const lines = [`### ${code(path)}`, ''];
  if (findings.length === 0) {
    lines.push('✅ No findings.');
    return lines.join('\n');
  }
  const byRule = groupByRule(findings);
  lines.push(`${plural(findings.length, 'finding')}: ${describeCounts(counts)}.`, '');
  lines.push('| Rule | Severity | Findings |', '|------|----------|---------:|');
  for (const group of byRule) lines.push(`| ${cell(code(group.rule))} | ${group.severity} | ${group.findings.length} |`);
  for (const group of byRule) {
    lines.push('', `#### ${SEVERITY_ICON[group.severity]} ${code(group.rule)} (${group.findings.length})`, '');
    for (const finding of group.findings) {
      const url = blobLineUrl(input.repo, input.headSha, path, Math.max(1, finding.line));
      const where = finding.column ? `Line ${finding.line}:${finding.column}` : `Line ${finding.line}`;
      lines.push(`- [${where}](${url}): ${oneLine(finding.message)}`);
    }
  }
  return lines.join('\n');
}

interface RuleGroup {
  rule: string;
  severity: Severity;
  findings: Finding[];
}

/** Rules ordered by severity, then by where they first occur; findings by line. */
function groupByRule(findings: Finding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const finding of [...findings].sort((a, b) => a.line - b.line)) {
    const group = groups.get(finding.rule) ?? { rule: finding.rule, severity: finding.severity, findings: [] };
    if (SEVERITY_ORDER.indexOf(finding.severity) < SEVERITY_ORDER.indexOf(group.severity)) group.severity = finding.severity;
    group.findings.push(finding);
    groups.set(finding.rule, group);
  }
  return [...groups.values()].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/** A finding or error message on one line: it quotes plan text, so it is neutralised and bounded. */
function oneLine(text: string): string {
  return textLine(text, 2_000);
}
