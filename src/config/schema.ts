// The schema of `.github/planbot.yml`. One source of truth: the zod schema gives validation,
// defaults and the TypeScript type; `npm run schema` writes schema/planbot.schema.json from it.
import { z } from 'zod';

export const DEFAULT_BRANCH_PATTERN = '^(\\d{3,}|\\d{8}-\\d{6})-[a-z0-9][a-z0-9-]*$';

/** The seed template's level-2 sections; a plan missing one gets a finding. */
export const DEFAULT_REQUIRED_SECTIONS = [
  'Summary',
  'Technical Context',
  'Project Structure',
  'Implementation Phases',
  'Quality Gates',
  'Risks & Mitigations',
];

const gateClassWords = z.array(z.string().min(1)).default([]);

const evidenceSchema = z
  .strictObject({
    review: z.strictObject({ approvals: z.number().int().min(1) }).optional(),
    files: z.array(z.string().min(1)).min(1).optional(),
    check: z.string().min(1).optional(),
  })
  .refine((value) => value.review || value.files || value.check, {
    message: 'evidence needs at least one of review, files or check',
  });

export const configSchema = z.strictObject({
  /** Org-level defaults are pulled in by Probot's `_extends` before validation; the key is allowed. */
  _extends: z.string().optional(),
  branches: z
    .strictObject({
      pattern: z
        .string()
        .default(DEFAULT_BRANCH_PATTERN)
        .refine(
          (source) => {
            try {
              new RegExp(source);
              return true;
            } catch {
              return false;
            }
          },
          { message: 'is not a valid regular expression' },
        ),
    })
    .prefault({}),
  plan: z
    .strictObject({
      path: z.string().min(1).default('specs/{feature}/plan.md'),
      glob: z.string().min(1).default('**/specs/*/plan.md'),
      template: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
  skeleton: z
    .strictObject({
      enabled: z.boolean().default(true),
      commit_message: z.string().min(1).default('docs(plan): add plan skeleton for {feature}'),
    })
    .prefault({}),
  gates: z
    .strictObject({
      vocabulary: z
        .strictObject({
          pass: gateClassWords,
          fail: gateClassWords,
          pending: gateClassWords,
          warn: gateClassWords,
          waived: gateClassWords,
        })
        .prefault({}),
      required_sections: z.array(z.string().min(1)).default(DEFAULT_REQUIRED_SECTIONS),
      evidence: z.record(z.string().min(1), evidenceSchema).default({}),
    })
    .prefault({}),
  checks: z
    .strictObject({
      enabled: z.boolean().default(true),
      per_gate: z.boolean().default(false),
      no_plan_conclusion: z
        .enum(['action_required', 'failure', 'neutral', 'success', 'skipped'])
        .default('action_required'),
      pending_conclusion: z.enum(['failure', 'neutral']).default('failure'),
    })
    .prefault({}),
  issues: z
    .strictObject({
      enabled: z.boolean().default(true),
      source: z.enum(['plan', 'tasks', 'both']).default('plan'),
      labels: z.array(z.string().min(1).max(50)).default(['planbot']),
      tracking_labels: z.array(z.string().min(1).max(50)).default(['planbot:tracking']),
      assignees: z.union([z.literal('author'), z.array(z.string().min(1))]).default('author'),
      milestone: z.number().int().positive().nullable().default(null),
      allow_mentions: z.boolean().default(false),
      sync_back: z.boolean().default(true),
    })
    .prefault({}),
  commands: z
    .strictObject({
      enabled: z.boolean().default(true),
    })
    .prefault({}),
});

export type PlanbotConfig = z.infer<typeof configSchema>;

/** All defaults: what a repository with no `.github/planbot.yml` gets. */
export function defaultConfig(): PlanbotConfig {
  return configSchema.parse({});
}
