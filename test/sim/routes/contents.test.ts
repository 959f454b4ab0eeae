import { afterEach, describe, expect, it } from '@jest/globals';
import { simWithRepo, statusOf, where, type SimFixture } from '../client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('contents and git data', () => {
  it('returns files base64-encoded with their git blob SHA, and directories as listings', async () => {
    fixture = await simWithRepo();
    const { data } = await fixture.octokit.rest.repos.getContent({ ...where, path: 'README.md' });
    expect(data).toMatchObject({ type: 'file', path: 'README.md', sha: 'ce013625030ba8dba906f756967f9e9ca394464a', encoding: 'base64', size: 6 });
    expect(Buffer.from((data as { content: string }).content, 'base64').toString()).toBe('hello\n');
    const listing = await fixture.octokit.rest.repos.getContent({ ...where, path: 'specs' });
    expect((listing.data as Array<{ type: string; path: string }>).map((entry) => `${entry.type}:${entry.path}`)).toEqual(['dir:specs/001-x']);
  });

  it('returns the raw file for the raw media type, as Probot config loading asks', async () => {
    fixture = await simWithRepo();
    const response = await fixture.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { ...where, path: 'README.md', mediaType: { format: 'raw' } });
    expect(response.data).toBe('hello\n');
    expect(response.headers['content-type']).not.toBe('application/json; charset=utf-8');
  });

  it('serves files over 1 MB without inline content, and their blob by SHA', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    fixture = await simWithRepo({}, { 'big.md': big });
    const { data } = await fixture.octokit.rest.repos.getContent({ ...where, path: 'big.md' });
    expect(data).toMatchObject({ encoding: 'none', content: '', size: big.length });
    const blob = await fixture.octokit.rest.git.getBlob({ ...where, file_sha: (data as { sha: string }).sha });
    expect(Buffer.from(blob.data.content, 'base64').toString()).toBe(big);
  });

  it('creates (201) and updates (200) files in commits on the branch and announces the push', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    const created = await octokit.rest.repos.createOrUpdateFileContents({ ...where, path: 'specs/002-y/plan.md', message: 'add plan', content: b64('# two\n'), branch: 'main' });
    expect(created.status).toBe(201);
    const updated = await octokit.rest.repos.createOrUpdateFileContents({ ...where, path: 'specs/002-y/plan.md', message: 'edit plan', content: b64('# two!\n'), branch: 'main', sha: created.data.content!.sha });
    expect(updated.status).toBe(200);
    expect(sim.readFile({ ...where, path: 'specs/002-y/plan.md' })).toBe('# two!\n');
    expect(sim.commits({ ...where, branch: 'main' }).map((commit) => [commit.message, commit.login])).toEqual([
      ['edit plan', 'planbot[bot]'],
      ['add plan', 'planbot[bot]'],
      ['Initial commit', 'acme'],
    ]);
    expect(sim.events.map((event) => [event.name, event.origin, event.payload.after])).toEqual([
      ['push', 'app', created.data.commit.sha],
      ['push', 'app', updated.data.commit.sha],
    ]);
    expect(sim.events[1].payload.commits[0].modified).toEqual(['specs/002-y/plan.md']);
  });

  it('answers 409 to a stale blob SHA and 422 to creating an existing file without one, changing nothing', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    const stale = await statusOf(octokit.rest.repos.createOrUpdateFileContents({ ...where, path: 'README.md', message: 'm', content: b64('new'), sha: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391' }));
    const missingSha = await statusOf(octokit.rest.repos.createOrUpdateFileContents({ ...where, path: 'README.md', message: 'm', content: b64('new') }));
    const noBranch = await statusOf(octokit.rest.repos.createOrUpdateFileContents({ ...where, path: 'a.md', message: 'm', content: b64('new'), branch: 'nope' }));
    const badPath = await statusOf(octokit.rest.repos.createOrUpdateFileContents({ ...where, path: '../escape.md', message: 'm', content: b64('x') }));
    expect([stale, missingSha, noBranch, badPath]).toEqual([409, 422, 404, 422]);
    expect(sim.readFile({ ...where, path: 'README.md' })).toBe('hello\n');
    expect(sim.commits({ ...where, branch: 'main' })).toHaveLength(1);
    expect(sim.events).toEqual([]);
  });

  it('gets, creates and deletes branch refs, refusing duplicates and unknown SHAs', async () => {
    fixture = await simWithRepo();
    const { octokit, sim, headSha } = fixture;
    expect((await octokit.rest.git.getRef({ ...where, ref: 'heads/main' })).data.object.sha).toBe(headSha);
    expect(await statusOf(octokit.rest.git.getRef({ ...where, ref: 'heads/nope' }))).toBe(404);
    expect((await octokit.rest.git.createRef({ ...where, ref: 'refs/heads/001-x', sha: headSha })).status).toBe(201);
    expect(await statusOf(octokit.rest.git.createRef({ ...where, ref: 'refs/heads/001-x', sha: headSha }))).toBe(422);
    expect(await statusOf(octokit.rest.git.createRef({ ...where, ref: 'refs/heads/002-y', sha: 'f'.repeat(40) }))).toBe(422);
    expect((await octokit.rest.repos.getBranch({ ...where, branch: '001-x' })).data.commit.sha).toBe(headSha);
    expect(sim.events.map((event) => `${event.name}:${event.payload.ref}`)).toEqual(['create:001-x', 'push:refs/heads/001-x']);
    expect((await octokit.rest.git.deleteRef({ ...where, ref: 'heads/001-x' })).status).toBe(204);
    expect(await statusOf(octokit.rest.repos.getBranch({ ...where, branch: '001-x' }))).toBe(404);
  });

  it('lists a recursive tree and compares two refs', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    sim.createBranch({ ...where, branch: 'feat', files: { 'specs/001-x/plan.md': '# Plan v2\n' }, message: 'v2' });
    const tree = await octokit.rest.git.getTree({ ...where, tree_sha: 'feat', recursive: 'true' });
    expect(tree.data.tree.filter((entry) => entry.type === 'blob').map((entry) => entry.path)).toEqual(['README.md', 'specs/001-x/plan.md']);
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({ ...where, basehead: 'main...feat' });
    expect(compare.data).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0 });
    expect(compare.data.files?.map((file) => [file.filename, file.status])).toEqual([['specs/001-x/plan.md', 'modified']]);
  });
});
