// Every lint rule, in the order findings on one line are listed.
import type { LintRule } from './rule.js';
import { placeholderRule } from './placeholder.js';
import { requiredSectionRule } from './required-section.js';
import { techStackEmptyRule } from './tech-stack-empty.js';
import { phaseWithoutTasksRule } from './phase-without-tasks.js';
import { unknownDependencyRule } from './unknown-dependency.js';
import { dependencyCycleRule } from './dependency-cycle.js';
import { duplicatePhaseRule } from './duplicate-phase.js';
import { gateFailingRule, gatePendingRule, gateUnknownRule, gateWarningRule } from './gate-status.js';

export type { LintRule };

export const RULES: readonly LintRule[] = [
  placeholderRule,
  requiredSectionRule,
  techStackEmptyRule,
  phaseWithoutTasksRule,
  unknownDependencyRule,
  dependencyCycleRule,
  duplicatePhaseRule,
  gateFailingRule,
  gatePendingRule,
  gateUnknownRule,
  gateWarningRule,
];
