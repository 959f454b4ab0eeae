// GitHub Actions workflow commands (`::error file=…,line=…::message`), escaped the way
// @actions/core escapes them: data gets %, CR, LF encoded; properties also `:` and `,`.
import type { Severity } from '../plan/index.js';

export interface Annotation {
  severity: Severity;
  file: string;
  line: number;
  column?: number;
  title: string;
  message: string;
}

/** One `::error|warning|notice …::…` line (without the trailing newline). */
export function workflowCommand(annotation: Annotation): string {
  const properties = [
    `file=${escapeProperty(annotation.file)}`,
    `line=${annotation.line}`,
    ...(annotation.column ? [`col=${annotation.column}`] : []),
    `title=${escapeProperty(annotation.title)}`,
  ];
  return `::${annotation.severity} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
