// Check runs (annotations appended across updates, at most 50 per request) and commit statuses.
import { actorOf, bodyOf, inRepo, originOf, type SimContext } from '../context.js';
import { checkRunJson, statusJson } from '../render.js';
import { HttpError, notFound, paginate, validationFailed, type Router, type SimRequest } from '../router.js';
import { now, type SimAnnotation, type SimCheckRun, type SimRepo, type SimStatus } from '../state.js';

const MAX_ANNOTATIONS_PER_REQUEST = 50;
const MAX_ACTIONS = 3;
const MAX_OUTPUT_CHARS = 65535;
const CONCLUSIONS = new Set(['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out']);

export function checkRoutes(router: Router, ctx: SimContext): void {
  const runJson = (repo: SimRepo, run: SimCheckRun) => checkRunJson(repo, run, ctx.urls(), openPullsAt(repo, run.head_sha));
  const announce = (request: SimRequest, repo: SimRepo, run: SimCheckRun, action: string) =>
    ctx.emit('check_run', ctx.payloads.checkRun(action, repo, run, actorOf(ctx, request)), originOf(request));

  router.add(
    'POST',
    '/repos/{owner}/{repo}/check-runs',
    inRepo(ctx, (request, repo) => {
      const body = bodyOf(request);
      if (typeof body.name !== 'string' || !body.name) throw validationFailed('name', 'missing_field', undefined, 'CheckRun');
      if (typeof body.head_sha !== 'string' || !repo.git.resolve(body.head_sha) || !/^[0-9a-f]{40}$/.test(body.head_sha)) {
        throw new HttpError(422, `No commit found for SHA: ${String(body.head_sha)}`);
      }
      const app = actorOf(ctx, request);
      const run: SimCheckRun = {
        id: ctx.state.id(),
        name: body.name,
        head_sha: body.head_sha,
        status: 'queued',
        conclusion: null,
        started_at: body.started_at ?? now(),
        completed_at: null,
        details_url: body.details_url ?? null,
        external_id: body.external_id ?? null,
        output: { title: null, summary: null, text: null },
        annotations: [],
        actions: [],
        app,
        appId: request.appId ?? ctx.auth.defaultApp().appId,
        updates: 0,
      };
      applyChanges(run, body);
      repo.checkRuns.set(run.id, run);
      announce(request, repo, run, 'created');
      if (run.status === 'completed') announce(request, repo, run, 'completed');
      return { status: 201, body: runJson(repo, run) };
    }),
  );

  router.add(
    'PATCH',
    '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    inRepo(ctx, (request, repo) => {
      const run = checkRunOf(repo, request);
      const wasCompleted = run.status === 'completed';
      // All or nothing: a rejected update leaves the run as it was.
      const draft: SimCheckRun = { ...run, output: { ...run.output }, annotations: [...run.annotations] };
      applyChanges(draft, bodyOf(request));
      Object.assign(run, draft, { updates: run.updates + 1 });
      if (!wasCompleted && run.status === 'completed') announce(request, repo, run, 'completed');
      return { status: 200, body: runJson(repo, run) };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/check-runs/{check_run_id}',
    inRepo(ctx, (request, repo) => {
      const run = checkRunOf(repo, request);
      return { status: 200, body: runJson(repo, run) };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations',
    inRepo(ctx, (request, repo) => {
      const run = checkRunOf(repo, request);
      const page = paginate(
        run.annotations.map((annotation) => ({ ...annotation, blob_href: `${ctx.urls().web}/${repo.full_name}/blob/${run.head_sha}/${annotation.path}` })),
        request,
        `${ctx.urls().api}/repos/${repo.full_name}/check-runs/${run.id}/annotations`,
      );
      return { status: 200, body: page.items, headers: page.headers };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    inRepo(ctx, (request, repo) => {
      const commit = repo.git.resolve(request.params.ref);
      if (!commit) throw new HttpError(422, `No commit found for SHA: ${request.params.ref}`);
      const name = request.query.get('check_name');
      const status = request.query.get('status');
      const appId = request.query.get('app_id');
      let runs = [...repo.checkRuns.values()]
        .filter((run) => run.head_sha === commit.sha)
        .filter((run) => !name || run.name === name)
        .filter((run) => !status || run.status === status)
        .filter((run) => !appId || String(run.appId) === appId)
        .sort((a, b) => b.id - a.id);
      if ((request.query.get('filter') ?? 'latest') === 'latest') {
        const seen = new Set<string>();
        runs = runs.filter((run) => !seen.has(run.name) && seen.add(run.name));
      }
      const page = paginate(runs, request, `${ctx.urls().api}/repos/${repo.full_name}/commits/${request.params.ref}/check-runs`);
      return { status: 200, body: { total_count: runs.length, check_runs: page.items.map((run) => runJson(repo, run)) }, headers: page.headers };
    }),
  );

  router.add(
    'POST',
    '/repos/{owner}/{repo}/statuses/{sha}',
    inRepo(ctx, (request, repo) => {
      const body = bodyOf(request);
      if (!repo.git.resolve(request.params.sha)) throw new HttpError(422, `No commit found for SHA: ${request.params.sha}`);
      if (!['error', 'failure', 'pending', 'success'].includes(body.state)) throw validationFailed('state', 'invalid', undefined, 'Status');
      const status: SimStatus = {
        id: ctx.state.id(),
        sha: repo.git.resolve(request.params.sha)!.sha,
        state: body.state,
        context: body.context ?? 'default',
        description: body.description ?? null,
        target_url: body.target_url ?? null,
        creator: actorOf(ctx, request),
        created_at: now(),
      };
      repo.statuses.push(status);
      ctx.emit('status', ctx.payloads.status(repo, status, status.creator), originOf(request));
      return { status: 201, body: statusJson(repo, status, ctx.urls()) };
    }),
  );

  const statusesFor = (repo: SimRepo, ref: string) => {
    const commit = repo.git.resolve(ref);
    if (!commit) throw notFound();
    return { sha: commit.sha, statuses: repo.statuses.filter((status) => status.sha === commit.sha).reverse() };
  };

  router.add(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}/status',
    inRepo(ctx, (request, repo) => {
      const { sha, statuses } = statusesFor(repo, request.params.ref);
      const latest = new Map<string, SimStatus>();
      for (const status of statuses) if (!latest.has(status.context)) latest.set(status.context, status);
      const states = [...latest.values()].map((status) => status.state);
      const state = states.some((s) => s === 'error' || s === 'failure') ? 'failure' : states.length === 0 || states.includes('pending') ? 'pending' : 'success';
      const urls = ctx.urls();
      return {
        status: 200,
        body: {
          state,
          statuses: [...latest.values()].map((status) => statusJson(repo, status, urls)),
          sha,
          total_count: latest.size,
          repository: { id: repo.id, full_name: repo.full_name },
          commit_url: `${urls.api}/repos/${repo.full_name}/commits/${sha}`,
          url: `${urls.api}/repos/${repo.full_name}/commits/${sha}/status`,
        },
      };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}/statuses',
    inRepo(ctx, (request, repo) => {
      const { statuses } = statusesFor(repo, request.params.ref);
      const page = paginate(statuses, request, `${ctx.urls().api}/repos/${repo.full_name}/commits/${request.params.ref}/statuses`);
      return { status: 200, body: page.items.map((status) => statusJson(repo, status, ctx.urls())), headers: page.headers };
    }),
  );
}

/** The run the path's `{check_run_id}` names, or a 404. */
function checkRunOf(repo: SimRepo, request: SimRequest): SimCheckRun {
  const run = repo.checkRuns.get(Number(request.params.check_run_id));
  if (!run) throw notFound();
  return run;
}

function openPullsAt(repo: SimRepo, sha: string) {
  return [...repo.pulls.values()].filter((pull) => pull.state === 'open' && !pull.headRepo && repo.git.branchSha(pull.head) === sha);
}

/** Applies a create/update body the way GitHub does: a conclusion completes the run; annotations append. */
function applyChanges(run: SimCheckRun, body: Record<string, any>): void {
  if (body.name !== undefined) run.name = body.name;
  if (body.details_url !== undefined) run.details_url = body.details_url;
  if (body.external_id !== undefined) run.external_id = body.external_id;
  if (body.status !== undefined) run.status = body.status;
  if (body.conclusion !== undefined && body.conclusion !== null) {
    if (!CONCLUSIONS.has(body.conclusion)) throw validationFailed('conclusion', 'invalid', undefined, 'CheckRun');
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if ((run.status === 'completed' || body.completed_at) && !run.conclusion) {
    throw new HttpError(422, 'Invalid request.\n\nFor \'properties/conclusion\', nil is not one of ["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"].');
  }
  if (run.status === 'completed') run.completed_at = body.completed_at ?? run.completed_at ?? now();
  if (body.actions !== undefined) {
    if (!Array.isArray(body.actions) || body.actions.length > MAX_ACTIONS) throw validationFailed('actions', 'invalid', `at most ${MAX_ACTIONS} actions`, 'CheckRun');
    run.actions = body.actions;
  }
  const output = body.output;
  if (output !== undefined) {
    if (typeof output.title !== 'string' || typeof output.summary !== 'string') throw validationFailed('output', 'missing_field', 'output needs title and summary', 'CheckRun');
    for (const field of ['summary', 'text'] as const) {
      if (typeof output[field] === 'string' && output[field].length > MAX_OUTPUT_CHARS) throw validationFailed(`output.${field}`, 'too_long', `at most ${MAX_OUTPUT_CHARS} characters`, 'CheckRun');
    }
    run.output = { title: output.title, summary: output.summary, text: output.text ?? run.output.text };
    const annotations: SimAnnotation[] = output.annotations ?? [];
    if (annotations.length > MAX_ANNOTATIONS_PER_REQUEST) throw validationFailed('output.annotations', 'too_long', `at most ${MAX_ANNOTATIONS_PER_REQUEST} annotations per request`, 'CheckRun');
    run.annotations.push(...annotations);
  }
}
