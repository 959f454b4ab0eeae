// Plain text copied from a plan into an issue, made safe to render: it must look as written,
// ping nobody, link no other issue and never smuggle in HTML (such as a fake `<!-- planbot:v1 -->`
// marker). The plan engine hands over task and phase text as plain text (emphasis dropped, inline
// code kept in backticks), so everything outside code spans is escaped; parsing the result gives
// back the text. The rules themselves live in src/text/neutralise.ts, shared by every writer.
import { neutralise, neutraliseWithin } from '../text/neutralise.js';
import { TEXT_LIMITS } from '../text/limits.js';

export interface InlineOptions {
  /** Keep `@user` and `@org/team` live (config `issues.allow_mentions`). */
  allowMentions: boolean;
}

/** Escapes plain text for one line of markdown, leaving inline code spans as they are. */
export function inlineMarkdown(text: string, options: InlineOptions, max?: number): string {
  const how = { mode: 'plain', allowMentions: options.allowMentions } as const;
  return max === undefined ? neutralise(text, how) : neutraliseWithin(text, max, how);
}

/** Wraps each mention (and issue reference) in a code span, where GitHub never notifies or links. */
export function neutraliseMentions(text: string): string {
  return neutralise(text, { mode: 'markdown' });
}

/** GitHub's limit on issue titles. */
export const MAX_TITLE_LENGTH = TEXT_LIMITS.issueTitle;

/** An issue title from plan text: one line, no invisible characters, no pings, within the limit. */
export function safeTitle(text: string, options: InlineOptions): string {
  return neutraliseWithin(text, MAX_TITLE_LENGTH, { mode: 'title', allowMentions: options.allowMentions });
}
