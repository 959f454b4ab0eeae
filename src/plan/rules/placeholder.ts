// Template tokens nobody filled in.
import type { LintRule } from './rule.js';

export const placeholderRule: LintRule = {
  id: 'placeholder',
  severity: 'error',
  planOnly: false,
  check: (model) =>
    model.placeholders.map((placeholder) => ({
      message: `Unfilled placeholder ${placeholder.text.length > 120 ? `${placeholder.text.slice(0, 119)}…` : placeholder.text}`,
      line: placeholder.line,
      column: placeholder.column,
    })),
};
