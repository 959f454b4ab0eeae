// Every real plan in the shared corpus turns into check runs GitHub accepts: each request body
// validates against GitHub's OpenAPI schema and stays within the documented limits.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { readdirSync, readFileSync } from 'node:fs';
import { analysePlan } from '../../src/plan/index.js';
import { buildCheckRuns } from '../../src/checks/evaluate.js';
import { postCheckRun } from '../../src/github/check-runs.js';
import { defaultConfig } from '../../src/config/schema.js';
import { nameKey } from '../../src/checks/names.js';
import { MAX_GATE_CHECKS } from '../../src/checks/gate-checks.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { API, CHECK_RUNS, checkRunWrites } from './github-mock.js';

const CORPUS = '/work/shared/corpus';
const files = readdirSync(CORPUS).filter((name) => name.endsWith('.md'));
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

describe('corpus plans as check runs', () => {
  beforeEach(resetNock);

  it('has plans to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s', async (name) => {
    const path = `specs/${name.replace(/\.md$/, '')}/plan.md`;
    const model = analysePlan(readFileSync(`${CORPUS}/${name}`, 'utf8'), { file: path });
    const config = defaultConfig();
    config.checks.per_gate = true;
    const specs = buildCheckRuns({
      repo: { owner: 'acme', repo: 'web' },
      plans: {
        config,
        problems: [],
        feature: null,
        expectedPath: null,
        plans: [{ path, feature: null, content: '', blobSha: 'b', ref: SHA, model }],
        missing: false,
        changedFiles: [path],
        readErrors: [],
        removedFiles: [],
        filesTruncated: false,
        headSha: SHA,
      },
      facts: { approvals: 0, changedFiles: [path], filesTruncated: false, checks: new Map() },
      headRepository: 'acme/web',
      mergeGroup: false,
    });
    expect(specs.map((spec) => spec.name).slice(0, 2)).toEqual(['planbot / plan', 'planbot / quality gates']);
    const gateNames = new Set(model.gates.map((gate) => nameKey(gate.name)).filter(Boolean));
    expect(specs.length - 2).toBe(Math.min(MAX_GATE_CHECKS, gateNames.size));

    const requests = recordRequests();
    nock(API).persist().post(CHECK_RUNS).reply(201, { id: 1 }).patch(`${CHECK_RUNS}/1`).reply(200, { id: 1 });
    const { context } = await createTestContext();
    for (const spec of specs) await postCheckRun(context.octokit, context.repo(), SHA, spec, 'pr-1');
    const writes = checkRunWrites(requests); // validates each body
    expect(writes.filter((write) => write.method === 'POST')).toHaveLength(specs.length);
    for (const write of writes) {
      const output = (write.body as any).output;
      expect(output.summary.length).toBeLessThanOrEqual(65_535);
      for (const annotation of output.annotations ?? []) expect(annotation.start_line).toBeGreaterThanOrEqual(1);
    }
  });
});
