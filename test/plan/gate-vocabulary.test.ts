// The gate vocabulary: docs/engine.md lists exactly the built-in words, and every language's words
// classify as their class, also next to a symbol of another class.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyGateStatus } from '../../src/plan/index.js';
import { GATE_CLASSES, HEADER_WORDS, LANGUAGES, STATUS_SYMBOLS, STATUS_WORDS } from '../../src/plan/gate-vocabulary.js';

const docs = readFileSync(fileURLToPath(new URL('../../docs/engine.md', import.meta.url)), 'utf8');
const NAMES = { en: 'English', zh: 'Chinese', ja: 'Japanese', es: 'Spanish', fr: 'French', de: 'German', pt: 'Portuguese', ru: 'Russian' };
const cell = (words: readonly string[]) => words.join(', ').replace(/\|/g, '\\|');
const OPPOSITE = { pass: '❌', fail: '✅', pending: '✅', warn: '✅', waived: '❌' } as const;

describe('docs/engine.md', () => {
  it('lists every status word and symbol, per language', () => {
    expect(docs).toContain(`| symbols (any language) | ${GATE_CLASSES.map((c) => cell(STATUS_SYMBOLS[c])).join(' | ')} |`);
    for (const language of LANGUAGES) {
      expect(docs).toContain(`| ${NAMES[language]} (\`${language}\`) | ${GATE_CLASSES.map((c) => cell(STATUS_WORDS[language][c])).join(' | ')} |`);
    }
  });

  it('lists every header word, per language', () => {
    const roles = ['gate', 'principle', 'check', 'name', 'criteria', 'status', 'current', 'earlier', 'total'] as const;
    for (const language of LANGUAGES) {
      expect(docs).toContain(`| ${NAMES[language]} | ${roles.map((role) => cell(HEADER_WORDS[language][role])).join(' | ')} |`);
    }
  });
});

describe('the built-in words', () => {
  const cases = LANGUAGES.flatMap((language) =>
    GATE_CLASSES.flatMap((name) => STATUS_WORDS[language][name].map((word) => [language, word, name] as const)),
  );

  it.each(cases)('%s %j is %s, and beats a symbol of another class', (_language, word, name) => {
    expect(classifyGateStatus(word)).toBe(name);
    expect(classifyGateStatus(`${OPPOSITE[name]} **${word.toUpperCase()}** (note)`)).toBe(name);
  });

  it('has no word in two classes', () => {
    const seen = new Map<string, string>();
    for (const [, word, name] of cases) {
      const key = word.toLowerCase();
      if (seen.has(key)) expect([key, seen.get(key)]).toEqual([key, name]);
      seen.set(key, name);
    }
  });
});
