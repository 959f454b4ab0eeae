// Plan findings as check run annotations on the plan's lines.
import type { Finding, Severity } from '../plan/index.js';
import type { Annotation } from './check-run-spec.js';

const LEVEL: Record<Severity, Annotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice',
};

export function findingAnnotation(path: string, finding: Finding): Annotation {
  const line = Math.max(1, finding.line);
  return {
    path,
    start_line: line,
    end_line: line,
    annotation_level: LEVEL[finding.severity],
    title: finding.rule,
    message: finding.message,
  };
}
