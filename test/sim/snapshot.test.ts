import { afterEach, describe, expect, it } from '@jest/globals';
import { snapshotRepository } from '../../tools/sim/snapshot.js';
import { simWithRepo, where, type SimFixture } from './client.js';

const fixtures: SimFixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fixture) => fixture.sim.close()));
});

/** The same story in a fresh simulator (another port, other SHAs and timestamps). */
async function story(tick: boolean) {
  const fixture = await simWithRepo();
  fixtures.push(fixture);
  const { sim, octokit } = fixture;
  const { sha } = sim.createBranch({ ...where, branch: '001-x', files: { 'specs/001-x/plan.md': '- [ ] a\n' }, message: 'plan' });
  const tracking = await octokit.rest.issues.create({ ...where, title: 'Tracking', body: `Plan at ${sha}, see ${sim.url}/acme/web` });
  const phase = await octokit.rest.issues.create({ ...where, title: 'Phase 1', body: `- [${tick ? 'x' : ' '}] a\nPart of #${tracking.data.number}`, labels: ['planbot'] });
  await octokit.rest.issues.addSubIssue({ ...where, issue_number: tracking.data.number, sub_issue_id: phase.data.id });
  await octokit.rest.checks.create({ ...where, name: 'planbot / plan', head_sha: sha, conclusion: 'success', output: { title: 'ok', summary: `checked ${sha}` } });
  return snapshotRepository(sim, where);
}

describe('snapshotRepository', () => {
  it('gives equal snapshots for the same story in two simulators', async () => {
    const first = await story(false);
    const second = await story(false);
    expect(second).toEqual(first);
    expect(first.issues.find((issue) => issue.title === 'Tracking')).toMatchObject({ body: 'Plan at <commit "plan">, see <web>/acme/web', subIssues: ['Phase 1'] });
    expect(first.issues.find((issue) => issue.title === 'Phase 1')).toMatchObject({ body: '- [ ] a\nPart of #<Tracking>', parent: 'Tracking', labels: ['planbot'] });
    expect(first.checkRuns).toEqual([expect.objectContaining({ commit: '<commit "plan">', name: 'planbot / plan', conclusion: 'success', summary: 'checked <commit "plan">' })]);
    expect(first.branches['001-x'].files['specs/001-x/plan.md']).toBe('- [ ] a\n');
  });

  it('tells two different outcomes apart', async () => {
    expect(await story(true)).not.toEqual(await story(false));
  });
});
