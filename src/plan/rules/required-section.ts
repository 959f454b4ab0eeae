// Sections every plan must have (configurable; default: the seed template's).
import { DEFAULT_REQUIRED_SECTIONS } from '../../config/schema.js';
import { normaliseSectionTitle } from '../section-title.js';
import { quote, type LintRule } from './rule.js';

export const requiredSectionRule: LintRule = {
  id: 'required-section',
  severity: 'warning',
  planOnly: true,
  check: (model, options) => {
    const present = new Set(
      model.sections.filter((section) => section.depth >= 2).map((section) => normaliseSectionTitle(section.title)),
    );
    const titleLine = model.sections.find((section) => section.depth === 1)?.line ?? 1;
    return (options.requiredSections ?? DEFAULT_REQUIRED_SECTIONS)
      .filter((required) => !present.has(normaliseSectionTitle(required)))
      .map((required) => ({ message: `Required section ${quote(required)} is missing`, line: titleLine }));
  },
};
