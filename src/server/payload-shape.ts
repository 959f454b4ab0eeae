// The shape each handled event's payload must have before it is queued. A signed payload that
// lacks a part the handlers read (a push without `repository`, a pull request without `head`) is
// bad input, not a passing fault: retrying it cannot help, and while it retried it held its
// feature's place in the queue. Checked at the door, it is refused (400) and named in one log line.
import { z } from 'zod';

const repository = z.looseObject({
  full_name: z.string(),
  name: z.string(),
  owner: z.looseObject({ login: z.string() }),
});
const sender = z.looseObject({ login: z.string() });
const head = z.looseObject({ sha: z.string(), ref: z.string() });
const pullRequest = z.looseObject({ number: z.number(), head, base: z.looseObject({ ref: z.string() }) });
const common = { repository, action: z.string() };

const SHAPES: Record<string, z.ZodType> = {
  create: z.looseObject({ repository, ref: z.string(), ref_type: z.string() }),
  push: z.looseObject({ repository, ref: z.string(), after: z.string() }),
  pull_request: z.looseObject({ ...common, pull_request: pullRequest }),
  pull_request_review: z.looseObject({ ...common, pull_request: pullRequest, review: z.looseObject({}) }),
  issues: z.looseObject({ ...common, sender, issue: z.looseObject({ number: z.number() }) }),
  issue_comment: z.looseObject({ ...common, sender, issue: z.looseObject({ number: z.number() }), comment: z.looseObject({ id: z.number() }) }),
  check_run: z.looseObject({ ...common, check_run: z.looseObject({ id: z.number(), head_sha: z.string() }) }),
  check_suite: z.looseObject({ ...common, check_suite: z.looseObject({ head_sha: z.string() }) }),
  merge_group: z.looseObject({ ...common, merge_group: z.looseObject({ head_sha: z.string() }) }),
  status: z.looseObject({ repository, sha: z.string(), state: z.string() }),
  // Organisation-level: no repository.
  projects_v2_item: z.looseObject({ action: z.string(), projects_v2_item: z.looseObject({ node_id: z.string() }) }),
};

export type ShapeCheck = { ok: true } | { ok: false; field: string; problem: string };

/**
 * Whether `payload` has what the handlers of event `name` read. Events planbot does not handle
 * only need to be a JSON object.
 */
export function checkPayloadShape(name: string, payload: unknown): ShapeCheck {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, field: '(payload)', problem: `the payload is ${payload === null ? 'null' : Array.isArray(payload) ? 'an array' : `a ${typeof payload}`}, not an object` };
  }
  const shape = Object.hasOwn(SHAPES, name) ? SHAPES[name] : null;
  if (!shape) return { ok: true };
  const parsed = shape.safeParse(payload);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || '(payload)';
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return { ok: false, field, problem: missing ? `\`${field}\` is missing` : `\`${field}\`: ${issue.message}` };
}

/** An error the webhook middleware answers with its status (400): the delivery is refused, not retried. */
export class BadPayloadError extends Error {
  readonly status = 400;
  constructor(
    readonly deliveryId: string,
    readonly event: string,
    readonly field: string,
    problem: string,
  ) {
    super(`delivery ${deliveryId} (${event}) refused: ${problem}`);
    this.name = 'BadPayloadError';
  }
}
