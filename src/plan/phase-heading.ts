// Recognising a phase heading and taking it apart: number, a clean title, a duration in parentheses.
// Accepts `Phase 1: Name`, `Phase 1 — Name`, `Phase 1 - Name`, `Phase 1. Name`, decimal and lettered
// numbers (`7.1`, `1A`, `-1`), emoji prefixes, section numbering (`6.2 Phase 1: …`), `Fase`/`Stage`,
// and status noise glued after the name (`Scaffolding ✅ **100% COMPLETE**`).
import type { Heading, Nodes, Paragraph } from 'mdast';
import { plainText } from './markdown.js';
import { classifyGateStatus } from './gate-status.js';

export interface PhaseHeading {
  number: string;
  title: string;
  /** Duration written in the heading's trailing parentheses, e.g. `4-5 days`, `Weeks 1-2`. */
  duration: string | null;
}

const NUMBER = String.raw`-?\d+[A-Za-z]?(?:\.\d+[A-Za-z]?)*`;
const PHASE_WORDS = 'phase|fase|stage|etapa|étape';
// Optional non-word prefix (emoji), optional section numbering, the keyword, the number (not a
// range such as `Phase 3-6`), then a separator (or a parenthesis, or nothing at all), then the name.
const PHASE = new RegExp(
  String.raw`^[^\p{L}\p{N}-]*(?:\d+(?:\.\d+)*\.?\s+)?(?:${PHASE_WORDS})\s+(${NUMBER})(?![-–]\d)(?:\s*[:.—–-]\s*|\s*(?=\()|\s*$)(.*)$`,
  'iu',
);
/** A numbered step inside a phase, such as `### 1.2 Core Engine` under `## Phase 1`. */
const SUB_STEP = new RegExp(String.raw`^[^\p{L}\p{N}]*(\d+[A-Za-z]?(?:\.\d+)+)\.?\s*[:.—–-]?\s+(\S.*)$`, 'u');

const DURATION_IN_PARENS = new RegExp(
  [
    String.raw`^(?:~|≈|approx\.?\s*|est\.?\s*)?(?:\d+(?:[.,]\d+)?\s*(?:-|–|—|to)\s*)?\d+(?:[.,]\d+)?\+?\s*`,
    String.raw`(?:h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|mos?|sprints?|mins?|minutes?|semanas?|dias?|días|meses|horas?)\b.*$`,
    String.raw`|^(?:weeks?|months?|days?|sprints?|semanas?|meses)\s+\d+(?:\s*(?:-|–|—|to)\s*\d+)?$`,
  ].join(''),
  'iu',
);

/** Reads a phase heading, or returns null when the heading is not one. */
export function parsePhaseHeading(heading: Heading): PhaseHeading | null {
  const match = PHASE.exec(headingText(heading));
  if (!match) return null;
  return { number: match[1], ...cleanTitle(match[2]) };
}

/**
 * Reads a paragraph whose first line is only a bold phase title (`**Phase 4: Go-Live (Nov 20)**`,
 * also `**Phase 4**: Go-Live`), or returns null. Whether it is a phase depends on what follows: the
 * assembler keeps it only when tasks follow before the next heading or bold phase line.
 */
export function parsePhaseLine(paragraph: Paragraph): PhaseHeading | null {
  const line: Nodes[] = [];
  for (const child of paragraph.children) {
    if (child.type === 'break') break;
    if (child.type === 'text' && child.value.includes('\n')) {
      line.push({ type: 'text', value: child.value.slice(0, child.value.indexOf('\n')) });
      break;
    }
    line.push(child);
  }
  const parts = line.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const [bold, ...rest] = parts;
  if (bold?.type !== 'strong') return null;
  const boldText = plainText(bold).replace(/\s+/g, ' ').trim();
  const restText = rest.map(plainText).join('').replace(/\s+/g, ' ').trim();
  // The whole line bold (a trailing colon aside), or a bold `Phase N` key followed by its name.
  const wholeLine = restText === '' || restText === ':';
  if (!wholeLine && (rest.some((node) => node.type !== 'text') || !/^[:.—–-]/.test(restText) || !/^\S+\s+\S+$/.test(boldText))) return null;
  const match = PHASE.exec(wholeLine ? boldText.replace(/:$/, '') : `${boldText}${restText}`);
  return match ? { number: match[1], ...cleanTitle(match[2]) } : null;
}

/**
 * Reads a numbered sub-step (`1.2 Name`) of the phase numbered `parent`, or null. Only numbers that
 * extend the parent's (`1.2` under `1`) count, so ordinary numbered sections stay sections.
 */
export function parseSubStepHeading(heading: Heading, parent: string): PhaseHeading | null {
  const step = readSubStepHeading(heading);
  return step && isStepOf(step, parent) ? step : null;
}

/** A heading numbered like a sub-step (`1.2 Name`), whichever phase it may belong to. */
export function readSubStepHeading(heading: Heading): PhaseHeading | null {
  const match = SUB_STEP.exec(headingText(heading));
  return match ? { number: match[1], ...cleanTitle(match[2]) } : null;
}

/** Whether the step's number extends the phase number `parent` (`1.2` under `1`, not under `10`). */
export function isStepOf(step: PhaseHeading, parent: string): boolean {
  return step.number.toLowerCase().startsWith(`${parent.toLowerCase()}.`);
}

/** The heading's text without a trailing emphasised status such as `**100% COMPLETE**`. */
function headingText(heading: Heading): string {
  const children = [...heading.children];
  while (children.length > 1 && isStatusNoise(children[children.length - 1])) children.pop();
  let text = '';
  for (const child of children) text += plainText(child);
  return text.replace(/\s+/g, ' ').trim();
}

function isStatusNoise(node: Nodes): boolean {
  if (node.type === 'text') return node.value.trim() === '';
  if (node.type !== 'strong' && node.type !== 'emphasis') return false;
  return classifyGateStatus(plainText(node)) !== 'unknown';
}

function cleanTitle(rest: string): { title: string; duration: string | null } {
  let title = rest.trim();
  // Status emoji and whatever follows them (`Fundação 🟡 Em andamento`) are not part of the name.
  const emoji = /\s\p{Extended_Pictographic}/u.exec(title);
  if (emoji && emoji.index > 0) title = title.slice(0, emoji.index);
  title = title.replace(/^\p{Extended_Pictographic}[\uFE0F\s]*/u, '');
  let duration: string | null = null;
  const parens = /\s*\(([^()]*)\)\s*$/.exec(title);
  if (parens && DURATION_IN_PARENS.test(parens[1].trim())) {
    duration = parens[1].trim();
    title = title.slice(0, parens.index);
  }
  title = title.replace(/[\s:|—–-]+$/u, '').trim();
  return { title, duration };
}
