// The in-memory GitHub answers as GitHub does: what unit tests built on it prove holds against the
// real thing (test/github/octokit-github.test.ts pins the same answers on the wire).
import { describe, expect, it } from '@jest/globals';
import { MemoryGitHub, blobSha } from './memory-github.js';
import { FileTooLargeError, MAX_FILE_BYTES, NotTextError, isLabelError, mentions, statusOf } from '../../src/github/errors.js';
import { permanentRefusal } from '../../src/github/refusal.js';

const where = { owner: 'acme', repo: 'web' };
const newIssue = (title: string, labels = ['planbot']) => ({ title, body: `${title} body`, labels, assignees: [], milestone: null });

describe('files', () => {
  it('reads a file at a branch or a commit, with its blob SHA; absent is null', async () => {
    const github = new MemoryGitHub().setFile('specs/plan.md', '# Plan').setFile('specs/plan.md', '# Old', 'abc123');
    expect(await github.readFile(where, 'specs/plan.md', 'main')).toEqual({ path: 'specs/plan.md', ref: 'main', sha: blobSha('# Plan'), size: 6, content: '# Plan' });
    expect((await github.readFile(where, 'specs/plan.md', 'abc123'))?.content).toBe('# Old');
    expect(await github.readFile(where, 'specs/other.md', 'main')).toBeNull();
    expect(await github.readFile(where, 'specs/plan.md', 'no-such-ref')).toBeNull();
  });

  it('uses git blob ids as SHAs', () => {
    // `printf hello | git hash-object --stdin`
    expect(blobSha('hello')).toBe('b6fc4c620b67d95f953a5c1c1230aaab5db5a1b0');
  });

  it('refuses content planbot must not parse, as the boundary does', async () => {
    const github = new MemoryGitHub().setFile('big.md', 'x').setFile('bin.md', new Uint8Array([0x61, 0, 0x62])).setFile('bad.md', new Uint8Array([0x61, 0xff]));
    github.declaredSizes.set('big.md', MAX_FILE_BYTES + 1);
    await expect(github.readFile(where, 'big.md', 'main')).rejects.toBeInstanceOf(FileTooLargeError);
    await expect(github.readFile(where, 'bin.md', 'main')).rejects.toBeInstanceOf(NotTextError);
    await expect(github.readFile(where, 'bad.md', 'main')).rejects.toBeInstanceOf(NotTextError);
    expect(await github.readFile(where, 'bad.md', 'main', { lenient: true })).toMatchObject({ content: 'a\uFFFD', lossy: true });
    expect(github.callsOf('readFile').map((call) => call.result)).toEqual(['error', 'error', 'error', 'ok']);
  });

  it('writes a commit only when the blob SHA is current: a stale one is a 409 and changes nothing', async () => {
    const github = new MemoryGitHub().setFile('plan.md', 'v1');
    const before = github.headSha('main');
    await expect(github.writeFile(where, { path: 'plan.md', branch: 'main', content: 'v2', message: 'stale', sha: blobSha('v0') })).rejects.toMatchObject({ status: 409 });
    await expect(github.writeFile(where, { path: 'plan.md', branch: 'main', content: 'v2', message: 'no sha' })).rejects.toMatchObject({ status: 422 });
    await expect(github.writeFile(where, { path: 'plan.md', branch: 'gone', content: 'v2', message: 'm', sha: blobSha('v1') })).rejects.toMatchObject({ status: 404 });
    expect(github.headSha('main')).toBe(before);
    expect(github.commitMessages).toEqual([]);

    const written = await github.writeFile(where, { path: 'plan.md', branch: 'main', content: 'v2', message: 'Tick', sha: blobSha('v1') });
    expect(written).toEqual({ commitSha: github.headSha('main'), blobSha: blobSha('v2') });
    expect(written.commitSha).not.toBe(before);
    expect(github.file('plan.md')).toBe('v2');
    expect(github.file('plan.md', before)).toBe('v1'); // the old commit keeps its content
    expect(github.commitMessages).toEqual(['Tick']);
    // Creating needs no SHA.
    await github.writeFile(where, { path: 'new.md', branch: 'main', content: 'n', message: 'Add' });
    expect(github.file('new.md')).toBe('n');
    expect(github.writes().map((call) => `${call.method} ${call.result}`)).toEqual(['writeFile error', 'writeFile error', 'writeFile error', 'writeFile ok', 'writeFile ok']);
  });

  it('branches and comparisons: what changed between two commits', async () => {
    const github = new MemoryGitHub().setFile('a.md', 'a').setFile('b.md', 'b');
    expect(await github.branchExists(where, 'feat')).toBe(false);
    github.createBranch('feat');
    expect(await github.branchExists(where, 'feat')).toBe(true);
    const base = github.headSha('main');
    github.setFile('a.md', 'A', 'feat').deleteFile('b.md', 'feat').setFile('c.md', 'c', 'feat');
    expect(github.file('a.md')).toBe('a'); // the branch has its own files
    expect(await github.compareFiles(where, base, 'feat')).toEqual([
      { filename: 'a.md', status: 'modified' },
      { filename: 'b.md', status: 'removed' },
      { filename: 'c.md', status: 'added' },
    ]);
    await expect(github.compareFiles(where, base, 'nope')).rejects.toMatchObject({ status: 404 });
    expect(await github.getRepository(where)).toEqual({ default_branch: 'main', html_url: 'https://github.com/acme/web' });
    await expect(github.getRepository({ owner: 'acme', repo: 'api' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('webhook heads', () => {
  it("pointBranch puts a branch at a named commit holding the branch's files; an existing commit keeps its own", async () => {
    const head = 'a'.repeat(40);
    const github = new MemoryGitHub().setFile('plan.md', 'main').createBranch('feat').setFile('plan.md', 'v1', 'feat').pointBranch('feat', head);
    expect(await github.branchHead(where, 'feat')).toBe(head);
    expect(github.file('plan.md', head)).toBe('v1');
    github.setFile('plan.md', 'v2', 'feat').pointBranch('feat', 'b'.repeat(40)).pointBranch('feat', head);
    expect(github.file('plan.md', 'feat')).toBe('v2'); // `head` was changed in place by the setFile above
    github.pointBranch('new', 'c'.repeat(40));
    expect(github.file('plan.md', 'new')).toBe('main');
  });

  it('a pull request may take a number below the issues a test counts from', async () => {
    const github = new MemoryGitHub({ firstNumber: 11 });
    github.addPull({ number: 7, head: { ref: 'feat', sha: 'abc' } }, ['plan.md']);
    expect((await github.createIssue(where, newIssue('t'))).number).toBe(11);
    expect(await github.listPullFiles(where, 7)).toEqual([{ filename: 'plan.md', status: 'modified' }]);
  });
});

describe('configuration', () => {
  it("reads layers as Probot's config plugin: the repository's file, else the org's .github, then _extends", async () => {
    const github = new MemoryGitHub();
    expect(await github.readConfigLayers(where, '.github/planbot.yml')).toEqual([
      { owner: 'acme', repo: 'web', path: '.github/planbot.yml', url: 'https://api.github.com/repos/acme/web/contents/.github%2Fplanbot.yml', config: null },
      { owner: 'acme', repo: '.github', path: '.github/planbot.yml', url: 'https://api.github.com/repos/acme/.github/contents/.github%2Fplanbot.yml', config: null },
    ]);
    github.setConfig('_extends: shared:base.yml\nissues:\n  enabled: false\n');
    github.setFile('base.yml', 'checks:\n  per_gate: true\n', undefined, { owner: 'acme', repo: 'shared' });
    expect((await github.readConfigLayers(where, '.github/planbot.yml')).map((layer) => [layer.repo, layer.path, layer.config])).toEqual([
      ['web', '.github/planbot.yml', { issues: { enabled: false } }],
      ['shared', 'base.yml', { checks: { per_gate: true } }],
    ]);
    expect(await github.readRawText(where, '.github/planbot.yml')).toBe('_extends: shared:base.yml\nissues:\n  enabled: false\n');
    expect(await github.readRawText(where, 'missing.yml')).toBeNull();
    github.setConfig('a: [');
    await expect(github.readConfigLayers(where, '.github/planbot.yml')).rejects.toThrow(/invalid YAML/);
  });
});

describe('pull requests', () => {
  it('share their numbers with issues; an issue read of a pull request is null', async () => {
    const github = new MemoryGitHub();
    const pull = github.addPull({ head: { sha: 'h1', ref: 'feat', repo: { full_name: 'acme/web' } } }, ['specs/a.md', { filename: 'old.md', status: 'removed' }]);
    const issue = await github.createIssue(where, newIssue('first'));
    expect([pull.number, issue.number]).toEqual([1, 2]);
    expect(await github.getIssue(where, 1)).toBeNull();
    expect(await github.getPull(where, 1)).toMatchObject({ number: 1, state: 'open', head: { sha: 'h1', ref: 'feat' }, base: { ref: 'main' } });
    await expect(github.getPull(where, 2)).rejects.toMatchObject({ status: 404 });
    expect(await github.listPullFiles(where, 1)).toEqual([{ filename: 'specs/a.md', status: 'modified' }, { filename: 'old.md', status: 'removed' }]);
  });

  it('lists open ones newest first, narrowed to a head `owner:branch`, or to a first page', async () => {
    const github = new MemoryGitHub();
    github.addPull({ head: { sha: 'h1', ref: 'feat', repo: { full_name: 'acme/web' } } });
    github.addPull({ head: { sha: 'h2', ref: 'feat', repo: { full_name: 'fork/web' } } });
    github.addPull({ head: { sha: 'h3', ref: 'other', repo: { full_name: 'acme/web' } }, state: 'closed' });
    github.addPull({ head: { sha: 'h1', ref: 'again', repo: { full_name: 'acme/web' } } });
    expect((await github.listOpenPulls(where)).map((pull) => pull.number)).toEqual([4, 2, 1]);
    expect((await github.listOpenPulls(where, { head: 'acme:feat' })).map((pull) => pull.number)).toEqual([1]);
    expect((await github.listOpenPulls(where, { limit: 1 })).map((pull) => pull.number)).toEqual([4]);
    expect((await github.listPullsForCommit(where, 'h1')).map((pull) => pull.number)).toEqual([1, 4]);
  });
});

describe('issues', () => {
  it('creates labels GitHub would create, unless told to refuse them (422, nothing created)', async () => {
    const github = new MemoryGitHub();
    github.rejectMissingLabels = true;
    const refused = await github.createIssue(where, newIssue('t', ['planbot', 'new-label'])).catch((error) => error);
    expect(statusOf(refused)).toBe(422);
    expect(isLabelError(refused)).toBe(true);
    expect(github.issues).toEqual([]);
    github.rejectMissingLabels = false;
    const created = await github.createIssue(where, { ...newIssue('t', ['planbot', 'new-label']), assignees: ['octocat'], milestone: 3 });
    expect(created).toEqual({ id: 5001, number: 1, title: 't', body: 't body', state: 'open', stateReason: null, labels: ['planbot', 'new-label'], htmlUrl: 'https://github.com/acme/web/issues/1', byBot: true, parentIssueUrl: null, blockedByCount: 0, subIssuesCount: 0 });
    expect(github.issue(1)).toMatchObject({ assignees: ['octocat'], milestone: 3 });
    expect(github.labels.has('new-label')).toBe(true);
  });

  it('createLabel: false for a name that exists (case-insensitively), as GitHub\'s already_exists', async () => {
    const github = new MemoryGitHub();
    expect(await github.createLabel(where, { name: 'Planbot', color: 'ffffff', description: 'd' })).toBe(false);
    expect(await github.createLabel(where, { name: 'x', color: 'ffffff', description: 'd' })).toBe(true);
    expect(github.labels.get('x')).toEqual({ name: 'x', color: 'ffffff', description: 'd' });
  });

  it('closing and reopening set the reason as GitHub does', async () => {
    const github = new MemoryGitHub();
    github.addIssue({ title: 't', body: 'b' });
    expect((await github.updateIssue(where, 1, { state: 'closed' })).stateReason).toBe('completed');
    expect((await github.updateIssue(where, 1, { stateReason: 'not_planned' })).stateReason).toBe('not_planned');
    expect((await github.updateIssue(where, 1, { state: 'open' })).stateReason).toBe('reopened');
    expect(await github.updateIssue(where, 1, { title: 'u', body: '' })).toMatchObject({ title: 'u', body: '', state: 'open' });
    await expect(github.updateIssue(where, 9, { title: 'x' })).rejects.toMatchObject({ status: 404 });
    await github.addLabels(where, 1, ['planbot', 'extra']);
    expect(github.issue(1).labels).toEqual(['planbot', 'extra']);
  });

  it('lists labelled issues (open and closed) newest first; older servers report no summaries', async () => {
    const github = new MemoryGitHub();
    github.addIssue({ title: 'a', body: '' });
    github.addIssue({ title: 'b', body: '', labels: ['other'] });
    github.addIssue({ title: 'c', body: '', state: 'closed', state_reason: 'completed' });
    expect((await github.listLabelledIssues(where, 'planbot')).map((issue) => [issue.number, issue.state])).toEqual([[3, 'closed'], [1, 'open']]);
    github.summaries = false;
    expect(await github.getIssue(where, 1)).toMatchObject({ parentIssueUrl: undefined, blockedByCount: undefined, subIssuesCount: undefined });
    expect(await github.getIssue(where, 99)).toBeNull();
    expect(await github.getIssue({ owner: 'acme', repo: 'api' }, 1)).toBeNull();
  });

  it('sub-issues take the child id; one parent per child; a missing API answers its status', async () => {
    const github = new MemoryGitHub();
    const [parent, child, other] = ['p', 'c', 'o'].map((title) => github.addIssue({ title, body: '' }));
    await github.addSubIssue(where, parent.number, child.id);
    expect(await github.listSubIssueNumbers(where, parent.number)).toEqual([child.number]);
    expect(await github.getIssue(where, child.number)).toMatchObject({ parentIssueUrl: 'https://api.github.com/repos/acme/web/issues/1' });
    expect(await github.getIssue(where, parent.number)).toMatchObject({ subIssuesCount: 1 });
    const again = await github.addSubIssue(where, other.number, child.id).catch((error) => error);
    expect(statusOf(again)).toBe(422);
    expect(mentions(again, /only have one parent/)).toBe(true);
    await expect(github.addSubIssue(where, parent.number, 999)).rejects.toMatchObject({ status: 404 });
    github.subIssuesApi = 410;
    await expect(github.listSubIssueNumbers(where, parent.number)).rejects.toMatchObject({ status: 410 });
  });

  it('blocked-by: add once (a second add is a 422), remove (absent: 404), counted in the summary', async () => {
    const github = new MemoryGitHub();
    const [first, second] = ['1', '2'].map((title) => github.addIssue({ title, body: '' }));
    await github.addBlockedBy(where, second.number, first.id);
    await expect(github.addBlockedBy(where, second.number, first.id)).rejects.toMatchObject({ status: 422 });
    expect(await github.listBlockedByNumbers(where, second.number)).toEqual([first.number]);
    expect((await github.getIssue(where, second.number))?.blockedByCount).toBe(1);
    await github.removeBlockedBy(where, second.number, first.id);
    await expect(github.removeBlockedBy(where, second.number, first.id)).rejects.toMatchObject({ status: 404 });
    expect(second.blockedBy).toEqual([]);
    github.dependenciesApi = 404;
    await expect(github.listBlockedByNumbers(where, second.number)).rejects.toMatchObject({ status: 404 });
  });

  it('comments go on issues and pull requests that exist', async () => {
    const github = new MemoryGitHub();
    github.addIssue({ title: 't', body: '' });
    await github.createComment(where, 1, 'hello');
    await expect(github.createComment(where, 2, 'nobody')).rejects.toMatchObject({ status: 404 });
    expect(github.comments).toEqual([{ id: expect.any(Number), issue: 1, body: 'hello' }]);
  });
});

describe('checks', () => {
  it('a check run gets its annotations on create, appends more on update, and only the latest of a name is listed', async () => {
    const github = new MemoryGitHub();
    const annotation = (line: number) => ({ path: 'p.md', start_line: line, end_line: line, annotation_level: 'warning' as const, message: `m${line}` });
    github.addCheckRun({ name: 'plan', headSha: 'h1', conclusion: 'failure', app: { id: 5 } });
    const { id } = await github.createCheckRun(where, { name: 'plan', headSha: 'h1', conclusion: 'neutral', externalId: 'e', output: { title: 'T', summary: 'S', annotations: [annotation(1)] } });
    await github.updateCheckRun(where, id, { output: { title: 'T', summary: 'S', annotations: [annotation(2), annotation(3)] } });
    await github.updateCheckRun(where, id, { conclusion: 'success' });
    expect(await github.listCheckRuns(where, 'h1')).toEqual([
      { id, name: 'plan', status: 'completed', conclusion: 'success', external_id: 'e', app: { id: 77 }, output: { title: 'T', summary: 'S', text: null, annotations_count: 3 } },
    ]);
    expect(github.checkRuns.find((run) => run.id === id)?.annotations.map((a) => a.start_line)).toEqual([1, 2, 3]);
    expect(await github.listCheckRuns(where, 'h2')).toEqual([]);
    await expect(github.updateCheckRun(where, 999, { conclusion: 'success' })).rejects.toMatchObject({ status: 404 });
  });

  it('statuses: the latest per context', async () => {
    const github = new MemoryGitHub().addStatus('h1', 'ci/coverage', 'pending').addStatus('h1', 'ci/coverage', 'success').addStatus('h1', 'lint', 'failure');
    expect(await github.listCommitStatuses(where, 'h1')).toEqual([{ context: 'lint', state: 'failure' }, { context: 'ci/coverage', state: 'success' }]);
  });
});

describe('people and reactions', () => {
  it('a reaction given twice is the same one; collaborators by login, case-insensitively', async () => {
    const github = new MemoryGitHub();
    const first = await github.reactToComment(where, 77, 'eyes');
    expect(await github.reactToComment(where, 77, 'eyes')).toBe(first);
    const rocket = await github.reactToComment(where, 77, 'rocket');
    await github.removeCommentReaction(where, 77, first);
    expect(github.reactions).toEqual([{ id: rocket, commentId: 77, content: 'rocket' }]);
    github.permissions.set('Bob', { permission: 'write', role_name: 'maintain' });
    expect(await github.collaboratorPermission(where, 'bob')).toEqual({ permission: 'write', role_name: 'maintain' });
    expect(await github.collaboratorPermission(where, 'eve')).toBeNull();
    github.installationRepositories = [{ id: 1, name: 'web', full_name: 'acme/web' }];
    expect(await github.listInstallationRepositories()).toEqual([{ id: 1, name: 'web', full_name: 'acme/web' }]);
  });
});

describe('faults and the call log', () => {
  it('fails matching calls N times with GitHub-shaped errors, before anything changes', async () => {
    const github = new MemoryGitHub();
    github.fail('createIssue', 403, { message: 'You have exceeded a secondary rate limit', headers: { 'retry-after': '60' }, times: 2, match: (args) => (args[1] as { title: string }).title === 'b' });
    github.fail('createIssue', 422, { errors: [{ field: 'assignees', code: 'invalid' }], match: (args) => (args[1] as { assignees: string[] }).assignees.length > 0 });
    await github.createIssue(where, newIssue('a'));
    const limited = await github.createIssue(where, newIssue('b')).catch((error) => error);
    expect(statusOf(limited)).toBe(403);
    expect(limited.response.headers['retry-after']).toBe('60');
    expect(permanentRefusal(limited)).toBeNull(); // a rate limit passes with time
    await expect(github.createIssue(where, newIssue('b'))).rejects.toMatchObject({ status: 403 });
    await github.createIssue(where, newIssue('b'));
    const invalid = await github.createIssue(where, { ...newIssue('c'), assignees: ['ghost'] }).catch((error) => error);
    expect(permanentRefusal(invalid)).toEqual({ status: 422, message: 'Validation Failed: assignees invalid' });
    expect(github.issues.map((issue) => issue.title)).toEqual(['a', 'b']);
    expect(github.calls.map((call) => `${call.method}(${(call.args[1] as { title: string }).title}) ${call.result}`)).toEqual([
      'createIssue(a) ok',
      'createIssue(b) error',
      'createIssue(b) error',
      'createIssue(b) ok',
      'createIssue(c) error',
    ]);
    expect(github.faults.map((fault) => fault.times)).toEqual([0, 0]);
    expect(github.lines((call) => call.result === 'error')).toEqual(['createIssue → error', 'createIssue → error', 'createIssue → error']);
  });

  it('logs every call with its arguments as they were sent; writes() keeps the ones that change something', async () => {
    const github = new MemoryGitHub();
    const labels = ['planbot'];
    await github.listLabelledIssues(where, 'planbot');
    await github.createIssue(where, { ...newIssue('t'), labels });
    labels.push('mutated later');
    await github.getIssue(where, 1);
    await github.createLabel(where, { name: 'planbot', color: 'c', description: 'd' });
    expect(github.calls.map((call) => call.method)).toEqual(['listLabelledIssues', 'createIssue', 'getIssue', 'createLabel']);
    expect(github.writes().map((call) => call.method)).toEqual(['createIssue', 'createLabel']);
    expect(github.callsOf('createIssue')[0].args).toEqual([where, { ...newIssue('t'), labels: ['planbot'] }]);
    await github.createComment(where, 1, 'a body is text, not a name');
    await github.writeFile(where, { path: 'notes.md', branch: 'main', content: 'n', message: 'Add' });
    // Short lines: plain arguments after `where`, a written file's path; bodies and objects left out.
    expect(github.lines()).toEqual(['listLabelledIssues planbot', 'createIssue', 'getIssue 1', 'createLabel', 'createComment 1', 'writeFile notes.md']);
    const reader = new MemoryGitHub().setFile('a.md', 'a');
    await reader.readFile(where, 'a.md', 'main');
    await reader.listOpenPulls(where);
    expect(reader.writes()).toEqual([]);
  });
});
