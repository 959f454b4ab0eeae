// Filling a plan template for one feature. Only the identity tokens are filled (name, id, date,
// spec link), in both the seed's and spec-kit's spelling; everything else is for people to write.

export interface RenderVariables {
  feature: string;
  number: string;
  slug: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** Relative link from the plan to spec.md; default `./spec.md`. */
  specLink?: string;
}

/** A bracket token not followed by `(` or `:`, which would make it a link or a link definition. */
const token = (inner: string) => new RegExp(String.raw`\[${inner}\](?![(:])`, 'g');

const FEATURE_NAME = token(String.raw`FEATURE(?: NAME)?`);
const FEATURE_ID = token(String.raw`###-feature(?:-name)?`);
const DATE = token('DATE');
const SPEC_LINK = token(String.raw`link(?: to spec\.md)?`);

/** Fills a plan template (the seed or a repository's own) for one feature. */
export function renderTemplate(template: string, variables: RenderVariables): string {
  const name = titleCase(variables.slug || variables.feature);
  const specLink = variables.specLink ?? './spec.md';
  // Replacer functions: a `$` in a feature name must not be read as a replacement pattern.
  return template
    .replace(FEATURE_NAME, () => name)
    .replace(FEATURE_ID, () => variables.feature)
    .replace(DATE, () => variables.date)
    .replace(SPEC_LINK, () => `[spec.md](${specLink})`);
}

/** `user-auth` → `User Auth`. */
export function titleCase(slug: string): string {
  return slug
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
