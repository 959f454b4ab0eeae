// The one function that makes a person's text safe to put into what planbot writes (check runs,
// issues, comments). Whatever the text holds, the result pings nobody (`@user`, `@org/team`),
// links no issue (`#1`, `acme/web#1`, `GH-1`: each would put a backlink on that issue), carries no
// live HTML (an `<img>`, or an unclosed `<!--` that would hide everything after it), and holds no
// invisible characters (bidi overrides, zero-width joiners). Mentions and references stay
// readable: they are shown as inline code, where GitHub neither notifies nor links.
import { shorten } from './limits.js';

export interface NeutraliseOptions {
  /**
   * `markdown`: the text is markdown written by a person (a gate's criteria, a finding): emphasis
   * and links keep working. `plain`: the text is plain text (a task, a phase name, as the plan
   * engine hands them over): every markdown character is escaped, so it shows as written.
   * `title`: an issue title, shown as text: only mentions and references are wrapped.
   */
  mode: 'markdown' | 'plain' | 'title';
  /** Keep `@user` and `@org/team` live (config `issues.allow_mentions`). References never are. */
  allowMentions?: boolean;
}

/** Control and invisible format characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
/**
 * An inline code span, a mention, or a reference (GitHub's autolinked forms), each where GitHub
 * would recognise it: not inside a word, an e-mail address or a path.
 */
const TOKEN =
  /(`[^`\n]+`)|(?<![\p{L}\p{N}_`/.+-])(@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?)|(?<![\p{L}\p{N}_`/.#-])((?:[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+)?#\d+|GH-\d+)(?![\p{L}\p{N}_])/giu;
/** Characters that would start emphasis, links, code, math or raw HTML in GitHub markdown. */
const MARKDOWN_SPECIAL = /[\\`*_[\]~$]/g;
/** `<` that CommonMark would read as the start of raw HTML or an autolink. */
const HTML_START = /<(?=[A-Za-z/!?])/g;

/** One line of safe markdown from a person's text (line breaks become spaces). */
export function neutralise(text: string, options: NeutraliseOptions): string {
  const flat = text.replace(/\s+/g, ' ').replace(INVISIBLE, '').trim();
  let out = '';
  let last = 0;
  for (const match of flat.matchAll(TOKEN)) {
    const [whole, codeSpan, mention] = match;
    out += escapeText(flat.slice(last, match.index), options);
    if (codeSpan !== undefined) {
      // Shown verbatim, except one that holds comment delimiters: a marker must never be forged.
      out += /<!--|-->/.test(codeSpan) ? escapeText(codeSpan, options) : codeSpan;
    } else if (mention !== undefined && options.allowMentions) {
      out += escapeText(mention, options);
    } else {
      out += `\`${whole}\``;
    }
    last = match.index + whole.length;
  }
  return out + escapeText(flat.slice(last), options);
}

function escapeText(text: string, options: NeutraliseOptions): string {
  if (options.mode === 'title') return text;
  // Only an `&` that would start a character reference needs escaping.
  const escaped = text.replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;');
  // A backtick left unpaired could pair with the code span around a mention and free it.
  if (options.mode === 'markdown') return escaped.replace(HTML_START, '&lt;').replace(/`/g, '\\`');
  return escaped.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}

/**
 * `neutralise`, within `max` characters: when the result would be longer, the text is shortened
 * first (ending with "… (shortened)"), so a cut never splits an escape or a code span.
 */
export function neutraliseWithin(text: string, max: number, options: NeutraliseOptions): string {
  const full = neutralise(text, options);
  if (full.length <= max) return full;
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = (length: number) => neutralise(shorten(flat, length), options);
  let low = 0;
  let high = Math.min(flat.length, max);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (cut(mid).length <= max) low = mid;
    else high = mid - 1;
  }
  return cut(low);
}
