// Gate status classification: the first token in a Status cell that the vocabulary knows decides
// the class. At one position the longest phrase wins, so `NOT STARTED` is pending, not "NOT …".
import type { GateStatus } from './model.js';

/** Extra words per status class, from `gates.vocabulary` in the config. */
export interface GateVocabulary {
  pass?: string[];
  fail?: string[];
  pending?: string[];
  warn?: string[];
  waived?: string[];
}

type GateClass = Exclude<GateStatus, 'unknown'>;

const CLASSES: GateClass[] = ['pass', 'fail', 'pending', 'warn', 'waived'];

/**
 * The built-in vocabulary. 🟡 is pending: every plan in the corpus that defines it uses it for
 * "in progress" (next to a separate ⚠️ for warnings); 🟠 is the warning colour.
 */
export const DEFAULT_GATE_VOCABULARY: Readonly<Record<GateClass, readonly string[]>> = {
  pass: [
    '✅', '✔', '☑', '✓', '🟢',
    'pass', 'passed', 'passes', 'passing', 'done', 'verified', 'met', 'complete', 'completed',
    'ok', 'okay', 'approved', 'compliant', 'success', 'succeeded', 'green', 'implemented',
    'resolved', 'accepted', 'signed off', 'yes',
    '通过', '完了', '完成', '済', 'concluído', 'concluido', 'completo', 'aprobado', 'aprovado',
  ],
  fail: [
    '❌', '✖', '✗', '✘', '⛔', '🔴', '🛑', '🚫',
    'fail', 'failed', 'fails', 'failing', 'failure', 'blocked', 'blocker', 'violation', 'violated',
    'violates', 'rejected', 'broken', 'red', 'not met', 'not passed', 'not compliant',
    'non compliant', 'noncompliant', 'no go',
    '失败', '不通过', '失敗', 'falhou', 'falló', 'bloqueado',
  ],
  pending: [
    '⬜', '⏳', '⌛', '🔲', '☐', '⚪', '🟡', '🔵', '🔄', '🚧', '🕐', '⏸',
    'pending', 'todo', 'to do', 'not started', 'not yet', 'in progress', 'in review', 'wip',
    'waiting', 'planned', 'open', 'tbd', 'queued', 'ongoing', 'started', 'not done',
    'not verified', 'not complete', 'not completed', 'not implemented', 'ready to begin',
    'in development', 'under review', 'awaiting',
    '待定', '进行中', '未着手', '未開始', '未开始', '進行中', 'pendente', 'pendiente',
    'em andamento', 'en progreso', 'em progresso',
  ],
  warn: [
    '⚠', '🟠', '❗', '❕',
    'warn', 'warning', 'warnings', 'partial', 'partially', 'partly', 'at risk',
    'approved with warnings', 'passed with warnings', 'pass with warnings', 'done with warnings',
    'caution', 'conditional', 'needs review', 'needs work', 'degraded', 'monitor', 'monitorar',
    '警告', '部分',
  ],
  waived: [
    '⏭', '➖',
    'n/a', 'not applicable', 'waived', 'waive', 'skipped', 'skip', 'exempt', 'excluded',
    'deferred', 'out of scope', 'not required', 'optional', 'omitido', 'omitted', 'dispensado',
  ],
};

interface Matcher {
  regex: RegExp;
  classes: Map<string, GateClass>;
}

const defaultMatcher = buildMatcher({});
const customMatchers = new WeakMap<GateVocabulary, Matcher>();

/** Classifies a Status cell: first recognised token (emoji or word) wins, emphasis ignored. */
export function classifyGateStatus(raw: string, vocabulary: GateVocabulary = {}): GateStatus {
  const text = normalise(raw);
  if (text === '' || /^[-–—.\s]*$/.test(text)) return 'pending';
  const matcher = matcherFor(vocabulary);
  matcher.regex.lastIndex = 0;
  const match = matcher.regex.exec(text);
  if (!match) return 'unknown';
  return matcher.classes.get(match[1] ?? match[2]) ?? 'unknown';
}

function matcherFor(vocabulary: GateVocabulary): Matcher {
  if (!CLASSES.some((name) => vocabulary[name]?.length)) return defaultMatcher;
  let matcher = customMatchers.get(vocabulary);
  if (!matcher) {
    matcher = buildMatcher(vocabulary);
    customMatchers.set(vocabulary, matcher);
  }
  return matcher;
}

/** Lower case, no variation selectors, emphasis markers and separators as plain spaces. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\uFE0E\uFE0F\u200D]/g, '')
    .replace(/[*_~`]+/g, ' ')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function buildMatcher(vocabulary: GateVocabulary): Matcher {
  const classes = new Map<string, GateClass>();
  // Defaults first, then the configuration, so a configured word overrides a built-in one.
  for (const source of [DEFAULT_GATE_VOCABULARY, vocabulary]) {
    for (const name of CLASSES) {
      for (const word of source[name] ?? []) {
        const phrase = normalise(word);
        if (phrase) classes.set(phrase, name);
      }
    }
  }
  const phrases = [...classes.keys()].sort((a, b) => b.length - a.length);
  const wordLike = phrases.filter((phrase) => /^[\p{L}\p{N}]/u.test(phrase)).map(escape);
  const symbols = phrases.filter((phrase) => !/^[\p{L}\p{N}]/u.test(phrase)).map(escape);
  // Words must stand alone ("met" is not in "metrics"); symbols match wherever they appear.
  // Scripts without spaces (CJK) have no word boundaries, so only the Latin-like edge is checked.
  const words = wordLike.length ? `(?<![\\p{Script=Latin}\\p{N}])(${wordLike.join('|')})(?![\\p{Script=Latin}\\p{N}])` : '(?!)';
  const marks = symbols.length ? `(${symbols.join('|')})` : '(?!)';
  return { regex: new RegExp(`${words}|${marks}`, 'u'), classes };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
