// A small stateful GitHub for the issue-sync tests, served through nock: repository files and
// config, pull request files, issues (listing with labels/state/pagination), comments, labels,
// sub-issues and blocked-by dependencies. GETs carry ETags and answer 304 to a matching
// If-None-Match, as GitHub does. Every request is logged with its status.
import nock from 'nock';
import { createHash } from 'node:crypto';
import { HEAD_SHA } from '../helpers/payloads-checks.js';

export const API = 'https://api.github.com';
export const OWNER = 'acme';
export const REPO = 'web';
const BOT = { login: 'planbot[bot]', id: 9001, type: 'Bot' };
const HUMAN = { login: 'octocat', id: 1, type: 'User' };

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  byBot: boolean;
  parent: number | null;
  subIssues: number[];
  blockedBy: number[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  body: any;
}

type ApiSupport = 'supported' | 404 | 410 | 422;

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests fail (default 1). */
  times?: number;
}

export class FakeGitHub {
  files = new Map<string, string>();
  /** Messages of the commits planbot made (PUT contents). */
  commitMessages: string[] = [];
  /** Sizes GitHub reports for files, where a test wants one other than the content's (huge files without huge bodies). */
  declaredSizes = new Map<string, number>();
  /** `.github/planbot.yml` of acme/web; null: absent (and absent in acme/.github too). */
  config: string | null = null;
  issues: FakeIssue[] = [];
  labels = new Set<string>(['planbot', 'planbot:tracking']);
  comments: Array<{ issue: number; body: string }> = [];
  pullFiles = new Map<number, string[]>();
  /** The commit each branch points at (git/ref); a branch not listed points at the payloads' HEAD_SHA. */
  branchHeads = new Map<string, string>();
  /** Check runs already on commits (listed per head SHA; PATCH updates them). */
  checkRuns: Array<{ id: number; name: string; head_sha: string; status: string; conclusion: string | null; output: { title: string | null; summary: string | null } }> = [];
  subIssuesApi: ApiSupport = 'supported';
  dependenciesApi: ApiSupport = 'supported';
  /** false: issues carry no parent_issue_url / summaries (older GHES). */
  summaries = true;
  /** true: creating an issue with a label that does not exist is refused (422). */
  rejectMissingLabels = false;
  faults: Fault[] = [];
  log: LoggedRequest[] = [];
  private nextNumber = 1;

  constructor(options: { firstNumber?: number } = {}) {
    this.nextNumber = options.firstNumber ?? 1;
  }

  install(): this {
    const fake = this;
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      nock(API)
        .persist()
        [method](/^\/repos\/acme\//)
        .query(() => true)
        .reply(function (uri, body) {
          const parsed = typeof body === 'string' && body ? JSON.parse(body) : body || undefined;
          const [status, payload, headers] = fake.handle(method.toUpperCase(), uri, parsed, this.req.headers as Record<string, string>);
          fake.log.push({ method: method.toUpperCase(), path: decodeURIComponent(uri), status, body: parsed });
          return [status, payload as any, headers];
        });
    }
    return this;
  }

  // ---- views for assertions -------------------------------------------------------------

  writes(): LoggedRequest[] {
    return this.log.filter((request) => request.method !== 'GET');
  }

  /** `METHOD path` lines, for asserting the exact request sequence. */
  lines(filter: (request: LoggedRequest) => boolean = () => true): string[] {
    return this.log.filter(filter).map((request) => `${request.method} ${request.path}${request.status >= 300 ? ` → ${request.status}` : ''}`);
  }

  issue(number: number): FakeIssue {
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  byTitle(title: string): FakeIssue {
    const issue = this.issues.find((candidate) => candidate.title === title);
    if (!issue) throw new Error(`no issue titled ${title}; have ${this.issues.map((i) => i.title).join(' | ')}`);
    return issue;
  }

  /** Adds an issue as if a person (or planbot earlier) had made it. */
  addIssue(fields: Partial<FakeIssue> & { title: string; body: string }): FakeIssue {
    const number = this.nextNumber++;
    const issue: FakeIssue = {
      id: 5000 + number,
      number,
      state: 'open',
      state_reason: null,
      labels: ['planbot'],
      assignees: [],
      milestone: null,
      byBot: true,
      parent: null,
      subIssues: [],
      blockedBy: [],
      ...fields,
    };
    this.issues.push(issue);
    return issue;
  }

  // ---- the API ---------------------------------------------------------------------------

  handle(method: string, uri: string, body: any, headers: Record<string, string>): [number, unknown, Record<string, string>] {
    const url = new URL(uri, API);
    const path = url.pathname;
    const fault = this.faults.find((candidate) => candidate.method === method && candidate.path.test(path) && (candidate.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      return [fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers ?? {}];
    }
    const answer = this.route(method, path, url.searchParams, body, headers);
    if (method !== 'GET' || answer[0] !== 200) return answer;
    const etag = `"${createHash('sha1').update(JSON.stringify(answer[1])).digest('hex')}"`;
    if (headers['if-none-match'] === etag) return [304, '', { etag }];
    return [answer[0], answer[1], { ...answer[2], etag }];
  }

  private route(method: string, path: string, query: URLSearchParams, body: any, headers: Record<string, string>): [number, unknown, Record<string, string>] {
    const notFound: [number, unknown, Record<string, string>] = [404, { message: 'Not Found' }, {}];
    let match: RegExpExecArray | null;
    if ((match = /^\/repos\/acme\/([^/]+)\/contents\/(.+)$/.exec(path)) && method === 'GET') {
      const file = decodeURIComponent(match[2]);
      const text = match[1] === REPO && file === '.github/planbot.yml' ? this.config : match[1] === REPO ? this.files.get(file) : undefined;
      if (text == null) return notFound;
      if (String(headers.accept ?? '').includes('raw')) return [200, text, { 'content-type': 'text/plain; charset=utf-8' }];
      const sha = createHash('sha1').update(text).digest('hex');
      return [200, { type: 'file', encoding: 'base64', size: this.declaredSizes.get(file) ?? Buffer.byteLength(text), name: file.split('/').pop(), path: file, sha, content: Buffer.from(text).toString('base64') }, {}];
    }
    if ((match = /^\/repos\/acme\/web\/contents\/(.+)$/.exec(path)) && method === 'PUT') {
      // A commit naming the blob it replaces (two-way sync writes ticks made in the issues).
      const file = decodeURIComponent(match[1]);
      const current = this.files.get(file);
      if (current == null) return notFound;
      if (body?.sha !== createHash('sha1').update(current).digest('hex')) return [409, { message: `${file} does not match ${body?.sha}` }, {}];
      const text = Buffer.from(String(body.content), 'base64').toString('utf8');
      this.files.set(file, text);
      this.commitMessages.push(String(body.message));
      const sha = createHash('sha1').update(text).digest('hex');
      return [200, { content: { path: file, sha }, commit: { sha: `commit-${this.commitMessages.length}` } }, {}];
    }
    if ((match = /^\/repos\/acme\/web\/git\/ref\/heads(?:\/|%2F)(.+)$/i.exec(path)) && method === 'GET') {
      const branch = decodeURIComponent(match[1]);
      return [200, { ref: `refs/heads/${branch}`, object: { sha: this.branchHeads.get(branch) ?? HEAD_SHA, type: 'commit' } }, {}];
    }
    if ((match = /^\/repos\/acme\/web\/commits\/([0-9a-f]{40})\/check-runs$/.exec(path)) && method === 'GET') {
      const runs = this.checkRuns.filter((run) => run.head_sha === match![1]);
      return [200, { total_count: runs.length, check_runs: runs }, {}];
    }
    if ((match = /^\/repos\/acme\/web\/check-runs\/(\d+)$/.exec(path)) && method === 'PATCH') {
      const run = this.checkRuns.find((candidate) => candidate.id === Number(match![1]));
      if (!run) return notFound;
      Object.assign(run, { ...body, output: { ...run.output, ...body.output } });
      return [200, run, {}];
    }
    if ((match = /^\/repos\/acme\/web\/pulls\/(\d+)\/files$/.exec(path)) && method === 'GET') {
      const files = this.pullFiles.get(Number(match[1])) ?? [];
      return [200, files.map((filename) => ({ filename, status: 'modified' })), {}];
    }
    if (path === '/repos/acme/web/labels' && method === 'POST') {
      if (this.labels.has(body.name)) return [422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] }, {}];
      this.labels.add(body.name);
      return [201, { name: body.name, color: body.color }, {}];
    }
    if (path === '/repos/acme/web/issues' && method === 'GET') return this.list(query);
    if (path === '/repos/acme/web/issues' && method === 'POST') return this.create(body);
    if (!(match = /^\/repos\/acme\/web\/issues\/(\d+)(\/.*)?$/.exec(path))) return notFound;
    const issue = this.issues.find((candidate) => candidate.number === Number(match![1]));
    if (!issue) return notFound;
    const rest = match[2] ?? '';
    if (rest === '' && method === 'GET') return [200, this.json(issue), {}];
    if (rest === '' && method === 'PATCH') {
      if (body.title !== undefined) issue.title = body.title;
      if (body.body !== undefined) issue.body = body.body;
      if (body.state !== undefined && body.state !== issue.state) {
        issue.state = body.state;
        issue.state_reason = body.state === 'closed' ? (body.state_reason ?? 'completed') : (body.state_reason ?? 'reopened');
      } else if (body.state === 'closed' && body.state_reason) {
        // A closed issue's reason can change (not planned → completed).
        issue.state_reason = body.state_reason;
      }
      return [200, this.json(issue), {}];
    }
    if (rest === '/comments' && method === 'POST') {
      this.comments.push({ issue: issue.number, body: body.body });
      return [201, { id: this.comments.length, body: body.body }, {}];
    }
    if (rest === '/labels' && method === 'POST') {
      issue.labels = [...new Set([...issue.labels, ...body.labels])];
      return [200, issue.labels.map((name) => ({ name })), {}];
    }
    if (rest === '/sub_issues') return this.subIssues(method, issue, body);
    if ((match = /^\/dependencies\/blocked_by(?:\/(\d+))?$/.exec(rest))) return this.blockedBy(method, issue, body, match[1]);
    return notFound;
  }

  private list(query: URLSearchParams): [number, unknown, Record<string, string>] {
    const wanted = (query.get('labels') ?? '').split(',').filter(Boolean);
    const state = query.get('state') ?? 'open';
    const perPage = Number(query.get('per_page') ?? 30);
    const page = Number(query.get('page') ?? 1);
    const all = this.issues
      .filter((issue) => wanted.every((label) => issue.labels.includes(label)))
      .filter((issue) => state === 'all' || issue.state === state)
      .sort((a, b) => b.number - a.number);
    const items = all.slice((page - 1) * perPage, page * perPage).map((issue) => this.json(issue));
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URLSearchParams(query);
      next.set('page', String(page + 1));
      headers.link = `<${API}/repos/acme/web/issues?${next}>; rel="next"`;
    }
    return [200, items, headers];
  }

  private create(body: any): [number, unknown, Record<string, string>] {
    const labels: string[] = body.labels ?? [];
    const missing = labels.filter((label) => !this.labels.has(label));
    if (this.rejectMissingLabels && missing.length > 0) {
      return [422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'invalid', field: 'labels', value: missing[0] }] }, {}];
    }
    for (const label of labels) this.labels.add(label);
    const issue = this.addIssue({
      title: body.title,
      body: body.body ?? '',
      labels,
      assignees: body.assignees ?? [],
      milestone: body.milestone ?? null,
    });
    return [201, this.json(issue), {}];
  }

  private subIssues(method: string, parent: FakeIssue, body: any): [number, unknown, Record<string, string>] {
    if (this.subIssuesApi !== 'supported') return [this.subIssuesApi, { message: 'Not Found' }, {}];
    if (method === 'GET') return [200, parent.subIssues.map((number) => this.json(this.issue(number))), {}];
    const child = this.issues.find((candidate) => candidate.id === body.sub_issue_id);
    if (!child) return [404, { message: 'Not Found' }, {}];
    if (child.parent !== null || parent.subIssues.length >= 100) {
      return [422, { message: 'Validation Failed', errors: [{ message: 'Sub issue may only have one parent' }] }, {}];
    }
    child.parent = parent.number;
    parent.subIssues.push(child.number);
    return [201, this.json(parent), {}];
  }

  private blockedBy(method: string, issue: FakeIssue, body: any, blockerId: string | undefined): [number, unknown, Record<string, string>] {
    if (this.dependenciesApi !== 'supported') return [this.dependenciesApi, { message: 'Not Found' }, {}];
    if (method === 'GET') return [200, issue.blockedBy.map((number) => this.json(this.issue(number))), {}];
    if (method === 'DELETE') {
      const blocker = this.issues.find((candidate) => candidate.id === Number(blockerId));
      if (!blocker || !issue.blockedBy.includes(blocker.number)) return [404, { message: 'Not Found' }, {}];
      issue.blockedBy = issue.blockedBy.filter((number) => number !== blocker.number);
      return [200, this.json(issue), {}];
    }
    const blocker = this.issues.find((candidate) => candidate.id === body.issue_id);
    if (!blocker) return [404, { message: 'Not Found' }, {}];
    if (issue.blockedBy.includes(blocker.number)) return [422, { message: 'Validation Failed', errors: [{ message: 'already blocked by' }] }, {}];
    issue.blockedBy.push(blocker.number);
    return [201, this.json(blocker), {}];
  }

  json(issue: FakeIssue): Record<string, unknown> {
    const blocking = this.issues.filter((other) => other.blockedBy.includes(issue.number)).length;
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      number: issue.number,
      url: `${API}/repos/acme/web/issues/${issue.number}`,
      html_url: `https://github.com/acme/web/issues/${issue.number}`,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      user: issue.byBot ? BOT : HUMAN,
      performed_via_github_app: issue.byBot ? { id: 77, slug: 'planbot', name: 'planbot' } : null,
      labels: issue.labels.map((name) => ({ name })),
      assignees: issue.assignees.map((login) => ({ login })),
      milestone: issue.milestone === null ? null : { number: issue.milestone },
      ...(this.summaries
        ? {
            parent_issue_url: issue.parent === null ? null : `${API}/repos/acme/web/issues/${issue.parent}`,
            sub_issues_summary: { total: issue.subIssues.length, completed: 0, percent_completed: 0 },
            issue_dependencies_summary: {
              blocked_by: issue.blockedBy.length,
              total_blocked_by: issue.blockedBy.length,
              blocking,
              total_blocking: blocking,
            },
          }
        : {}),
    };
  }
}
