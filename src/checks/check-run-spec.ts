// A check run as planbot wants it to be: what the evaluation builds, the diff compares against the
// runs already on the commit, and the writes are made from. Annotations are GitHub's own shape.
import type { CheckRunAnnotation } from '../github/github.js';
import type { CheckAction } from './actions.js';
import type { Conclusion } from './conclusion.js';

export type Annotation = CheckRunAnnotation;

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
