import { afterEach, describe, expect, it } from '@jest/globals';
import { examplePayload } from '../../tools/sim/payloads.js';
import { simWithRepo, where, INSTALLATION, type SimFixture } from './client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

const everyString = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(everyString) : value && typeof value === 'object' ? Object.values(value).flatMap(everyString) : [];

describe('webhook payloads from @octokit/webhooks-examples', () => {
  it('starts from GitHub\'s own example payloads', () => {
    const example = examplePayload('pull_request', (payload) => payload.action === 'opened');
    expect(example.pull_request.head).toBeDefined();
    expect(() => examplePayload('no_such_event')).toThrow(/no no_such_event example/);
  });

  it('moves every example onto the simulated repository: names, ids, installation, URLs', async () => {
    fixture = await simWithRepo();
    const { sim } = fixture;
    sim.createBranch({ ...where, branch: '001-x', files: { 'specs/001-x/plan.md': '# P\n' }, message: 'plan', as: 'alice' });
    sim.openPullRequest({ ...where, head: '001-x', title: 'X', as: 'alice' });
    sim.commentOnIssue({ ...where, number: 1, body: 'hi', as: 'alice' });
    expect(sim.events.map((event) => event.name)).toEqual(['create', 'push', 'pull_request', 'issue_comment']);
    for (const event of sim.events) {
      expect(event.payload.repository).toMatchObject({ name: 'web', full_name: 'acme/web', owner: { login: 'acme' }, default_branch: 'main' });
      expect(event.payload.installation.id).toBe(INSTALLATION);
      expect(event.payload.sender.login).toBe('alice');
      const leftovers = everyString(event.payload).filter((text) => /Codertocat|Hello-World|api\.github\.com|\/\/github\.com/.test(text));
      expect(leftovers).toEqual([]);
    }
  });

  it('fills the push with the real refs, SHAs and changed files', async () => {
    fixture = await simWithRepo();
    const { sim, headSha } = fixture;
    const { sha } = sim.createBranch({ ...where, branch: '001-x', files: { 'specs/001-x/plan.md': '# P\n', 'new.md': 'n' }, message: 'plan', as: 'alice' });
    const push = sim.events.find((event) => event.name === 'push')!.payload;
    expect(push).toMatchObject({ ref: 'refs/heads/001-x', before: '0'.repeat(40), after: sha, created: true, deleted: false, pusher: { name: 'alice' } });
    expect(push.commits).toEqual([expect.objectContaining({ id: sha, message: 'plan', added: ['new.md'], modified: ['specs/001-x/plan.md'], removed: [] })]);
    expect(push.head_commit.id).toBe(sha);
    const create = sim.events.find((event) => event.name === 'create')!.payload;
    expect(create).toMatchObject({ ref: '001-x', ref_type: 'branch', master_branch: 'main' });
    expect(headSha).not.toBe(sha);
  });

  it('builds pull_request with head/base SHAs and issues.edited with changes.body.from', async () => {
    fixture = await simWithRepo();
    const { sim, octokit } = fixture;
    const { sha } = sim.createBranch({ ...where, branch: '001-x' });
    sim.openPullRequest({ ...where, head: '001-x', title: 'X' });
    const opened = sim.events.find((event) => event.name === 'pull_request')!.payload;
    expect(opened).toMatchObject({ action: 'opened', number: 1, pull_request: { number: 1, head: { ref: '001-x', sha }, base: { ref: 'main' }, state: 'open' } });
    expect(opened.before).toBeUndefined();
    await octokit.rest.issues.create({ ...where, title: 'T', body: '- [ ] a' });
    sim.editIssue({ ...where, number: 2, body: '- [x] a', as: 'alice' });
    const edited = sim.events.find((event) => event.name === 'issues' && event.payload.action === 'edited')!;
    expect(edited).toMatchObject({ origin: 'user', payload: { changes: { body: { from: '- [ ] a' } }, issue: { number: 2, body: '- [x] a' }, sender: { login: 'alice' } } });
    expect(edited.payload.issue.pull_request).toBeUndefined();
  });
});
