// Check run conclusions and how gate statuses map onto them.
import type { GateStatus } from '../plan/index.js';
import type { PlanbotConfig } from '../config/schema.js';

export type Conclusion = 'action_required' | 'failure' | 'neutral' | 'success' | 'skipped';

/** Worst first: combining several outcomes keeps the one a reviewer must act on. */
const SEVERITY: Record<Conclusion, number> = {
  failure: 4,
  action_required: 3,
  neutral: 2,
  skipped: 1,
  success: 0,
};

export function worstConclusion(conclusions: Iterable<Conclusion>, fallback: Conclusion = 'success'): Conclusion {
  let worst = fallback;
  for (const conclusion of conclusions) if (SEVERITY[conclusion] > SEVERITY[worst]) worst = conclusion;
  return worst;
}

/**
 * One gate's conclusion: pass and waived succeed, fail fails, warn is neutral (passes branch
 * protection but stands out), pending and unknown follow `checks.pending_conclusion`.
 */
export function gateConclusion(status: GateStatus, checks: PlanbotConfig['checks']): Conclusion {
  switch (status) {
    case 'pass':
    case 'waived':
      return 'success';
    case 'fail':
      return 'failure';
    case 'warn':
      return 'neutral';
    case 'pending':
    case 'unknown':
      return checks.pending_conclusion;
  }
}

/** Worst first, for ordering and combining gate statuses (e.g. one gate named in two plans). */
const STATUS_SEVERITY: Record<GateStatus, number> = {
  fail: 5,
  unknown: 4,
  pending: 3,
  warn: 2,
  waived: 1,
  pass: 0,
};

export function worstStatus(statuses: Iterable<GateStatus>): GateStatus {
  let worst: GateStatus | null = null;
  for (const status of statuses) if (worst === null || STATUS_SEVERITY[status] > STATUS_SEVERITY[worst]) worst = status;
  return worst ?? 'unknown';
}

export const STATUS_LABEL: Record<GateStatus, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  pending: '⏳ pending',
  warn: '⚠️ warn',
  waived: '➖ waived',
  unknown: '❔ unknown',
};
