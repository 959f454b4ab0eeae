// Help texts. Kept together so `planbot --help` and each command's `--help` agree.
export const USAGE = `Usage: planbot <command> [options]

Commands:
  parse [FILE...] [--json]           Print the plan model (phases, tasks, gates, placeholders, findings)
  lint [FILE...] [--format F]        Check plans; exit 1 when a finding is an error
  config [FILE]                      Check a planbot.yml alone; exit 2 when it is invalid
  init [BRANCH] [--dir DIR]          Write the plan skeleton for a feature branch
  issues --dry-run --repo R --ref B  Show the actions the app would apply to R's issues now
  issues FILE --dry-run              Show the issues a local plan's phases would sync to
  help                               Show this help

Without FILE, parse and lint read the plan of the current git branch (plan.path in the config);
without BRANCH, init uses the current git branch.

Common options:
  --kind plan|tasks|auto             What the file is (auto: tasks.md is a task list)  [default: auto]
  --config FILE                      planbot.yml to use  [default: ./.github/planbot.yml when present]

Exit codes: 0 success, 1 lint errors, refused to overwrite or a GitHub failure, 2 usage or input error.
`;

export const CONFIG_USAGE = `Usage: planbot config [FILE]

Validates a planbot configuration file alone (default: .github/planbot.yml) with the app's schema,
and prints each problem as the app's check run lists it:

  FILE:LINE:COLUMN: KEY: PROBLEM

Exits 0 when the file is valid, 2 when it is not (or cannot be read). \`_extends\` is not followed.
`;

export const PARSE_USAGE = `Usage: planbot parse [FILE...] [--json] [--kind plan|tasks|auto] [--config FILE]

Prints a readable summary of each plan, or with --json the documented JSON model:
one object for one FILE, an array of objects for several. Without FILE: the plan of the current
git branch, where plan.path in the config puts it.
`;

export const LINT_USAGE = `Usage: planbot lint [FILE...] [--format text|json|github] [--kind plan|tasks|auto] [--config FILE]

Without FILE: the plan of the current git branch, where plan.path in the config puts it.

Formats:
  text    file:line:column  severity  rule  message   (default; identical lines once)
  json    an array of findings, each with its file
  github  GitHub Actions annotations (::error file=…,line=…,title=…::message)

Exits 1 when any finding is an error, 0 otherwise, 2 when a file cannot be read.
`;

export const INIT_USAGE = `Usage: planbot init [BRANCH] [--dir DIR] [--date YYYY-MM-DD]

BRANCH defaults to the branch checked out in DIR.

Writes the plan skeleton where the app would: the path comes from plan.path in
DIR/.github/planbot.yml (default specs/{feature}/plan.md), the template from plan.template,
else .specify/templates/plan-template.md, else the built-in seed. Never overwrites a file.
`;
