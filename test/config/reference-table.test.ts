import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CONFIGURATION_DOC_PATH,
  REFERENCE_END,
  REFERENCE_START,
  referenceRows,
  renderReferenceTable,
  spliceReferenceTable,
} from '../../src/config/reference-table.js';
import { configSchema, defaultConfig } from '../../src/config/schema.js';
import { parse } from 'yaml';

const doc = () => readFileSync(resolve(CONFIGURATION_DOC_PATH), 'utf8');

/** Every dotted key of the defaults, which is every key that has a default. */
function defaultKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...defaultKeys(child, `${prefix}${key}.`)]);
}

describe('configuration reference table', () => {
  it('in docs/configuration.md is exactly the generated one (run `npm run schema` after changing the schema)', () => {
    expect(doc()).toBe(spliceReferenceTable(doc()));
  });

  it('the example in README.md is a valid configuration', () => {
    const readme = readFileSync(resolve('README.md'), 'utf8');
    const example = readme.split('```yaml\n')[1].split('```')[0];
    const parsed = configSchema.safeParse(parse(example));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(example).toContain('yaml-language-server: $schema=');
  });

  it('in README.md is exactly the generated one too', () => {
    const readme = readFileSync(resolve('README.md'), 'utf8');
    expect(readme).toContain(REFERENCE_START);
    expect(readme).toBe(spliceReferenceTable(readme));
  });

  it('has a row for every key of the config, with its default', () => {
    const rows = new Map(referenceRows().map((row) => [row.key, row]));
    const config = defaultConfig() as unknown as Record<string, unknown>;
    for (const key of defaultKeys(config)) {
      const value = key.split('.').reduce<any>((node, segment) => node[segment], config);
      expect({ key, present: rows.has(key) }).toEqual({ key, present: true });
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        const shown = typeof value === 'string' ? `\`${value}\`` : `\`${JSON.stringify(value)}\``;
        expect({ key, default: rows.get(key)!.default }).toEqual({ key, default: shown });
      }
    }
    expect(rows.get('gates.evidence.<name>.review.approvals')).toMatchObject({ type: 'integer ≥ 1', default: '—' });
    expect(rows.get('issues.assignees')?.type).toBe('`"author"` or list of strings');
  });

  it('escapes pipes so a regex default does not break the table', () => {
    const table = renderReferenceTable([{ key: 'a', type: 'string', default: '`x|y`', meaning: 'one | two\nlines' }]);
    expect(table.split('\n')[2]).toBe('| `a` | string | `x\\|y` | one \\| two lines |');
  });

  it('replaces only the block between the markers, and refuses a document without them', () => {
    const markdown = `intro\n${REFERENCE_START}\nold\n${REFERENCE_END}\noutro\n`;
    expect(spliceReferenceTable(markdown, 'NEW')).toBe(`intro\n${REFERENCE_START}\nNEW\n${REFERENCE_END}\noutro\n`);
    expect(() => spliceReferenceTable('no markers', 'NEW')).toThrow(/markers/);
  });
});

describe('docs/configuration.md examples', () => {
  it('are valid configuration files', () => {
    const blocks = [...doc().matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const parsed = parse(block) ?? {};
      expect({ block, issues: configSchema.safeParse(parsed).error?.issues ?? [] }).toEqual({ block, issues: [] });
    }
  });
});
