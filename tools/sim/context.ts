// What every route module gets: the world, the URL bases, the payload builder, and a way to
// announce the webhooks GitHub would send for a change.
import type { AuthRegistry } from './auth.js';
import type { PayloadBuilder } from './payloads.js';
import { liveIssueJson, type Urls } from './render.js';
import { HttpError, notFound, type Handler, type RepoHandler, type SimRequest } from './router.js';
import type { SimIssue, SimRepo, SimState, SimUser } from './state.js';

/** A webhook GitHub would send; `origin` says whether the app's own request caused it. */
export interface SimEvent {
  /** The X-GitHub-Delivery id. */
  id: string;
  name: string;
  payload: Record<string, any>;
  origin: 'user' | 'app';
}

export interface SimContext {
  state: SimState;
  auth: AuthRegistry;
  urls(): Urls;
  payloads: PayloadBuilder;
  emit(name: string, payload: Record<string, any>, origin: SimEvent['origin']): void;
}

/** Wraps a handler for `/repos/{owner}/{repo}/...`: the repository must exist and belong to the caller's installation. */
export function inRepo(ctx: SimContext, handler: RepoHandler): Handler {
  return (request) => {
    const repo = ctx.state.repo(request.params.owner, request.params.repo);
    if (!repo) throw notFound();
    if (request.installationId !== null && repo.installationId !== request.installationId) throw notFound();
    return handler(request, repo);
  };
}

/** The caller as a GitHub user (the app's bot for installation tokens). */
export function actorOf(ctx: SimContext, request: SimRequest): SimUser {
  return request.actor ?? ctx.state.user(`${ctx.auth.defaultApp().slug}[bot]`, 'Bot');
}

export function originOf(request: SimRequest): SimEvent['origin'] {
  return request.actor?.type === 'Bot' ? 'app' : 'user';
}

/** An issue (not a pull request) by its number; 404 otherwise. */
export function issueOr404(repo: SimRepo, numberText: string, allowPull = true): SimIssue {
  const issue = repo.issues.get(Number(numberText));
  if (!issue || (!allowPull && issue.isPullRequest)) throw notFound();
  return issue;
}

/** Requires a JSON object body. */
export function bodyOf(request: SimRequest): Record<string, any> {
  if (request.body === undefined || request.body === null) return {};
  if (typeof request.body !== 'object' || Array.isArray(request.body)) throw new HttpError(400, 'Problems parsing JSON');
  return request.body;
}

/** Issue JSON with live labels, users and comment count. */
export function renderIssue(ctx: SimContext, repo: SimRepo, issue: SimIssue): Record<string, unknown> {
  return liveIssueJson(ctx.state, repo, issue, ctx.urls());
}
