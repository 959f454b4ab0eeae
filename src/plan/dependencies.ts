// Reading a `**Dependencies**:` value into phase numbers: `Phase 0`, `Phase 2, Phase 4`,
// `Phases 2-7`, `1.1, 2.2`, `None (can be done in parallel)`. Prose that names no phase gives none,
// rather than guessing that "Node 20" means phase 20.

const NUMBER = String.raw`-?\d+[A-Za-z]?(?:\.\d+[A-Za-z]?)*`;
const RANGE = new RegExp(String.raw`^(${NUMBER})\s*(?:-|–|—|\.\.|to|through|até|a)\s*(${NUMBER})$`, 'iu');
/** A value that is only a list of numbers and ranges: `1.1, 2.2`, `2-4`, `1 and 3`. */
const BARE_LIST = new RegExp(
  String.raw`^${NUMBER}(?:\s*(?:-|–|—|to)\s*${NUMBER})?(?:\s*(?:,|;|&|/|\band\b|\be\b|\by\b)\s*${NUMBER}(?:\s*(?:-|–|—|to)\s*${NUMBER})?)*$`,
  'iu',
);
/** A phase keyword and the numbers right after it: `Phases 2, 3 and Phase 5`, `Phase 2-7`. */
const KEYWORD_LIST = new RegExp(
  String.raw`\b(?:phases?|fases?|stages?|etapas?)\b(\s*${NUMBER}(?:\s*(?:-|–|—|to|through)\s*${NUMBER})?(?:\s*(?:,|;|&|/|\band\b|\bor\b|\be\b|\by\b)\s*(?:(?:phases?|fases?|stages?)\s+)?${NUMBER}(?:\s*(?:-|–|—|to|through)\s*${NUMBER})?)*)`,
  'giu',
);
/** More than this many dependencies is not a plan, it is an attack; the rest are ignored. */
const MAX_DEPENDENCIES = 1000;
const NUMBER_ONLY = new RegExp(`^${NUMBER}$`, 'u');
const NONE = /^(?:none|n\/a|nenhuma?|ninguna?|no(?:ne)?\b|—|-|–)/iu;

/** The phase numbers a Dependencies value names, canonical and de-duplicated, in order. */
export function parseDependencies(value: string): string[] {
  const flat = value.replace(/[*_`()]/g, ' ').replace(/\s+/g, ' ').trim();
  // Asides in parentheses neither make a value "none" nor a bare list: `None (see 2)`.
  const text = value.replace(/\([^()]*\)/g, ' ').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  if (flat === '' || NONE.test(text)) return [];
  const found = new Set<string>();
  if (BARE_LIST.test(text)) {
    collect(text, found);
  } else {
    // Only the numbers that follow a phase keyword, up to the next word that is not a list joiner.
    for (const match of flat.matchAll(KEYWORD_LIST)) {
      collect(match[1], found);
      if (found.size >= MAX_DEPENDENCIES) break;
    }
  }
  return [...found];
}

function collect(list: string, into: Set<string>): void {
  const parts = list
    .replace(/\b(?:phases?|fases?|stages?)\b/giu, ' ')
    .split(/\s*(?:,|;|&|\/|\band\b|\bor\b|\be\b|\by\b)\s*/iu);
  for (const part of parts) {
    if (into.size >= MAX_DEPENDENCIES) return;
    const item = part.trim();
    if (!item) continue;
    const range = RANGE.exec(item);
    if (range && /^\d+$/.test(range[1]) && /^\d+$/.test(range[2]) && Number(range[2]) >= Number(range[1])) {
      // Ranges of whole phases expand (`2-7`); anything stranger stays two endpoints.
      const end = Math.min(Number(range[2]), Number(range[1]) + MAX_DEPENDENCIES - into.size - 1);
      for (let n = Number(range[1]); n <= end; n++) into.add(String(n));
    } else if (range) {
      into.add(canonicalPhaseNumber(range[1])).add(canonicalPhaseNumber(range[2]));
    } else if (NUMBER_ONLY.test(item)) {
      into.add(canonicalPhaseNumber(item));
    }
  }
}

/** The form two phase numbers are compared in: `01` = `1`, `1a` = `1A`, `7.01` = `7.1`. */
export function canonicalPhaseNumber(number: string): string {
  return number
    .split('.')
    .map((part) => part.replace(/^(-?)0+(?=\d)/, '$1').toUpperCase())
    .join('.');
}
