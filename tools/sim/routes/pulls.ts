// Pull requests: read, list, changed files (paginated), commits and reviews.
import { inRepo, type SimContext } from '../context.js';
import { commitJson, pullJson, reviewJson } from '../render.js';
import { notFound, paginate, validationFailed, type Router } from '../router.js';
import type { SimPull, SimRepo } from '../state.js';

export function pullRoutes(router: Router, ctx: SimContext): void {
  const pullOr404 = (repo: SimRepo, number: string): SimPull => {
    const pull = repo.pulls.get(Number(number));
    if (!pull) throw notFound();
    return pull;
  };
  const render = (repo: SimRepo, pull: SimPull) => pullJson(repo, pull, ctx.urls(), (login) => ctx.state.user(login));
  const headSha = (repo: SimRepo, pull: SimPull) => repo.git.branchSha(pull.headRepo ? `${pull.headRepo}:${pull.head}` : pull.head);

  router.add('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', inRepo(ctx, (request, repo) => ({ status: 200, body: render(repo, pullOr404(repo, request.params.pull_number)) })));

  router.add(
    'GET',
    '/repos/{owner}/{repo}/pulls',
    inRepo(ctx, (request, repo) => {
      const state = request.query.get('state') ?? 'open';
      if (!['open', 'closed', 'all'].includes(state)) throw validationFailed('state', 'invalid', undefined, 'PullRequest');
      const head = request.query.get('head');
      const base = request.query.get('base');
      const pulls = [...repo.pulls.values()]
        .filter((pull) => state === 'all' || pull.state === state)
        .filter((pull) => !base || pull.base === base)
        .filter((pull) => !head || `${pull.headRepo?.split('/')[0] ?? repo.owner.login}:${pull.head}` === head)
        .sort((a, b) => b.number - a.number);
      const page = paginate(pulls, request, `${ctx.urls().api}/repos/${repo.full_name}/pulls`);
      return { status: 200, body: page.items.map((pull) => render(repo, pull)), headers: page.headers };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    inRepo(ctx, (request, repo) => {
      const pull = pullOr404(repo, request.params.pull_number);
      const head = repo.git.commit(headSha(repo, pull) ?? '');
      const baseTip = repo.git.branchSha(pull.base);
      if (!head || !baseTip) return { status: 200, body: [] };
      // Files changed since the merge base, as the "Files changed" tab shows them.
      const baseHistory = new Set(repo.git.history(baseTip).map((commit) => commit.sha));
      const mergeBase = repo.git.history(head.sha).find((commit) => baseHistory.has(commit.sha)) ?? repo.git.commit(baseTip)!;
      const u = ctx.urls();
      const files = repo.git.diff(mergeBase, head).map((file) => ({
        ...file,
        blob_url: `${u.web}/${repo.full_name}/blob/${head.sha}/${file.filename}`,
        raw_url: `${u.web}/${repo.full_name}/raw/${head.sha}/${file.filename}`,
        contents_url: `${u.api}/repos/${repo.full_name}/contents/${file.filename}?ref=${head.sha}`,
      }));
      const page = paginate(files, request, `${u.api}/repos/${repo.full_name}/pulls/${pull.number}/files`);
      return { status: 200, body: page.items, headers: page.headers };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}/commits',
    inRepo(ctx, (request, repo) => {
      const pull = pullOr404(repo, request.params.pull_number);
      const baseHistory = new Set(repo.git.history(repo.git.branchSha(pull.base) ?? '').map((commit) => commit.sha));
      const commits = repo.git
        .history(headSha(repo, pull) ?? '')
        .filter((commit) => !baseHistory.has(commit.sha))
        .reverse();
      const page = paginate(commits, request, `${ctx.urls().api}/repos/${repo.full_name}/pulls/${pull.number}/commits`);
      return { status: 200, body: page.items.map((commit) => commitJson(repo, commit, ctx.urls())), headers: page.headers };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    inRepo(ctx, (request, repo) => {
      const pull = pullOr404(repo, request.params.pull_number);
      const reviews = repo.reviews.filter((review) => review.pullNumber === pull.number);
      const page = paginate(reviews, request, `${ctx.urls().api}/repos/${repo.full_name}/pulls/${pull.number}/reviews`);
      return { status: 200, body: page.items.map((review) => reviewJson(repo, review, ctx.urls())), headers: page.headers };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    inRepo(ctx, (request, repo) => {
      const commit = repo.git.resolve(request.params.commit_sha);
      if (!commit) throw validationFailed('commit_sha', 'invalid', `No commit found for SHA: ${request.params.commit_sha}`, 'Commit');
      const pulls = [...repo.pulls.values()].filter((pull) => repo.git.history(headSha(repo, pull) ?? '').some((entry) => entry.sha === commit.sha));
      return { status: 200, body: pulls.map((pull) => render(repo, pull)) };
    }),
  );
}
