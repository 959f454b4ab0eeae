import { afterEach, describe, expect, it } from '@jest/globals';
import { simWithRepo, statusOf, where, type SimFixture } from '../client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

describe('pull requests, reviews, permissions', () => {
  it('shows a PR with head and base, its changed files paginated, and its reviews', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    const files: Record<string, string> = {};
    for (let index = 0; index < 35; index += 1) files[`src/f${String(index).padStart(2, '0')}.ts`] = `export const x = ${index};\n`;
    const { sha } = sim.createBranch({ ...where, branch: '001-x', files, message: 'work', as: 'alice' });
    const { number } = sim.openPullRequest({ ...where, head: '001-x', title: 'X', as: 'alice' });
    sim.addReview({ ...where, number, state: 'APPROVED', as: 'bob' });
    const pull = await octokit.rest.pulls.get({ ...where, pull_number: number });
    expect(pull.data).toMatchObject({ number, state: 'open', head: { ref: '001-x', sha }, base: { ref: 'main' }, user: { login: 'alice' } });
    const firstPage = await octokit.rest.pulls.listFiles({ ...where, pull_number: number });
    expect(firstPage.data).toHaveLength(30);
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { ...where, pull_number: number, per_page: 10 });
    expect(all.map((file) => file.filename)).toEqual(Object.keys(files));
    const reviews = await octokit.rest.pulls.listReviews({ ...where, pull_number: number });
    expect(reviews.data.map((review) => [review.user!.login, review.state, review.commit_id])).toEqual([['bob', 'APPROVED', sha]]);
    expect(sim.events.map((event) => `${event.name}${event.payload.action ? `.${event.payload.action}` : ''}`)).toEqual(['create', 'push', 'pull_request.opened', 'pull_request_review.submitted']);
    expect(await statusOf(octokit.rest.pulls.get({ ...where, pull_number: 99 }))).toBe(404);
  });

  it('announces pull_request.synchronize when the PR branch moves', async () => {
    fixture = await simWithRepo();
    const { sim } = fixture;
    const { sha: before } = sim.createBranch({ ...where, branch: '001-x' });
    sim.openPullRequest({ ...where, head: '001-x', title: 'X' });
    const { sha: after } = sim.commitFile({ ...where, branch: '001-x', path: 'a.md', content: 'a', message: 'a' });
    const sync = sim.events.find((event) => event.payload.action === 'synchronize')!;
    expect(sync.payload).toMatchObject({ before, after, pull_request: { head: { sha: after } } });
  });

  it('reports collaborator permission, none for strangers', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    sim.setPermission({ ...where, user: 'alice', permission: 'maintain' });
    expect((await octokit.rest.repos.getCollaboratorPermissionLevel({ ...where, username: 'alice' })).data).toMatchObject({ permission: 'write', role_name: 'maintain' });
    expect((await octokit.rest.repos.getCollaboratorPermissionLevel({ ...where, username: 'acme' })).data.permission).toBe('admin');
    expect((await octokit.rest.repos.getCollaboratorPermissionLevel({ ...where, username: 'mallory' })).data.permission).toBe('none');
  });
});
