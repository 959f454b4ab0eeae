// Tech-stack rows that name no technology. A row holding only a placeholder is left to the
// `placeholder` rule, so one blank is reported once.
import { findPlaceholders } from '../placeholders.js';
import { quote, type LintRule } from './rule.js';

const BLANK = /^(?:|[-–—?]+|tbd|tbc|\?\?+)$/i;

export const techStackEmptyRule: LintRule = {
  id: 'tech-stack-empty',
  severity: 'warning',
  planOnly: true,
  check: (model) =>
    model.techStack
      .filter((row) => BLANK.test(row.technology.trim()) && findPlaceholders(row.technology).length === 0)
      .map((row) => ({
        message: `Tech stack: ${row.component ? quote(row.component) : 'a row'} names no technology`,
        line: row.line,
      })),
};
