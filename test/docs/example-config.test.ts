// docs/examples/planbot.yml is what a newcomer copies: it must be a config planbot accepts, and
// one the shipped JSON Schema (what editors validate with) accepts too.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { configSchema } from '../../src/config/schema.js';
import { REPO_ROOT } from '../helpers/app-process.js';

const example = parse(readFileSync(join(REPO_ROOT, 'docs', 'examples', 'planbot.yml'), 'utf8'));

describe('docs/examples/planbot.yml', () => {
  it('is a valid planbot config', () => {
    const result = configSchema.safeParse(example);
    expect(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([]);
    expect(Object.keys(example).sort()).toEqual(['branches', 'checks', 'commands', 'gates', 'issues', 'plan', 'skeleton']);
  });

  it('passes the shipped JSON Schema', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'planbot.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(example) ? [] : validate.errors).toEqual([]);
  });
});
