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

const gateClassWords = (status: string) =>
  z
    .array(z.string().min(1))
    .default([])
    .describe(`Extra words (besides the built-in ones) that mark a gate's Status cell as ${status}.`);

const gateHeaderWords = (column: string) =>
  z
    .array(z.string().min(1))
    .default([])
    .describe(`Extra header words (besides the built-in ones) that mark ${column}.`);

/** A path inside the repository: relative, forward slashes, no `.`/`..` segments. */
const repoRelativePath = (what: string) =>
  z
    .string()
    .min(1)
    .refine((path) => !path.startsWith('/') && !/^[a-zA-Z]:/.test(path) && !path.includes('\\'), {
      message: `${what} must be a relative path inside the repository`,
      abort: true,
    })
    .refine((path) => path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'), {
      message: `${what} must not contain empty, "." or ".." segments`,
    });

const evidenceSchema = z
  .strictObject({
    review: z
      .strictObject({
        approvals: z.number().int().min(1).describe('Approving reviews the pull request needs.'),
      })
      .optional()
      .describe('Require approving reviews on the pull request.'),
    files: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Globs: the pull request must change at least one matching file.'),
    check: z.string().min(1).optional().describe('Name of a check run or status that must have succeeded.'),
  })
  .refine((value) => value.review || value.files || value.check, {
    message: 'evidence needs at least one of review, files or check',
  });

/** A Project field planbot keeps, by its name on the board. */
const projectField = (name: string, what: string) =>
  z
    .strictObject({ name: z.string().min(1).max(100).default(name).describe(`Name of the Project field that holds ${what}.`) })
    .prefault({})
    .describe(`The field that holds ${what}.`);

const projectRefSchema = z
  .strictObject({
    org: z.string().min(1).optional().describe('Login of the organisation that owns the Project (with `number`).'),
    number: z.number().int().positive().optional().describe("The Project's number, as in its URL (with `org`)."),
    url: z
      .string()
      .regex(/^https:\/\/[^/]+\/(?:orgs|users)\/[^/]+\/projects\/\d+\/?$/, {
        message: 'must be a Project URL like https://github.com/orgs/ORG/projects/1 or https://github.com/users/USER/projects/1',
      })
      .optional()
      .describe("The Project's address instead, e.g. https://github.com/users/octocat/projects/3 (a user's Project)."),
  })
  .refine((value) => (value.url !== undefined) !== (value.org !== undefined || value.number !== undefined), {
    message: 'name the Project by `org` and `number`, or by `url`, not both',
  })
  .refine((value) => value.url !== undefined || (value.org !== undefined && value.number !== undefined), {
    message: 'an organisation Project needs both `org` and `number`',
  })
  .describe('Which Project: `org` and `number` for an organisation Project, or `url`.');

const projectsSchema = z
  .strictObject({
    project: projectRefSchema,
    items: z
      .strictObject({
        tracking: z.boolean().default(false).describe("Also put each feature's tracking issue on the board."),
      })
      .prefault({})
      .describe('Which issues become cards besides every phase issue (and every task issue with `issues.granularity: task`).'),
    fields: z
      .strictObject({
        status: z
          .strictObject({
            name: z.string().min(1).max(100).default('Status').describe('Name of the single-select Status field.'),
            options: z
              .strictObject({
                todo: z.string().min(1).default('Todo').describe('Option for a phase with no task ticked.'),
                in_progress: z.string().min(1).default('In Progress').describe('Option for a phase with some tasks ticked.'),
                done: z.string().min(1).default('Done').describe('Option for a phase with every task ticked, or its issue closed as completed.'),
              })
              .prefault({})
              .describe('Option names, matched by name.'),
          })
          .prefault({})
          .describe('The single-select field that follows progress.'),
        phase: projectField('Phase', 'the phase number (a number field)'),
        feature: projectField('Feature', 'the feature id (a text field)'),
        target_date: projectField('Target date', "the phase's target date (a date field)")
          .nullable()
          .default({ name: 'Target date' })
          .describe("The date field for each phase's target date (its `Due:`, else from Duration and Dependencies); null to leave dates alone."),
        iteration: projectField('Iteration', "the phase's iteration (an iteration field)")
          .nullable()
          .default({ name: 'Iteration' })
          .describe("The iteration field set from a phase's `Iteration: Sprint 12`; null to leave iterations alone."),
      })
      .prefault({})
      .describe('The Project fields planbot keeps; planbot never creates fields or options.'),
  })
  .describe('Keep a GitHub Project (v2) board in step with the plan: one card per phase issue. Absent: no board.');

export const configSchema = z.strictObject({
  /** Org-level defaults are pulled in by Probot's `_extends` before validation; the key is allowed. */
  _extends: z
    .string()
    .optional()
    .describe('Inherit settings from another file: `repo`, `owner/repo` or `owner/repo:path/to/file.yml`. Keys here win; lists replace.'),
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
        )
        .describe(
          "Regular expression the branch name's last path segment (the feature id) must match for the branch to count as a feature branch.",
        ),
    })
    .prefault({})
    .describe('Which branches are feature branches.'),
  plan: z
    .strictObject({
      path: repoRelativePath('plan.path')
        .default('specs/{feature}/plan.md')
        .describe(
          'Where a feature\'s plan lives. Placeholders: {feature} (e.g. 001-user-auth), {number} (001), {slug} (user-auth), {branch} (the full branch name).',
        ),
      glob: z
        .string()
        .min(1)
        .default('**/specs/*/plan.md')
        .describe('Glob (picomatch) of the files planbot treats as plans when they change in a pull request.'),
      template: repoRelativePath('plan.template')
        .nullable()
        .default(null)
        .describe(
          'Path of the plan template in this repository, read from the default branch. null: use .specify/templates/plan-template.md on the new branch if present, else the built-in template.',
        ),
    })
    .prefault({})
    .describe('Where plans live and which template new plans start from.'),
  skeleton: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Commit the plan skeleton to each new feature branch.'),
      commit_message: z
        .string()
        .min(1)
        .max(1000)
        .default('docs(plan): add plan skeleton for {feature}')
        .describe('Message of the skeleton commit. Placeholders: {feature} {number} {slug} {branch} {path}.'),
    })
    .prefault({})
    .describe('The plan skeleton committed when a feature branch is created.'),
  gates: z
    .strictObject({
      vocabulary: z
        .strictObject({
          pass: gateClassWords('pass'),
          fail: gateClassWords('fail'),
          pending: gateClassWords('pending'),
          warn: gateClassWords('warn'),
          waived: gateClassWords('waived'),
          headers: z
            .strictObject({
              gate: gateHeaderWords('the gate column (the gate\'s name), like Gate, Check or Principle'),
              status: gateHeaderWords('a status column, like Status or Result'),
              current: gateHeaderWords('the status column that holds the current status when a table has several, like Final or After'),
            })
            .prefault({})
            .describe('Extra table header words, for gate tables written in other words or languages than the built-in ones.'),
        })
        .prefault({})
        .describe('Extra status words per gate status class, and table header words, for teams that write gates in their own words.'),
      required_sections: z
        .array(z.string().min(1))
        .default(DEFAULT_REQUIRED_SECTIONS)
        .describe('Level-2 section titles every plan must have; a missing one is a finding.'),
      evidence: z
        .record(z.string().min(1), evidenceSchema)
        .default({})
        .describe(
          'Per gate name: the evidence required before the gate may be marked passed (review approvals, changed files, a named check).',
        ),
    })
    .prefault({})
    .describe('How quality gates in the plan are read and judged.'),
  checks: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Post check runs on pull requests of feature branches.'),
      per_gate: z.boolean().default(false).describe('Also post one check run per quality gate.'),
      no_plan_conclusion: z
        .enum(['action_required', 'failure', 'neutral', 'success', 'skipped'])
        .default('action_required')
        .describe("Conclusion of the plan check when a feature branch's pull request has no plan."),
      pending_conclusion: z
        .enum(['failure', 'neutral'])
        .default('failure')
        .describe('Conclusion of the gates check while a gate is still pending.'),
    })
    .prefault({})
    .describe('Check runs on pull requests.'),
  issues: z
    .strictObject({
      enabled: z.boolean().default(true).describe("Sync each phase's checklist to a GitHub issue under a tracking issue."),
      source: z
        .enum(['auto', 'plan', 'tasks', 'both'])
        .default('auto')
        .describe(
          'Which checklists become issues: `auto` (tasks.md phases when the feature has a tasks.md, else plan.md phases), plan.md phases, tasks.md phases, or both.',
        ),
      empty_phases: z
        .enum(['line', 'issue'])
        .default('line')
        .describe(
          "What a phase with no tasks and no sub-phases becomes: `line` (a line in its parent phase's issue, or in the tracking issue) or `issue` (an issue of its own).",
        ),
      granularity: z
        .enum(['phase', 'task'])
        .default('phase')
        .describe(
          'One issue per phase (`phase`), or also one issue per task (`task`): a sub-issue of its phase\'s issue, labelled with its story (`US1`) and `parallel` for `[P]`, closed when the task is ticked.',
        ),
      labels: z
        .array(z.string().min(1).max(50))
        .default(['planbot'])
        .describe('Labels put on every planbot issue (phases and tracking); the first one is how planbot finds its issues.'),
      tracking_labels: z
        .array(z.string().min(1).max(50))
        .default(['planbot:tracking'])
        .describe("Extra labels put on a feature's tracking issue."),
      assignees: z
        .union([z.literal('author'), z.array(z.string().min(1))])
        .default('author')
        .describe('Who is assigned to the issues: `author` (the pull request author) or a list of logins.'),
      milestone: z
        .number()
        .int()
        .positive()
        .nullable()
        .default(null)
        .describe('Milestone number given to the issues; null for none.'),
      allow_mentions: z
        .boolean()
        .default(false)
        .describe('Keep @mentions from the plan in issue bodies (off: they are neutralised so nobody is pinged).'),
      sync_back: z
        .boolean()
        .default(true)
        .describe('Ticking a box in an issue ticks the task in the plan, too.'),
      backfill: z
        .boolean()
        .default(true)
        .describe('When planbot is installed on this repository, also sync the issues of plans in pull requests already open (their checks are posted either way).'),
      phase_title: z
        .string()
        .min(1)
        .max(200)
        .default('{feature} · Phase {number}: {name}')
        .describe('Title of each phase issue. Placeholders: {feature} {number} {name}.'),
      tracking_title: z
        .string()
        .min(1)
        .max(200)
        .default('{feature}: implementation plan')
        .describe("Title of a feature's tracking issue. Placeholder: {feature}."),
    })
    .prefault({})
    .describe('Issues synced from plan phases.'),
  commands: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Accept /planbot slash commands in comments.'),
      permission: z
        .enum(['write', 'maintain', 'admin'])
        .default('write')
        .describe('Lowest repository role that may run `/planbot check|sync|init` and click the check-run buttons.'),
    })
    .prefault({})
    .describe('Slash commands.'),
  projects: projectsSchema.optional(),
});

export type PlanbotConfig = z.infer<typeof configSchema>;

/** All defaults: what a repository with no `.github/planbot.yml` gets. */
export function defaultConfig(): PlanbotConfig {
  return configSchema.parse({});
}
