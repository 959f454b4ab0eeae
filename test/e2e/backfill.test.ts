// End to end: planbot is installed on an organisation whose pull requests were opened before it
// arrived. The real server (`node dist/main.js`) against the GitHub simulator, every request
// checked against GitHub's OpenAPI description; the simulator's webhooks about the earlier work
// are never delivered, so planbot has not seen those pull requests.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FILLED_PLAN, SCENARIO, SEED_FILES } from '../../tools/demo/scenario.js';
import { deliverWebhook, generateAppKeyPair, startSimulator, type GitHubSimulator, type RequestRecord, type SimEvent } from '../../tools/sim/index.js';
import { startAppProcess, type AppProcess } from '../../tools/sim/app-process.js';
import { waitForIdle } from '../../tools/sim/idle.js';
import { buildApp, PROJECT_DIR } from './build.js';
import { TEST_WRITE_PACING } from '../helpers/app-process.js';

jest.setTimeout(180_000);

const OWNER = 'acme';
const WEB = { owner: OWNER, repo: 'web' };
const DOCS = { owner: OWNER, repo: 'docs' };
const SECRET = 'backfill-e2e-secret';
const CHECKS = ['planbot / plan', 'planbot / quality gates'];
const FEATURES = ['001-user-auth', '002-billing'];

/** Requests to repositories that change something (token exchanges are not). */
const writes = (requests: RequestRecord[]) =>
  requests.filter((request) => request.write && request.fault === null && request.installationId !== null).map((request) => request.route ?? `${request.method} ${request.path}`);
const planOf = (feature: string) => FILLED_PLAN.replaceAll(SCENARIO.branch, feature);

let sim: GitHubSimulator;
let app: AppProcess;
const heads = new Map<string, string>();

async function deliver(event: SimEvent): Promise<RequestRecord[]> {
  const from = sim.requests.length;
  const answer = await deliverWebhook(app.webhookUrl, { id: event.id, name: event.name, payload: event.payload, secret: SECRET });
  expect(answer.status).toBe(200);
  await waitForIdle({ simulator: sim, appUrl: app.url, timeoutMs: 150_000 });
  return sim.requests.slice(from);
}

beforeAll(async () => {
  buildApp();
  sim = await startSimulator({ validateRequests: true });
  const keys = generateAppKeyPair();
  sim.registerApp({ appId: SCENARIO.appId, publicKeyPem: keys.publicKeyPem, slug: 'planbot' });
  // Work in flight before planbot: two feature branches with plans, each with an open pull request.
  sim.seedRepository({ ...WEB, installationId: SCENARIO.installationId, files: SEED_FILES, organization: true });
  sim.setPermission({ ...WEB, user: SCENARIO.author, permission: 'write' });
  for (const feature of FEATURES) {
    sim.createBranch({ ...WEB, branch: feature, files: { [`specs/${feature}/plan.md`]: planOf(feature) }, message: `Plan ${feature}`, as: SCENARIO.author });
    heads.set(feature, sim.openPullRequest({ ...WEB, head: feature, title: `Feature ${feature}`, as: SCENARIO.author }).headSha);
  }
  // A second repository, added to the installation later, whose team wants checks but no issues from old work.
  sim.seedRepository({ ...DOCS, installationId: SCENARIO.installationId, organization: true, files: { 'README.md': '# docs\n', '.github/planbot.yml': 'issues:\n  backfill: false\n' } });
  sim.createBranch({ ...DOCS, branch: '003-search', files: { 'specs/003-search/plan.md': planOf('003-search') }, message: 'Plan 003-search' });
  heads.set('003-search', sim.openPullRequest({ ...DOCS, head: '003-search', title: 'Search' }).headSha);

  app = await startAppProcess({ gheHost: sim.host, appId: SCENARIO.appId, privateKeyPem: keys.privateKeyPem, webhookSecret: SECRET, projectDir: PROJECT_DIR, env: { ...TEST_WRITE_PACING } });
});

afterAll(async () => {
  await app?.stop();
  await sim?.close();
});

describe('installing planbot on work already in flight', () => {
  let install: SimEvent;
  let installRequests: RequestRecord[];

  it('gives both open pull requests both checks, and their features their issues; a live pull request goes first', async () => {
    expect(sim.requests).toHaveLength(0); // planbot never saw the pull requests
    install = sim.installApp({ installationId: SCENARIO.installationId, repos: [WEB] });
    const from = sim.requests.length;
    expect((await deliverWebhook(app.webhookUrl, { id: install.id, name: install.name, payload: install.payload, secret: SECRET })).status).toBe(200);
    // Once the backfill writes, someone opens a new pull request: it must not wait for the backfill.
    while (!sim.requests.slice(from).some((request) => request.write && request.route?.includes('check-runs'))) await new Promise((resolve) => setTimeout(resolve, 25));
    sim.createBranch({ ...WEB, branch: '004-live', files: { 'specs/004-live/plan.md': planOf('004-live') }, message: 'Plan 004-live', as: SCENARIO.author });
    const live = sim.openPullRequest({ ...WEB, head: '004-live', title: 'Live', as: SCENARIO.author });
    const opened = sim.events.find((event) => event.name === 'pull_request' && event.payload.pull_request.number === live.number)!;
    const liveFrom = sim.requests.length;
    const liveSentAt = Date.now();
    expect((await deliverWebhook(app.webhookUrl, { id: opened.id, name: opened.name, payload: opened.payload, secret: SECRET })).status).toBe(200);
    await waitForIdle({ simulator: sim, appUrl: app.url, timeoutMs: 150_000 });
    installRequests = sim.requests.slice(from);

    const liveRuns = sim.requests.slice(liveFrom).filter((request) => request.route === 'POST /repos/{owner}/{repo}/check-runs' && (request.body as any)?.head_sha === live.headSha);
    expect(liveRuns.map((request) => (request.body as any).name).sort()).toEqual(CHECKS);
    // The backfill's writes: everything but the live pull request's check runs and its feature's issues.
    const backfillWrites = installRequests.filter((request) => request.write && request.installationId !== null && (request.body as any)?.head_sha !== live.headSha && !JSON.stringify(request.body ?? '').includes('004-live'));
    const lastBackfillWrite = backfillWrites[backfillWrites.length - 1];
    expect(Math.max(...liveRuns.map((request) => request.seq))).toBeLessThan(lastBackfillWrite.seq);
    const liveDoneMs = Math.max(...liveRuns.map((request) => request.at + request.ms)) - liveSentAt;
    const backfillDoneMs = lastBackfillWrite.at + lastBackfillWrite.ms - liveSentAt;
    process.stdout.write(`backfill e2e: the live pull request had both checks ${liveDoneMs} ms after its webhook; the backfill wrote on for ${backfillDoneMs} ms\n`);

    for (const feature of FEATURES) {
      const runs = sim.checkRuns({ ...WEB, sha: heads.get(feature)! });
      expect(runs.map((run) => run.name).sort()).toEqual(CHECKS);
      expect(runs.map((run) => [run.status, run.conclusion])).toEqual([
        ['completed', 'success'],
        ['completed', 'success'],
      ]);
      const issues = sim.issues(WEB).filter((issue) => issue.title.startsWith(feature));
      const tracking = issues.find((issue) => issue.title === `${feature}: implementation plan`);
      expect(tracking).toBeDefined();
      const phases = issues.filter((issue) => / · Phase \d/.test(issue.title));
      expect(phases.map((issue) => issue.title.replace(/:.*/, '')).sort()).toEqual(['0', '1', '2', '3'].map((n) => `${feature} · Phase ${n}`));
      expect(tracking!.subIssues).toHaveLength(phases.length);
    }
    // Nothing was written anywhere but the checks and the issues.
    expect(writes(installRequests).filter((route) => !/check-runs|issues|labels/.test(route))).toEqual([]);
    expect(sim.violations).toEqual([]);
    // One line per repository.
    expect(app.logs.filter((line) => /^backfill: acme\/web caught up/.test(line.msg ?? '')).map((line) => [line.pulls, line.checked, line.synced])).toEqual([[2, 2, 2]]);
  });

  it('a redelivery of the installation event writes nothing', async () => {
    const requests = await deliver(install);
    expect(writes(requests)).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('the same repositories installed again (a new delivery) are read, not written', async () => {
    const again = sim.installApp({ installationId: SCENARIO.installationId, repos: [WEB], added: true });
    const requests = await deliver(again);
    expect(writes(requests)).toEqual([]);
    // Listing, config, files and check runs per pull request and the issue reads: far below the first pass.
    expect(requests.length).toBeLessThan(installRequests.length / 2);
    expect(requests.length).toBeLessThanOrEqual(30);
    process.stdout.write(`backfill e2e: first pass ${installRequests.length} requests (${writes(installRequests).length} writes), repeat ${requests.length} requests, 0 writes\n`);
  });

  it('a repository added later with issues.backfill: false gets its checks and no issues', async () => {
    const added = sim.installApp({ installationId: SCENARIO.installationId, repos: [DOCS], added: true });
    const requests = await deliver(added);
    expect(sim.checkRuns({ ...DOCS, sha: heads.get('003-search')! }).map((run) => run.name).sort()).toEqual(CHECKS);
    expect(sim.issues(DOCS)).toEqual([]);
    expect(writes(requests).filter((route) => /issues|labels/.test(route))).toEqual([]);
    expect(sim.violations).toEqual([]);

    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('planbot_backfill_repositories_total{state="done"} 3');
    // First pass 2, the repeat 3 (with the live one), the docs repository 1.
    expect(metrics).toContain('planbot_backfill_pull_requests_total{outcome="checked"} 6');
  });
});
