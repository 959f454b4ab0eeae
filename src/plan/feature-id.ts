// Which feature a plan belongs to: its Branch field, else the folder it sits in, else its title.
const FEATURE_ID = /^(?:\d{3,}|\d{8}-\d{6})-[a-z0-9][a-z0-9-]*$/i;
const FEATURE_ID_IN_TEXT = /(?<![\w-])(?:\d{8}-\d{6}|\d{3,})-[a-z0-9][a-z0-9-]*[a-z0-9]/i;

/** A feature id from a Branch field value such as `` `feat/001-user-auth` `` or `[001-x]`. */
export function featureFromBranchField(value: string): string | null {
  const branch = value
    .replace(/[`'"[\]]/g, '')
    .trim()
    .split(/\s/)[0];
  const segment = branch.split('/').pop() ?? '';
  return FEATURE_ID.test(segment) ? segment : null;
}

/** The nearest folder of `specs/001-x/plan.md` that looks like a feature id. */
export function featureFromPath(file: string): string | null {
  const folders = file.split(/[\\/]/).slice(0, -1).reverse();
  return folders.find((folder) => FEATURE_ID.test(folder)) ?? null;
}

/** A feature id mentioned in free text, e.g. a title `Plan for 001-user-auth`. */
export function featureFromText(text: string): string | null {
  return FEATURE_ID_IN_TEXT.exec(text)?.[0] ?? null;
}
