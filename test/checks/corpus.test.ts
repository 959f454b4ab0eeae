// Every real plan in the shared corpus turns into check runs GitHub accepts: each request body
// validates against GitHub's OpenAPI schema and stays within the documented limits.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import pino from 'pino';
import { readdirSync, readFileSync } from 'node:fs';
import { analysePlan } from '../../src/plan/index.js';
import { buildCheckRuns } from '../../src/checks/evaluate.js';
import { applyCheckRunWrites } from '../../src/checks/apply.js';
import { writesFor } from '../../src/checks/writes.js';
import { octokitGitHub } from '../../src/github/octokit-github.js';
import { defaultConfig } from '../../src/config/schema.js';
import { nameKey } from '../../src/checks/names.js';
import { MAX_GATE_CHECKS } from '../../src/checks/gate-checks.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { API, CHECK_RUNS, checkRunWrites } from './github-mock.js';
import { quickSample } from '../helpers/full-suite.js';

const CORPUS = '/work/shared/corpus';
const files = readdirSync(CORPUS).filter((name) => name.endsWith('.md')).sort();
const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

describe('corpus plans as check runs', () => {
  beforeEach(resetNock);

  it('has plans to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(quickSample(files))('%s', async (name) => { // a spread in the quick tier
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
        plans: [{ path, feature: name.replace(/\.md$/, ''), content: '', blobSha: 'b', ref: SHA, model }],
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
    await applyCheckRunWrites(octokitGitHub(context.octokit), { owner: 'acme', repo: 'web' }, specs.flatMap((spec) => writesFor(spec, SHA, 'pr-1')), pino({ level: 'silent' }));
    const writes = checkRunWrites(requests); // validates each body
    expect(writes.filter((write) => write.method === 'POST')).toHaveLength(specs.length);
    for (const write of writes) {
      const output = (write.body as any).output;
      expect(output.summary.length).toBeLessThanOrEqual(65_535);
      for (const annotation of output.annotations ?? []) expect(annotation.start_line).toBeGreaterThanOrEqual(1);
    }
  });
});
