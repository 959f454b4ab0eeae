// Repository contents and git data: files (base64, blob SHAs, 409 on a stale SHA), blobs, trees,
// refs, branches, commits and comparisons.
import { announceBranchMoved } from '../announce.js';
import { actorOf, bodyOf, inRepo, originOf, type SimContext } from '../context.js';
import type { Commit } from '../git.js';
import { commitJson, treeSha } from '../render.js';
import { HttpError, notFound, paginate, validationFailed, type Router, type SimRequest } from '../router.js';
import type { SimRepo } from '../state.js';

/** The contents API returns content inline up to 1 MB; larger files come with encoding "none". */
const INLINE_CONTENT_BYTES = 1024 * 1024;

export function contentRoutes(router: Router, ctx: SimContext): void {
  const urls = () => ctx.urls();
  const fileUrls = (repo: SimRepo, path: string, ref: string, sha: string) => {
    const u = urls();
    const encodedPath = path.split('/').map(encodeURIComponent).join('/');
    return {
      url: `${u.api}/repos/${repo.full_name}/contents/${encodedPath}?ref=${encodeURIComponent(ref)}`,
      html_url: `${u.web}/${repo.full_name}/blob/${ref}/${encodedPath}`,
      git_url: `${u.api}/repos/${repo.full_name}/git/blobs/${sha}`,
      download_url: `${u.web}/raw/${repo.full_name}/${ref}/${encodedPath}`,
    };
  };
  const entryJson = (repo: SimRepo, path: string, ref: string, sha: string, type: 'file' | 'dir', size: number) => {
    const links = fileUrls(repo, path, ref, sha);
    return { type, size, name: path.split('/').pop(), path, sha, ...links, download_url: type === 'file' ? links.download_url : null, _links: { self: links.url, git: links.git_url, html: links.html_url } };
  };

  const readContents = (request: SimRequest, repo: SimRepo) => {
    const ref = request.query.get('ref') || repo.default_branch;
    const commit = repo.git.resolve(ref);
    if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
    const path = (request.params.path ?? '').replace(/^\/+|\/+$/g, '');
    const blob = commit.tree.get(path);
    const raw = /\braw\b/.test(String(request.headers.accept ?? ''));
    if (blob) {
      const bytes = repo.git.blob(blob)!;
      if (raw) return { status: 200, body: bytes, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } };
      const inline = bytes.length <= INLINE_CONTENT_BYTES;
      return {
        status: 200,
        body: { ...entryJson(repo, path, ref, blob, 'file', bytes.length), encoding: inline ? 'base64' : 'none', content: inline ? wrapBase64(bytes) : '' },
      };
    }
    if (repo.git.isDirectory(commit, path)) {
      const entries = repo.git.listDirectory(commit, path).map((entry) => entryJson(repo, entry.path, ref, entry.sha, entry.type, entry.type === 'file' ? repo.git.blob(entry.sha)!.length : 0));
      return { status: 200, body: entries };
    }
    throw notFound();
  };
  router.add('GET', '/repos/{owner}/{repo}/contents', inRepo(ctx, readContents));
  router.add('GET', '/repos/{owner}/{repo}/contents/{path+}', inRepo(ctx, readContents));

  router.add(
    'PUT',
    '/repos/{owner}/{repo}/contents/{path+}',
    inRepo(ctx, (request, repo) => {
      const body = bodyOf(request);
      const path = checkedPath(request.params.path);
      if (typeof body.message !== 'string' || !body.message) throw validationFailed('message', 'missing_field', undefined, 'Commit');
      if (typeof body.content !== 'string' || !isBase64(body.content)) throw new HttpError(422, 'content is not valid Base64');
      const { branch, current } = fileOnBranch(repo, body.branch, path);
      if (current && body.sha === undefined) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
      if (body.sha !== undefined && body.sha !== current) throw new HttpError(409, `${path} does not match ${body.sha}`);
      const commit = commitAs(ctx, request, repo, branch, [{ path, content: Buffer.from(body.content, 'base64') }], body.message, body.committer ?? body.author);
      const sha = commit.tree.get(path)!;
      return {
        status: current ? 200 : 201,
        body: { content: entryJson(repo, path, branch, sha, 'file', repo.git.blob(sha)!.length), commit: gitCommitJson(ctx, repo, commit) },
      };
    }),
  );

  router.add(
    'DELETE',
    '/repos/{owner}/{repo}/contents/{path+}',
    inRepo(ctx, (request, repo) => {
      const body = bodyOf(request);
      const path = checkedPath(request.params.path);
      if (typeof body.message !== 'string' || typeof body.sha !== 'string') throw validationFailed('sha', 'missing_field', undefined, 'Commit');
      const { branch, current } = fileOnBranch(repo, body.branch, path);
      if (!current) throw notFound();
      if (body.sha !== current) throw new HttpError(409, `${path} does not match ${body.sha}`);
      const commit = commitAs(ctx, request, repo, branch, [{ path, content: null }], body.message, body.committer);
      return { status: 200, body: { content: null, commit: gitCommitJson(ctx, repo, commit) } };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/git/blobs/{file_sha}',
    inRepo(ctx, (request, repo) => {
      const bytes = repo.git.blob(request.params.file_sha);
      if (!bytes) throw notFound();
      const sha = request.params.file_sha;
      return { status: 200, body: { sha, node_id: Buffer.from(`04:Blob${sha}`).toString('base64'), size: bytes.length, url: `${urls().api}/repos/${repo.full_name}/git/blobs/${sha}`, content: wrapBase64(bytes), encoding: 'base64' } };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/git/trees/{tree_sha+}',
    inRepo(ctx, (request, repo) => {
      const wanted = request.params.tree_sha;
      const commit = repo.git.resolve(wanted) ?? repo.git.resolve(wanted.split('').reverse().join(''));
      if (!commit) throw notFound();
      const recursive = request.query.has('recursive');
      const seen = new Set<string>();
      const tree: Array<Record<string, unknown>> = [];
      for (const [path, sha] of [...commit.tree].sort(([a], [b]) => a.localeCompare(b))) {
        const parts = path.split('/');
        for (let depth = 1; depth < parts.length; depth += 1) {
          const dir = parts.slice(0, depth).join('/');
          if ((recursive || depth === 1) && !seen.has(dir)) {
            seen.add(dir);
            tree.push({ path: dir, mode: '040000', type: 'tree', sha: treeSha(commit) });
          }
        }
        if (recursive || parts.length === 1) tree.push({ path, mode: '100644', type: 'blob', sha, size: repo.git.blob(sha)!.length, url: `${urls().api}/repos/${repo.full_name}/git/blobs/${sha}` });
      }
      return { status: 200, body: { sha: treeSha(commit), url: `${urls().api}/repos/${repo.full_name}/git/trees/${treeSha(commit)}`, tree, truncated: false } };
    }),
  );

  const refJson = (repo: SimRepo, branch: string) => {
    const sha = repo.git.branchSha(branch)!;
    return { ref: `refs/heads/${branch}`, node_id: Buffer.from(`03:Ref${branch}`).toString('base64'), url: `${urls().api}/repos/${repo.full_name}/git/refs/heads/${branch}`, object: { sha, type: 'commit', url: `${urls().api}/repos/${repo.full_name}/git/commits/${sha}` } };
  };
  const branchOfRef = (ref: string) => ref.replace(/^refs\//, '').replace(/^heads\//, '');

  router.add(
    'GET',
    '/repos/{owner}/{repo}/git/ref/{ref+}',
    inRepo(ctx, (request, repo) => {
      if (!request.params.ref.replace(/^refs\//, '').startsWith('heads/')) throw notFound();
      const branch = branchOfRef(request.params.ref);
      if (!repo.git.branchSha(branch)) throw notFound();
      return { status: 200, body: refJson(repo, branch) };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/git/matching-refs/{ref+}',
    inRepo(ctx, (request, repo) => {
      const prefix = request.params.ref.replace(/^refs\//, '');
      if (!prefix.startsWith('heads/')) return { status: 200, body: [] };
      const branches = repo.git.branches().filter((branch) => `heads/${branch}`.startsWith(prefix) && !branch.includes(':'));
      return { status: 200, body: branches.map((branch) => refJson(repo, branch)) };
    }),
  );

  router.add(
    'POST',
    '/repos/{owner}/{repo}/git/refs',
    inRepo(ctx, (request, repo) => {
      const body = bodyOf(request);
      if (typeof body.ref !== 'string' || !/^refs\/.+\/.+/.test(body.ref)) throw new HttpError(422, 'Reference name must be fully qualified, for example refs/heads/main');
      if (!body.ref.startsWith('refs/heads/')) throw new HttpError(422, 'Only branch refs are simulated');
      const branch = body.ref.slice('refs/heads/'.length);
      if (repo.git.branchSha(branch)) throw new HttpError(422, 'Reference already exists');
      if (typeof body.sha !== 'string' || !repo.git.commit(body.sha)) throw new HttpError(422, 'Object does not exist');
      repo.git.setRef(branch, body.sha);
      announceBranchMoved(ctx, repo, branch, null, body.sha, actorOf(ctx, request), originOf(request));
      return { status: 201, body: refJson(repo, branch) };
    }),
  );

  router.add(
    'PATCH',
    '/repos/{owner}/{repo}/git/refs/{ref+}',
    inRepo(ctx, (request, repo) => {
      const body = bodyOf(request);
      const branch = branchOfRef(request.params.ref);
      const before = repo.git.branchSha(branch);
      if (!before) throw new HttpError(422, 'Reference does not exist');
      if (typeof body.sha !== 'string' || !repo.git.commit(body.sha)) throw new HttpError(422, 'Object does not exist');
      const fastForward = repo.git.history(body.sha).some((commit) => commit.sha === before);
      if (!fastForward && !body.force) throw new HttpError(422, 'Update is not a fast forward');
      repo.git.setRef(branch, body.sha);
      if (before !== body.sha) announceBranchMoved(ctx, repo, branch, before, body.sha, actorOf(ctx, request), originOf(request));
      return { status: 200, body: refJson(repo, branch) };
    }),
  );

  router.add(
    'DELETE',
    '/repos/{owner}/{repo}/git/refs/{ref+}',
    inRepo(ctx, (request, repo) => {
      const branch = branchOfRef(request.params.ref);
      if (!repo.git.branchSha(branch)) throw new HttpError(422, 'Reference does not exist');
      if (branch === repo.default_branch) throw new HttpError(422, 'Cannot delete the default branch');
      repo.git.deleteRef(branch);
      return { status: 204 };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/branches',
    inRepo(ctx, (request, repo) => {
      const all = repo.git
        .branches()
        .filter((branch) => !branch.includes(':'))
        .map((name) => {
          const sha = repo.git.branchSha(name)!;
          return { name, commit: { sha, url: `${urls().api}/repos/${repo.full_name}/commits/${sha}` }, protected: false };
        });
      const page = paginate(all, request, `${urls().api}/repos/${repo.full_name}/branches`);
      return { status: 200, body: page.items, headers: page.headers };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/branches/{branch+}',
    inRepo(ctx, (request, repo) => {
      const sha = repo.git.branchSha(request.params.branch);
      if (!sha || request.params.branch.includes(':')) throw new HttpError(404, 'Branch not found');
      const u = urls();
      return {
        status: 200,
        body: {
          name: request.params.branch,
          commit: commitJson(repo, repo.git.commit(sha)!, u),
          _links: { self: `${u.api}/repos/${repo.full_name}/branches/${request.params.branch}`, html: `${u.web}/${repo.full_name}/tree/${request.params.branch}` },
          protected: false,
          protection: { enabled: false, required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
          protection_url: `${u.api}/repos/${repo.full_name}/branches/${request.params.branch}/protection`,
        },
      };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/commits',
    inRepo(ctx, (request, repo) => {
      const start = repo.git.resolve(request.query.get('sha') || repo.default_branch);
      if (!start) throw notFound();
      const path = request.query.get('path');
      const history = repo.git.history(start.sha).filter((commit) => {
        if (!path) return true;
        const parent = commit.parents[0] ? repo.git.commit(commit.parents[0]) : undefined;
        return commit.tree.get(path) !== parent?.tree.get(path);
      });
      const page = paginate(history, request, `${urls().api}/repos/${repo.full_name}/commits`);
      return { status: 200, body: page.items.map((commit) => commitJson(repo, commit, urls())), headers: page.headers };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}',
    inRepo(ctx, (request, repo) => {
      const commit = repo.git.resolve(request.params.ref);
      if (!commit) throw new HttpError(422, `No commit found for SHA: ${request.params.ref}`);
      const parent = commit.parents[0] ? repo.git.commit(commit.parents[0]) : undefined;
      const files = parent ? repo.git.diff(parent, commit) : [];
      const additions = files.reduce((sum, file) => sum + file.additions, 0);
      const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
      return { status: 200, body: { ...commitJson(repo, commit, urls()), stats: { additions, deletions, total: additions + deletions }, files } };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/compare/{basehead+}',
    inRepo(ctx, (request, repo) => {
      const [baseRef, headRef] = request.params.basehead.split('...');
      const base = baseRef ? repo.git.resolve(baseRef) : undefined;
      const head = headRef ? repo.git.resolve(headRef) : undefined;
      if (!base || !head) throw notFound();
      const headHistory = repo.git.history(head.sha);
      const baseHistory = new Set(repo.git.history(base.sha).map((commit) => commit.sha));
      const ahead = headHistory.filter((commit) => !baseHistory.has(commit.sha));
      const mergeBase = headHistory.find((commit) => baseHistory.has(commit.sha)) ?? base;
      const behind = repo.git.history(base.sha).findIndex((commit) => commit.sha === mergeBase.sha);
      const status = ahead.length && behind ? 'diverged' : ahead.length ? 'ahead' : behind ? 'behind' : 'identical';
      return {
        status: 200,
        body: {
          status,
          ahead_by: ahead.length,
          behind_by: Math.max(0, behind),
          total_commits: ahead.length,
          base_commit: commitJson(repo, base, urls()),
          merge_base_commit: commitJson(repo, mergeBase, urls()),
          commits: ahead.reverse().map((commit) => commitJson(repo, commit, urls())),
          files: repo.git.diff(mergeBase, head),
        },
      };
    }),
  );
}

/** Commits on behalf of the caller and announces the push. */
function commitAs(ctx: SimContext, request: SimRequest, repo: SimRepo, branch: string, changes: Array<{ path: string; content: Buffer | null }>, message: string, who?: { name?: string; email?: string }): Commit {
  const actor = actorOf(ctx, request);
  const before = repo.git.branchSha(branch)!;
  const commit = repo.git.commitToBranch(branch, changes, message, { login: actor.login, name: who?.name, email: who?.email });
  announceBranchMoved(ctx, repo, branch, before, commit.sha, actor, originOf(request));
  return commit;
}

function gitCommitJson(ctx: SimContext, repo: SimRepo, commit: Commit): Record<string, unknown> {
  const u = ctx.urls();
  return {
    sha: commit.sha,
    node_id: Buffer.from(`06:Commit${commit.sha}`).toString('base64'),
    url: `${u.api}/repos/${repo.full_name}/git/commits/${commit.sha}`,
    html_url: `${u.web}/${repo.full_name}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    message: commit.message,
    tree: { sha: treeSha(commit), url: `${u.api}/repos/${repo.full_name}/git/trees/${treeSha(commit)}` },
    parents: commit.parents.map((sha) => ({ sha, url: `${u.api}/repos/${repo.full_name}/git/commits/${sha}`, html_url: `${u.web}/${repo.full_name}/commit/${sha}` })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** GitHub's contents API wraps base64 at 60 characters. */
function wrapBase64(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n') + '\n';
}

function isBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0;
}

/** The branch a write names (the default one when none) and the blob SHA `path` has at its head, if any; 404 for an unknown branch. */
function fileOnBranch(repo: SimRepo, named: string | undefined, path: string): { branch: string; current: string | undefined } {
  const branch = named ?? repo.default_branch;
  const head = repo.git.branchSha(branch);
  if (!head) throw new HttpError(404, `Branch ${branch} not found`);
  return { branch, current: repo.git.commit(head)!.tree.get(path) };
}

function checkedPath(path: string | undefined): string {
  const clean = (path ?? '').replace(/^\/+/, '');
  const segments = clean.split('/');
  if (!clean || segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment === '.git')) {
    throw new HttpError(422, 'path contains a malformed path component', [{ resource: 'Commit', field: 'path', code: 'invalid' }]);
  }
  return clean;
}
