// Evidence: configuration can require proof for a gate instead of trusting the plan's Status cell.
// Pure: the facts (approvals, changed files, other checks' results) are fetched elsewhere.
import picomatch from 'picomatch';
import type { PlanbotConfig } from '../config/schema.js';
import type { Gate } from '../plan/index.js';
import { code, plural } from './markdown.js';
import { nameKey } from './names.js';

export type EvidenceRequirement = PlanbotConfig['gates']['evidence'][string];

/** Where another check stands on the evaluated commit. */
export interface ExternalCheckState {
  state: 'success' | 'failure' | 'pending' | 'missing';
  /** The check run conclusion or commit status state as GitHub gave it, for the summary. */
  detail: string | null;
  kind: 'check run' | 'status' | null;
}

export interface EvidenceFacts {
  /** Approving reviews (latest per reviewer); null when there is no pull request to ask. */
  approvals: number | null;
  changedFiles: string[];
  filesTruncated: boolean;
  /** By `nameKey` of the configured check name. */
  checks: Map<string, ExternalCheckState>;
}

export interface EvidenceOutcome {
  status: 'pass' | 'fail' | 'pending';
  /** One line per piece of evidence, e.g. "1 of 2 approvals". */
  reasons: string[];
}

/** The evidence configured for a gate, matching names case-insensitively. */
export function evidenceFor(gateName: string, evidence: PlanbotConfig['gates']['evidence']): EvidenceRequirement | null {
  const key = nameKey(gateName);
  for (const [name, requirement] of Object.entries(evidence)) if (nameKey(name) === key) return requirement;
  return null;
}

/** What has to be fetched to judge the gates these plans contain. */
export function evidenceNeeds(
  gates: Iterable<Gate>,
  evidence: PlanbotConfig['gates']['evidence'],
): { reviews: boolean; checkNames: string[] } {
  let reviews = false;
  const checkNames = new Map<string, string>();
  for (const gate of gates) {
    const requirement = evidenceFor(gate.name, evidence);
    if (!requirement) continue;
    if (requirement.review) reviews = true;
    if (requirement.check) checkNames.set(nameKey(requirement.check), requirement.check);
  }
  return { reviews, checkNames: [...checkNames.values()] };
}

/** Every configured piece must hold: any failure fails, anything unfinished is pending. */
export function evaluateEvidence(requirement: EvidenceRequirement, facts: EvidenceFacts): EvidenceOutcome {
  const parts: Array<{ status: EvidenceOutcome['status']; reason: string }> = [];
  if (requirement.review) parts.push(reviewEvidence(requirement.review.approvals, facts.approvals));
  if (requirement.files) parts.push(filesEvidence(requirement.files, facts));
  if (requirement.check) parts.push(checkEvidence(requirement.check, facts.checks.get(nameKey(requirement.check))));
  const status = parts.some((part) => part.status === 'fail')
    ? 'fail'
    : parts.some((part) => part.status === 'pending')
      ? 'pending'
      : 'pass';
  return { status, reasons: parts.map((part) => part.reason) };
}

function reviewEvidence(needed: number, approvals: number | null) {
  if (approvals === null) return { status: 'pending' as const, reason: `needs ${plural(needed, 'approval')}; no pull request to count them on` };
  return {
    status: approvals >= needed ? ('pass' as const) : ('pending' as const),
    reason: `${approvals} of ${plural(needed, 'required approval')}`,
  };
}

function filesEvidence(globs: string[], facts: EvidenceFacts) {
  const matches = picomatch(globs, { dot: true });
  const matched = facts.changedFiles.filter((path) => matches(path));
  const globList = globs.map(code).join(', ');
  if (matched.length > 0) {
    const shown = matched.slice(0, 3).map(code).join(', ');
    const more = matched.length > 3 ? ` and ${matched.length - 3} more` : '';
    return { status: 'pass' as const, reason: `changes ${shown}${more}` };
  }
  const caveat = facts.filesTruncated ? ' among the files GitHub lists (the list is truncated)' : '';
  return { status: 'pending' as const, reason: `no changed file matches ${globList}${caveat}` };
}

function checkEvidence(name: string, state: ExternalCheckState | undefined) {
  const label = code(name);
  if (!state || state.state === 'missing') return { status: 'pending' as const, reason: `${label} has not reported on this commit` };
  if (state.state === 'pending') return { status: 'pending' as const, reason: `${label} (${state.kind}) is ${state.detail ?? 'running'}` };
  if (state.state === 'success') return { status: 'pass' as const, reason: `${label} (${state.kind}) succeeded` };
  return { status: 'fail' as const, reason: `${label} (${state.kind}) concluded ${state.detail ?? 'failure'}` };
}
