// The writes that bring a commit's check runs to what planbot wants, as plain data: the diff makes
// them, a caller may print or count them, apply sends them. (Called writes, not actions: a check
// run's "actions" are its buttons, src/checks/actions.ts.)
import type { CheckRunOutput, NewCheckRun } from '../github/github.js';
import type { Annotation, CheckRunSpec } from './check-run-spec.js';
import type { Conclusion } from './conclusion.js';
import { ANNOTATIONS_PER_REQUEST, fitToLimits } from './limits.js';

/** POST a completed check run, carrying the first 50 annotations. */
export interface CreateCheckRun extends NewCheckRun {
  kind: 'create-check-run';
  conclusion: Conclusion;
}

/** PATCH the run the create of the same name just before it made: GitHub appends the annotations. */
export interface AppendAnnotations {
  kind: 'append-annotations';
  name: string;
  output: CheckRunOutput & { annotations: Annotation[] };
}

/** Each write is one request. */
export type CheckRunWrite = CreateCheckRun | AppendAnnotations;

/** Splits annotations into request-sized batches; always at least one (possibly empty) batch. */
export function annotationBatches(annotations: Annotation[]): Annotation[][] {
  const batches: Annotation[][] = [];
  for (let start = 0; start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(start, start + ANNOTATIONS_PER_REQUEST));
  }
  return batches.length > 0 ? batches : [[]];
}

/** Posting one run: a create with the first 50 annotations, then one append per further 50. */
export function writesFor(wanted: CheckRunSpec, headSha: string, externalId?: string): CheckRunWrite[] {
  const spec = fitToLimits(wanted);
  const [first, ...rest] = annotationBatches(spec.annotations);
  const output = { title: spec.title, summary: spec.summary, ...(spec.text !== undefined ? { text: spec.text } : {}) };
  const create: CreateCheckRun = {
    kind: 'create-check-run',
    name: spec.name,
    headSha,
    conclusion: spec.conclusion,
    ...(externalId ? { externalId } : {}),
    ...(spec.detailsUrl ? { detailsUrl: spec.detailsUrl } : {}),
    output: { ...output, ...(first.length > 0 ? { annotations: first } : {}) },
    ...(spec.actions && spec.actions.length > 0 ? { actions: spec.actions } : {}),
  };
  return [create, ...rest.map((batch): AppendAnnotations => ({ kind: 'append-annotations', name: spec.name, output: { ...output, annotations: batch } }))];
}
