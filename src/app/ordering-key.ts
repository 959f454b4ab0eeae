// Jobs that touch the same repository + feature must run one at a time, in arrival order.
// The key is derived from the payload alone so any replica computes the same one.
import { branchFromRef } from '../plan/feature.js';

const MARKER_FEATURE = /<!--\s*planbot:v1[^>]*\bfeature=([^\s>]+)/;

export function orderingKey(name: string, payload: any): string {
  const repo = payload?.repository?.full_name ?? `installation:${payload?.installation?.id ?? 'none'}`;
  const feature = featureHint(name, payload);
  return feature ? `${repo}#${feature}` : repo;
}

function featureHint(name: string, payload: any): string | null {
  const lastSegment = (ref: string | undefined | null) => (ref ? branchFromRef(ref).split('/').pop() ?? null : null);
  switch (name) {
    case 'create':
    case 'push':
      return lastSegment(payload?.ref);
    case 'pull_request':
    case 'pull_request_review':
      return lastSegment(payload?.pull_request?.head?.ref);
    case 'issues':
    case 'issue_comment':
      // planbot's own issues carry the feature in their hidden marker.
      return MARKER_FEATURE.exec(payload?.issue?.body ?? '')?.[1] ?? null;
    default:
      // Comments, check runs and suites, merge groups, statuses: the feature is not in the payload,
      // so they serialise per repository, which is always safe.
      return null;
  }
}
