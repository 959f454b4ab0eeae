import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { JSON_SCHEMA_PATH, knownKeysAt, planbotJsonSchema, renderJsonSchema } from '../../src/config/json-schema.js';
import { configSchema } from '../../src/config/schema.js';

describe('schema/planbot.schema.json', () => {
  it('is exactly what the generator writes now (run `npm run schema` after changing the zod schema)', () => {
    expect(readFileSync(resolve(JSON_SCHEMA_PATH), 'utf8')).toBe(renderJsonSchema());
  });

  it('agrees with the zod schema on what is valid', () => {
    const validate = new Ajv2020({ strict: false }).compile(planbotJsonSchema());
    const samples: unknown[] = [
      {},
      { checks: { per_gate: true }, issues: { assignees: ['alice'], milestone: null } },
      { gates: { evidence: { Security: { review: { approvals: 2 } } } } },
      { _extends: 'acme/.github' },
      { checks: { per_gates: true } },
      { unknown: 1 },
      { issues: { labels: 'planbot' } },
      { issues: { milestone: 0 } },
      { checks: { no_plan_conclusion: 'maybe' } },
    ];
    for (const sample of samples) {
      expect({ sample, valid: validate(sample) }).toEqual({ sample, valid: configSchema.safeParse(sample).success });
    }
  });

  it('describes every key, so editors can show what it means', () => {
    const undescribed: string[] = [];
    const walk = (node: any, path: string) => {
      for (const [key, child] of Object.entries<any>(node.properties ?? {})) {
        if (!child.description) undescribed.push(`${path}${key}`);
        walk(child.anyOf?.find((option: any) => option.properties) ?? child, `${path}${key}.`);
      }
    };
    walk(planbotJsonSchema(), '');
    expect(undescribed).toEqual([]);
  });
});

describe('knownKeysAt', () => {
  it('lists the keys allowed in a mapping, through records and unions', () => {
    expect(knownKeysAt(['skeleton'])).toEqual(['enabled', 'commit_message']);
    expect(knownKeysAt(['gates', 'evidence', 'Any gate'])).toEqual(['review', 'files', 'check']);
    expect(knownKeysAt(['no', 'such'])).toEqual([]);
  });
});
