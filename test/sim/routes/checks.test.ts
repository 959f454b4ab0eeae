import { afterEach, describe, expect, it } from '@jest/globals';
import { simWithRepo, statusOf, where, type SimFixture } from '../client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

const annotation = (line: number) => ({ path: 'specs/001-x/plan.md', start_line: line, end_line: line, annotation_level: 'warning' as const, message: `line ${line}` });

describe('check runs and statuses', () => {
  it('appends annotations across updates and replaces the output text', async () => {
    fixture = await simWithRepo();
    const { octokit, sim, headSha } = fixture;
    const created = await octokit.rest.checks.create({ ...where, name: 'planbot / plan', head_sha: headSha, status: 'in_progress', output: { title: 'Checking', summary: 'first', annotations: Array.from({ length: 50 }, (_, i) => annotation(i + 1)) } });
    await octokit.rest.checks.update({ ...where, check_run_id: created.data.id, conclusion: 'failure', output: { title: 'Plan incomplete', summary: 'second', annotations: [annotation(51), annotation(52)] } });
    const [run] = sim.checkRuns(where);
    expect(run).toMatchObject({ name: 'planbot / plan', status: 'completed', conclusion: 'failure', output: { title: 'Plan incomplete', summary: 'second' }, updates: 1 });
    expect(run.annotations.map((entry) => entry.start_line)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
    const listed = await octokit.rest.checks.listAnnotations({ ...where, check_run_id: created.data.id, per_page: 100 });
    expect(listed.data).toHaveLength(52);
    expect(sim.events.map((event) => `${event.name}.${event.payload.action}`)).toEqual(['check_run.created', 'check_run.completed']);
  });

  it('refuses more than 50 annotations per request, a completed run without conclusion, and unknown SHAs, storing nothing', async () => {
    fixture = await simWithRepo();
    const { octokit, sim, headSha } = fixture;
    const tooMany = await statusOf(octokit.rest.checks.create({ ...where, name: 'x', head_sha: headSha, output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, (_, i) => annotation(i + 1)) } }));
    const noConclusion = await statusOf(octokit.rest.checks.create({ ...where, name: 'x', head_sha: headSha, status: 'completed' }));
    const unknownSha = await statusOf(octokit.rest.checks.create({ ...where, name: 'x', head_sha: 'a'.repeat(40) }));
    expect([tooMany, noConclusion, unknownSha]).toEqual([422, 422, 422]);
    expect(sim.checkRuns(where)).toEqual([]);
  });

  it('leaves a run untouched when an update is refused', async () => {
    fixture = await simWithRepo();
    const { octokit, sim, headSha } = fixture;
    const created = await octokit.rest.checks.create({ ...where, name: 'x', head_sha: headSha, output: { title: 't', summary: 's', annotations: [annotation(1)] } });
    const status = await statusOf(octokit.rest.checks.update({ ...where, check_run_id: created.data.id, name: 'renamed', output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, (_, i) => annotation(i + 1)) } }));
    expect(status).toBe(422);
    expect(sim.checkRuns(where)[0]).toMatchObject({ name: 'x', annotations: [expect.objectContaining({ start_line: 1 })], updates: 0 });
  });

  it('lists runs for a ref, latest per name by default, filtered by name', async () => {
    fixture = await simWithRepo();
    const { octokit, headSha } = fixture;
    const first = await octokit.rest.checks.create({ ...where, name: 'planbot / plan', head_sha: headSha, conclusion: 'failure', output: { title: 'a', summary: 'a' } });
    const second = await octokit.rest.checks.create({ ...where, name: 'planbot / plan', head_sha: headSha, conclusion: 'success', output: { title: 'b', summary: 'b' } });
    await octokit.rest.checks.create({ ...where, name: 'planbot / quality gates', head_sha: headSha, conclusion: 'success', output: { title: 'c', summary: 'c' } });
    const latest = await octokit.rest.checks.listForRef({ ...where, ref: 'main' });
    expect(latest.data.check_runs.map((run) => [run.name, run.id])).toEqual([['planbot / quality gates', expect.any(Number)], ['planbot / plan', second.data.id]]);
    const all = await octokit.rest.checks.listForRef({ ...where, ref: headSha, check_name: 'planbot / plan', filter: 'all' });
    expect(all.data.check_runs.map((run) => run.id)).toEqual([second.data.id, first.data.id]);
  });

  it('combines commit statuses, latest per context', async () => {
    fixture = await simWithRepo();
    const { octokit, headSha } = fixture;
    await octokit.rest.repos.createCommitStatus({ ...where, sha: headSha, state: 'pending', context: 'ci' });
    await octokit.rest.repos.createCommitStatus({ ...where, sha: headSha, state: 'success', context: 'ci' });
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...where, ref: 'main' })).data).toMatchObject({ state: 'success', total_count: 1 });
    await octokit.rest.repos.createCommitStatus({ ...where, sha: headSha, state: 'failure', context: 'lint' });
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...where, ref: headSha })).data).toMatchObject({ state: 'failure', total_count: 2 });
  });
});
