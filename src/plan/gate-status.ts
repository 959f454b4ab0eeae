// Gate status classification. A status word decides; a symbol (emoji) decides only when the cell has
// no status word: `⚠️ PENDING` is pending, `❌ NOT STARTED` is pending, `⚠️` alone is warn. Among
// words the first one wins, and at one position the longest phrase (`NOT STARTED`, not "…STARTED").
// The words and symbols live in gate-vocabulary.ts.
import type { GateStatus } from './model.js';
import { COMPLETION_WORDS, GATE_CLASSES, LANGUAGES, STATUS_SYMBOLS, STATUS_WORDS, type GateClass } from './gate-vocabulary.js';

/** Extra words per status class, from `gates.vocabulary` in the config. */
export interface GateVocabulary {
  pass?: string[];
  fail?: string[];
  pending?: string[];
  warn?: string[];
  waived?: string[];
  /** Extra table header words (`gates.vocabulary.headers`), read by tables.ts. */
  headers?: { gate?: string[]; status?: string[]; current?: string[] };
}

/** The built-in vocabulary: every language's words and the symbols, per class. */
export const DEFAULT_GATE_VOCABULARY: Readonly<Record<GateClass, readonly string[]>> = Object.fromEntries(
  GATE_CLASSES.map((name) => [name, [...new Set([...STATUS_SYMBOLS[name], ...LANGUAGES.flatMap((language) => STATUS_WORDS[language][name])])]]),
) as unknown as Record<GateClass, readonly string[]>;

interface Matcher {
  words: RegExp;
  symbols: RegExp;
  classes: Map<string, GateClass>;
}

/** Letters of scripts that separate words with spaces; CJK words need no boundary. */
const SPACED = String.raw`\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}`;

const defaultMatcher = buildMatcher({});
const customMatchers = new WeakMap<GateVocabulary, Matcher>();

/** `80% complete`: a completion word after a percentage below 100 means work in progress. */
const PARTLY_COMPLETE = new RegExp(String.raw`(\d+(?:[.,]\d+)?)\s*%\s*(${COMPLETION_WORDS.map(escape).join('|')})(?![${SPACED}])`, 'gu');

/** Classifies a Status cell: its first status word, else its first status symbol; emphasis ignored. */
export function classifyGateStatus(raw: string, vocabulary: GateVocabulary = {}): GateStatus {
  const text = normalise(raw).replace(PARTLY_COMPLETE, (match, percent: string) =>
    Number(percent.replace(',', '.')) < 100 ? ' in progress ' : match,
  );
  if (text === '' || /^[-–—.\s]*$/.test(text)) return 'pending';
  const matcher = matcherFor(vocabulary);
  const word = matcher.words.exec(text);
  if (word) return matcher.classes.get(word[0]) ?? 'unknown';
  const symbol = matcher.symbols.exec(text);
  return symbol ? (matcher.classes.get(symbol[0]) ?? 'unknown') : 'unknown';
}

function matcherFor(vocabulary: GateVocabulary): Matcher {
  if (!GATE_CLASSES.some((name) => vocabulary[name]?.length)) return defaultMatcher;
  let matcher = customMatchers.get(vocabulary);
  if (!matcher) {
    matcher = buildMatcher(vocabulary);
    customMatchers.set(vocabulary, matcher);
  }
  return matcher;
}

/** Lower case, no variation selectors, emphasis markers, brackets and separators as plain spaces. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\uFE0E\uFE0F\u200D]/g, '')
    .replace(/[*_~`()[\]{}]+/g, ' ')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function buildMatcher(vocabulary: GateVocabulary): Matcher {
  const classes = new Map<string, GateClass>();
  // Defaults first, then the configuration, so a configured word overrides a built-in one.
  for (const source of [DEFAULT_GATE_VOCABULARY, vocabulary]) {
    for (const name of GATE_CLASSES) {
      for (const word of source[name] ?? []) {
        const phrase = normalise(word);
        if (phrase) classes.set(phrase, name);
      }
    }
  }
  const phrases = [...classes.keys()].sort((a, b) => b.length - a.length);
  const isWord = (phrase: string) => /^[\p{L}\p{N}]/u.test(phrase);
  const startsSpaced = new RegExp(`^[${SPACED}]`, 'u');
  const spaced = phrases.filter((phrase) => isWord(phrase) && startsSpaced.test(phrase)).map(escape);
  const unspaced = phrases.filter((phrase) => isWord(phrase) && !startsSpaced.test(phrase)).map(escape);
  const symbols = phrases.filter((phrase) => !isWord(phrase)).map(escape);
  // Spaced words must stand alone ("met" is not in "metrics"); CJK words and symbols match anywhere.
  const alternatives = [
    spaced.length ? `(?<![${SPACED}])(?:${spaced.join('|')})(?![${SPACED}])` : '',
    unspaced.length ? `(?:${unspaced.join('|')})` : '',
  ].filter(Boolean);
  return {
    words: new RegExp(alternatives.length ? alternatives.join('|') : '(?!)', 'u'),
    symbols: new RegExp(symbols.length ? symbols.join('|') : '(?!)', 'u'),
    classes,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
