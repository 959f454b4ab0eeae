// Posting check runs: one create with the first 50 annotations, then one update per further 50
// (GitHub appends annotations on update). Also reads the check runs already on a commit, so a
// re-evaluation that changes nothing writes nothing.
import type { Octokit, RepoCoordinates } from './files.js';
import type { CheckAction } from '../checks/actions.js';
import type { Conclusion } from '../checks/conclusion.js';
import {
  ANNOTATIONS_PER_REQUEST,
  MAX_ANNOTATION_MESSAGE,
  MAX_ANNOTATION_TITLE,
  MAX_OUTPUT_CHARS,
  MAX_TITLE,
  clip,
  truncateMarkdown,
} from '../checks/limits.js';

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
}

/** A check run as planbot wants it to be. */
export interface CheckRunSpec {
  name: string;
  conclusion: Conclusion;
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
  actions?: CheckAction[];
  detailsUrl?: string;
}

/** The fields of an existing check run planbot compares against. */
export interface ExistingCheckRun {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  external_id?: string | null;
  app?: { id?: number } | null;
  output: { title?: string | null; summary?: string | null; text?: string | null; annotations_count?: number };
}

export interface PostedCheckRun {
  id: number;
  /** Requests made: 1 create + 1 per further batch of 50 annotations. */
  requests: number;
}

/** Applies GitHub's limits, so what is posted and what is compared are the same thing. */
export function fitToLimits(spec: CheckRunSpec): CheckRunSpec {
  return {
    ...spec,
    title: clip(spec.title, MAX_TITLE),
    summary: truncateMarkdown(spec.summary, MAX_OUTPUT_CHARS),
    ...(spec.text !== undefined ? { text: truncateMarkdown(spec.text, MAX_OUTPUT_CHARS) } : {}),
    annotations: spec.annotations.map((annotation) => ({
      ...annotation,
      start_line: Math.max(1, annotation.start_line),
      end_line: Math.max(1, annotation.end_line),
      message: clip(annotation.message, MAX_ANNOTATION_MESSAGE),
      ...(annotation.title !== undefined ? { title: clip(annotation.title, MAX_ANNOTATION_TITLE) } : {}),
    })),
  };
}

/** Splits annotations into request-sized batches; always at least one (possibly empty) batch. */
export function annotationBatches(annotations: Annotation[]): Annotation[][] {
  const batches: Annotation[][] = [];
  for (let start = 0; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(start, start + ANNOTATIONS_PER_REQUEST));
  }
  return batches.length > 0 ? batches : [[]];
}

/** Creates a completed check run on `headSha`, then appends the remaining annotations. */
export async function postCheckRun(
  octokit: Octokit,
  where: RepoCoordinates,
  headSha: string,
  wanted: CheckRunSpec,
  externalId?: string,
): Promise<PostedCheckRun> {
  const spec = fitToLimits(wanted);
  const [first, ...rest] = annotationBatches(spec.annotations);
  const output = {
    title: spec.title,
    summary: spec.summary,
    ...(spec.text !== undefined ? { text: spec.text } : {}),
  };
  const { data } = await octokit.rest.checks.create({
    ...where,
    name: spec.name,
    head_sha: headSha,
    status: 'completed',
    conclusion: spec.conclusion,
    ...(externalId ? { external_id: externalId } : {}),
    ...(spec.detailsUrl ? { details_url: spec.detailsUrl } : {}),
    output: { ...output, ...(first.length > 0 ? { annotations: first } : {}) },
    ...(spec.actions && spec.actions.length > 0 ? { actions: spec.actions } : {}),
  });
  for (const batch of rest) {
    await octokit.rest.checks.update({ ...where, check_run_id: data.id, output: { ...output, annotations: batch } });
  }
  return { id: data.id, requests: 1 + rest.length };
}

/** The latest check run of every name on a commit (all apps), following pagination. */
export async function listCheckRunsForRef(
  octokit: Octokit,
  where: RepoCoordinates,
  sha: string,
): Promise<ExistingCheckRun[]> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    ...where,
    ref: sha,
    filter: 'latest',
    per_page: 100,
  });
  return runs as ExistingCheckRun[];
}

/** True when the existing run already shows exactly what `wanted` would post. */
export function isUnchanged(existing: ExistingCheckRun | undefined, wanted: CheckRunSpec): boolean {
  if (!existing || existing.status !== 'completed') return false;
  const spec = fitToLimits(wanted);
  return (
    existing.conclusion === spec.conclusion &&
    (existing.output.title ?? '') === spec.title &&
    (existing.output.summary ?? '') === spec.summary &&
    (existing.output.text ?? '') === (spec.text ?? '') &&
    (existing.output.annotations_count ?? 0) === spec.annotations.length
  );
}
