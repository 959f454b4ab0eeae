// The app's check run and `planbot config` must word every problem the same way, at the same place.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { CONFIG_PATH } from '../../src/config/load.js';
import { buildConfigErrorCheck } from '../../src/checks/config-error.js';
import { RECHECK } from '../../src/checks/actions.js';
import { checkConfigText } from '../../src/cli/config-file.js';
import { formatConfigProblem } from '../../src/config/problems.js';
import { resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';

const REPO_CONFIG = '/repos/acme/web/contents/.github%2Fplanbot.yml';

async function appProblems(text: string) {
  nock('https://api.github.com')
    .get(REPO_CONFIG)
    .times(2)
    .reply(200, text, { 'content-type': 'text/plain; charset=utf-8', etag: '"v1"' });
  const { context } = await createTestContext();
  return (await jobFromContext(context).config()).problems;
}

describe('config problems: app and CLI agree', () => {
  beforeEach(resetNock);

  it.each([
    ['a misspelt key', 'gates:\n  requried_sections: [Summary]\nchecks:\n  per_gate: 1\n'],
    ['a YAML syntax error', 'checks:\n  per_gate: true\nissues: labels: x\n'],
    ['a duplicate key', 'checks:\n  enabled: true\nchecks:\n  enabled: false\n'],
  ])('%s', async (_name, text) => {
    const app = await appProblems(text);
    const cli = checkConfigText(text, CONFIG_PATH).problems;
    expect(app.length).toBeGreaterThan(0);
    expect(app.map(formatConfigProblem)).toEqual(cli.map(formatConfigProblem));
    // The check run lists each problem word for word as the CLI prints it.
    const { summary } = buildConfigErrorCheck(app, [RECHECK]);
    for (const problem of cli) expect(summary).toContain(`\n${formatConfigProblem(problem)}\n`);
    expect(nock.pendingMocks().length).toBeLessThanOrEqual(1);
  });

  it('says "did you mean `required_sections`?" and gives line and column in the check run table', async () => {
    const app = await appProblems('gates:\n  requried_sections: [Summary]\n');
    expect(app).toEqual([
      { file: CONFIG_PATH, key: 'gates.requried_sections', line: 2, column: 3, message: 'unknown key "requried_sections"; did you mean `required_sections`?' },
    ]);
    const { summary } = buildConfigErrorCheck(app, [RECHECK]);
    expect(summary).toContain('| `.github/planbot.yml` | 2:3 | `gates.requried_sections` | unknown key "requried_sections"; did you mean `required_sections`? |');
    expect(summary).toContain(
      '```text\n.github/planbot.yml:2:3: gates.requried_sections: unknown key "requried_sections"; did you mean `required_sections`?\n```',
    );
  });
});
