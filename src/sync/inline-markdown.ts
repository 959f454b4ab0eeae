// Plain text copied from a plan into an issue, made safe to render: it must look as written,
// ping nobody, and never smuggle in HTML (such as a fake `<!-- planbot:v1 -->` marker).
// The plan engine hands over task and phase text as plain text (emphasis dropped, inline code kept
// in backticks), so everything outside code spans is escaped; parsing the result gives back the text.

/** GitHub logins (`@alice`) and teams (`@acme/web-team`). */
const MENTION = /(^|[^A-Za-z0-9_`])(@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?)/g;
const CODE_SPAN = /`[^`\n]+`/g;
/** Characters that would start emphasis, links, code, math or raw HTML in GitHub markdown. */
const SPECIAL = /[\\`*_[\]~$]/g;
/** Control characters and invisible format characters (bidi overrides, zero-width joiners). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

export interface InlineOptions {
  /** Keep `@user` and `@org/team` live (config `issues.allow_mentions`). */
  allowMentions: boolean;
}

/** Escapes plain text for one line of markdown, leaving inline code spans as they are. */
export function inlineMarkdown(text: string, options: InlineOptions): string {
  const flat = text.replace(/\s+/g, ' ').replace(INVISIBLE, '').trim();
  let out = '';
  let last = 0;
  for (const span of flat.matchAll(CODE_SPAN)) {
    out += escapePlain(flat.slice(last, span.index), options);
    // A code span is shown verbatim, so one that holds comment delimiters is escaped like text.
    out += /<!--|-->/.test(span[0]) ? escapePlain(span[0], options) : span[0];
    last = span.index + span[0].length;
  }
  return out + escapePlain(flat.slice(last), options);
}

function escapePlain(text: string, options: InlineOptions): string {
  const escaped = text
    // Only an `&` that would start a character reference needs escaping.
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(SPECIAL, (char) => `\\${char}`);
  return options.allowMentions ? escaped : neutraliseMentions(escaped);
}

/** Wraps each mention in a code span, where GitHub never notifies. */
export function neutraliseMentions(text: string): string {
  return text.replace(MENTION, (_whole, before: string, mention: string) => `${before}\`${mention}\``);
}

/** GitHub's limit on issue titles. */
export const MAX_TITLE_LENGTH = 256;

/** An issue title from plan text: one line, no invisible characters, no pings, within the limit. */
export function safeTitle(text: string, options: InlineOptions): string {
  const flat = text.replace(/\s+/g, ' ').replace(INVISIBLE, '').trim();
  const title = options.allowMentions ? flat : neutraliseMentions(flat);
  return title.length <= MAX_TITLE_LENGTH ? title : `${title.slice(0, MAX_TITLE_LENGTH - 1)}…`;
}
