// GitHub's documented text limits (exceeding one gets 422, which no retry fixes), and the one way
// planbot shortens text to fit: cut, then a visible "… (shortened)" so nobody mistakes it for whole.

export const TEXT_LIMITS = {
  issueTitle: 256,
  issueBody: 65_536,
  commentBody: 65_536,
  /** Check run `output.title`, `output.summary` and `output.text`. */
  checkOutput: 65_535,
  annotationTitle: 255,
  /** Annotation `message` and `raw_details`: 64 KB, counted in UTF-8 bytes. */
  annotationMessageBytes: 64 * 1024,
  annotationsPerRequest: 50,
  labelName: 50,
  labelDescription: 100,
} as const;

export const SHORTENED = '… (shortened)';

/** `text` if it fits in `max` characters, else its start and SHORTENED, `max` characters in all. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  // Room too small for the words: an ellipsis alone still shows the cut.
  const note = max >= 2 * SHORTENED.length ? SHORTENED : '…';
  return `${cutAt(text, Math.max(0, max - note.length)).trimEnd()}${note}`;
}

/** Like `shorten`, counted in UTF-8 bytes (annotation messages). */
export function shortenBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const room = maxBytes - Buffer.byteLength(SHORTENED, 'utf8');
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > room) break;
    bytes += size;
    end += char.length;
  }
  return `${cutAt(text, end)}${SHORTENED}`;
}

/**
 * Markdown that must fit in `max` characters: cut at a line boundary, then a note that says how
 * much was left out, so a cut summary never reads as complete.
 */
export function shortenMarkdown(markdown: string, max: number, hint = ''): string {
  if (markdown.length <= max) return markdown;
  const note = (shown: number) =>
    `\n\n---\n> [!NOTE]\n> ${SHORTENED}: this text is ${markdown.length.toLocaleString('en-US')} characters long; ` +
    `GitHub shows at most ${max.toLocaleString('en-US')}, so only the first ${shown.toLocaleString('en-US')} are shown.` +
    `${hint ? ` ${hint}` : ''}\n`;
  // The note's length depends on the number it prints; reserve room for the widest one.
  const budget = Math.max(0, max - note(max).length);
  let cut = markdown.lastIndexOf('\n', budget);
  if (cut <= 0) cut = budget;
  const head = cutAt(markdown, cut).trimEnd();
  return `${head}${note(head.length)}`;
}

/** The first `length` UTF-16 units, one fewer if that would split a surrogate pair. */
function cutAt(text: string, length: number): string {
  if (length <= 0) return '';
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
