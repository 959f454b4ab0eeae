// GitHub's limits on check run output (Checks API reference), and how planbot stays inside them.
import { SHORTENED, TEXT_LIMITS, shorten } from '../text/limits.js';
import type { CheckRunSpec } from './check-run-spec.js';

/** `output.summary` and `output.text`. */
export const MAX_OUTPUT_CHARS = TEXT_LIMITS.checkOutput;
/** Annotation `title`. */
export const MAX_ANNOTATION_TITLE = TEXT_LIMITS.annotationTitle;
/**
 * Annotation `message` may be 64 KB; counted in characters here, with room for 4-byte UTF-8
 * characters, so no message can exceed it.
 */
export const MAX_ANNOTATION_MESSAGE = 16_000;
/** Annotations accepted per create or update request. */
export const ANNOTATIONS_PER_REQUEST = TEXT_LIMITS.annotationsPerRequest;
/** Check run `output.title`: not documented; kept short so the checks list stays readable. */
export const MAX_TITLE = 200;

/** Cuts text to `max` characters, never splitting a surrogate pair, ending with "… (shortened)". */
export function clip(text: string, max: number): string {
  return shorten(text, max);
}

/**
 * Fits markdown into `max` characters: cut at a line boundary, then a note saying so, so a reader
 * never mistakes a cut summary for a complete one.
 */
export function truncateMarkdown(markdown: string, max: number = MAX_OUTPUT_CHARS): string {
  if (markdown.length <= max) return markdown;
  const note = (shown: number) =>
    `\n\n---\n> [!NOTE]\n> **${SHORTENED}.** This text is ${markdown.length.toLocaleString('en-US')} characters long; ` +
    `GitHub shows at most ${max.toLocaleString('en-US')}, so only the first ${shown.toLocaleString('en-US')} are shown. ` +
    'Findings are still annotated on their lines (see the Files changed tab).\n';
  // The note's length depends on the number it prints; reserve room for the widest one.
  const budget = max - note(max).length;
  let cut = markdown.lastIndexOf('\n', budget);
  if (cut <= 0) cut = budget;
  if (isHighSurrogate(markdown.charCodeAt(cut - 1))) cut--;
  const head = markdown.slice(0, cut).trimEnd();
  return `${head}${note(head.length)}`;
}

/** Applies GitHub's limits, so what is posted and what is compared are the same thing. */
export function fitToLimits(spec: CheckRunSpec): CheckRunSpec {
  return {
    ...spec,
    title: clip(spec.title, MAX_TITLE),
    summary: truncateMarkdown(spec.summary, MAX_OUTPUT_CHARS),
    ...(spec.text !== undefined ? { text: truncateMarkdown(spec.text, MAX_OUTPUT_CHARS) } : {}),
    annotations: spec.annotations.map((annotation) => ({
      ...annotation,
      start_line: Math.max(1, annotation.start_line),
      end_line: Math.max(1, annotation.end_line),
      message: clip(annotation.message, MAX_ANNOTATION_MESSAGE),
      ...(annotation.title !== undefined ? { title: clip(annotation.title, MAX_ANNOTATION_TITLE) } : {}),
    })),
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
