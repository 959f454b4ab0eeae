// Template tokens left unfilled. Runs on the raw source of text and inline-code nodes only, so
// markdown links, reference links, task boxes, code fences and HTML comments never get here.

export interface PlaceholderMatch {
  /** The token as written, whitespace collapsed. */
  text: string;
  /** Offset of the token in the string searched. */
  index: number;
  /** Length of the token in the string searched. */
  length: number;
}

/** A bracketed run of up to four lines; `[ ]`/`[x]` boxes and link syntax are not tokens. */
const BRACKETED = /\[([^[\]\n]{1,300}(?:\n[^[\]\n]{0,300}){0,3})\](?![(:])/g;
/** spec-kit's unbracketed form: `NEEDS CLARIFICATION: which storage?`. */
const BARE_CLARIFICATION = /\bNEEDS CLARIFICATION\s*:[^\n]*/g;

/** What a template token says, as opposed to a marker (`[P]`, `[US1]`) or prose in brackets. */
const TOKEN_CONTENT = [
  // Instructions to the author.
  /^(?:to[\s-]?fill|fill(?:\s+in)?\b|todo\b|to\s+do\b|tbd\b|tbc\b|needs?\s+clarification|placeholder|insert\b|replace\b|remove if unused)/iu,
  // Examples standing in for a value: `[e.g., Python 3.11 or NEEDS CLARIFICATION]`.
  /^(?:e\.\s?g\.|eg[.,:]|example:|ex:|if applicable\b|domain-specific\b)/iu,
  // Number stand-ins: `[###-feature-name]`, `[# weeks]`, `[X days]`, `[N hours]`.
  /^#/u,
  /^[XN]\s+\p{L}/u,
  // Links to fill in: `[link]`, `[link to spec.md]`.
  /^link\b/iu,
];
/** Upper-case names of four letters or more (not tags such as `[MVP]`): `[DATE]`, `[FEATURE]`, `[FEATURE NAME]`, `[PROJECT_NAME]`, `[YYYY-MM-DD]`. */
const UPPER_CASE_NAME = /^(?=(?:[^A-Z]*[A-Z]){4})[A-Z][A-Z0-9 _/-]*[A-Z0-9]$/u;
/** Inline code mostly quotes syntax (`` `[NEEDS CLARIFICATION]` markers ``, `` `[BYPASSED]` tag ``);
 * only number stand-ins in paths (`` `specs/[###-feature-name]/` ``) are template tokens there. */
const IN_CODE = /^#/u;

/** Every placeholder in `raw`, in order; `inCode` for the source of an inline code span. */
export function findPlaceholders(raw: string, inCode = false): PlaceholderMatch[] {
  if (!raw.includes('[') && !raw.includes('NEEDS CLARIFICATION')) return [];
  const found: PlaceholderMatch[] = [];
  for (const match of raw.matchAll(BRACKETED)) {
    const content = match[1].trim();
    const isToken = inCode
      ? IN_CODE.test(content)
      : TOKEN_CONTENT.some((pattern) => pattern.test(content)) || UPPER_CASE_NAME.test(content);
    if (isToken) {
      found.push({ text: collapse(match[0]), index: match.index, length: match[0].length });
    }
  }
  for (const match of inCode ? [] : raw.matchAll(BARE_CLARIFICATION)) {
    // Inside a bracketed token it was already reported with its token.
    if (found.some((token) => match.index >= token.index && match.index < token.index + token.length)) continue;
    found.push({ text: collapse(match[0]), index: match.index, length: match[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
