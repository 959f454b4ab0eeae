// Runs one rule over a small plan and returns its findings as [line, message] pairs.
import { lintPlan, parsePlan, type AnalyseOptions } from '../../../src/plan/index.js';

export function findingsOf(rule: string, markdown: string | string[], options: AnalyseOptions = {}) {
  const source = Array.isArray(markdown) ? markdown.join('\n') : markdown;
  return lintPlan(parsePlan(source, options), options).filter((finding) => finding.rule === rule);
}
