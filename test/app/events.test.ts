// The event table: which handlers a job reaches, in which order, and which deliveries are queued
// at all. The feature modules are replaced by recorders: these tests are about routing only.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const reached: string[] = [];
let failing: string | null = null;
const recorder = (name: string) => async () => {
  reached.push(`${name}:start`);
  await new Promise((resolve) => setTimeout(resolve, 5));
  if (failing === name) throw new Error(`${name} failed`);
  reached.push(`${name}:end`);
};
const features: Record<string, string[]> = {
  checks: ['onPullRequest', 'onReview', 'onRerequested', 'onExternalCheck', 'onMergeGroup'],
  sync: ['onPush', 'onPullRequest', 'onIssueEdited', 'onIssueStateChanged'],
  skeleton: ['onBranchCreated'],
  commands: ['onIssueComment', 'onCheckRunAction'],
  backfill: ['onRepositoriesInstalled', 'backfillRepository'],
};
for (const [feature, handlers] of Object.entries(features)) {
  jest.unstable_mockModule(`../../src/${feature}/handle.js`, () => Object.fromEntries(handlers.map((name) => [name, recorder(`${feature}.${name}`)])));
}

jest.unstable_mockModule('../../src/projects/item-events.js', () => ({ onProjectItemChanged: recorder('projects.onProjectItemChanged') }));

const { dispatch } = await import('../../src/app/dispatch.js');
const { HANDLED_EVENTS, isRelevant } = await import('../../src/app/events.js');
const { BACKFILL_EVENT } = await import('../../src/backfill/lane.js');
const { MemoryGitHub } = await import('../helpers/memory-github.js');
const { memoryJob } = await import('../helpers/memory-job.js');

const BOT = { login: 'planbot[bot]', type: 'Bot' };
const HUMAN = { login: 'octocat', type: 'User' };
const repository = { name: 'web', full_name: 'acme/web', owner: { login: 'acme' } };

async function run(name: string, payload: object, sender: object = HUMAN): Promise<string[]> {
  reached.length = 0;
  const job = memoryJob(new MemoryGitHub(), { name, payload: { repository, sender, ...payload } }, { identity: { login: async () => 'planbot[bot]' } });
  await dispatch(job);
  return reached.filter((step) => step.endsWith(':start')).map((step) => step.slice(0, -':start'.length));
}

beforeEach(() => {
  failing = null;
});

describe('dispatch', () => {
  it('routes each event and action to its handlers', async () => {
    expect(await run('create', { ref_type: 'branch' })).toEqual(['skeleton.onBranchCreated']);
    expect(await run('create', { ref_type: 'tag' })).toEqual([]);
    expect(await run('push', { created: true, deleted: false, commits: [] })).toEqual(['skeleton.onBranchCreated', 'sync.onPush']);
    expect(await run('push', { created: false, deleted: false, commits: [] })).toEqual(['sync.onPush']);
    expect(await run('pull_request', { action: 'synchronize' })).toEqual(['checks.onPullRequest', 'sync.onPullRequest']);
    expect(await run('pull_request', { action: 'ready_for_review' })).toEqual(['checks.onPullRequest']);
    expect(await run('pull_request', { action: 'closed' })).toEqual([]);
    expect(await run('pull_request_review', { action: 'dismissed' })).toEqual(['checks.onReview']);
    expect(await run('issues', { action: 'edited' })).toEqual(['sync.onIssueEdited']);
    expect(await run('issues', { action: 'reopened' })).toEqual(['sync.onIssueStateChanged']);
    expect(await run('issues', { action: 'labeled' })).toEqual([]);
    expect(await run('issue_comment', { action: 'created' })).toEqual(['commands.onIssueComment']);
    expect(await run('check_run', { action: 'rerequested' })).toEqual(['checks.onRerequested']);
    expect(await run('check_run', { action: 'requested_action' })).toEqual(['commands.onCheckRunAction']);
    expect(await run('check_run', { action: 'completed' })).toEqual(['checks.onExternalCheck']);
    expect(await run('check_suite', { action: 'rerequested' })).toEqual(['checks.onRerequested']);
    expect(await run('check_suite', { action: 'completed' })).toEqual([]);
    expect(await run('merge_group', { action: 'checks_requested' })).toEqual(['checks.onMergeGroup']);
    expect(await run('status', {})).toEqual(['checks.onExternalCheck']);
    expect(await run('installation', { action: 'created' })).toEqual(['backfill.onRepositoriesInstalled']);
    expect(await run('installation_repositories', { action: 'added' })).toEqual(['backfill.onRepositoriesInstalled']);
    expect(await run('installation', { action: 'deleted' })).toEqual([]);
    expect(await run(BACKFILL_EVENT, { action: 'repository' })).toEqual(['backfill.backfillRepository']);
    expect(await run('projects_v2_item', { action: 'edited' })).toEqual(['projects.onProjectItemChanged']);
  });

  it('skips planbot’s own events, except a pull request’s checks', async () => {
    expect(await run('push', { created: true, deleted: false, commits: [] }, BOT)).toEqual([]);
    expect(await run('issues', { action: 'edited' }, BOT)).toEqual([]);
    expect(await run('issue_comment', { action: 'created' }, BOT)).toEqual([]);
    expect(await run('pull_request', { action: 'synchronize' }, BOT)).toEqual(['checks.onPullRequest']);
    // planbot's own card edits come back as projects_v2_item events.
    expect(await run('projects_v2_item', { action: 'edited' }, BOT)).toEqual([]);
    // Another bot is not planbot.
    expect(await run('push', { created: false, deleted: false, commits: [] }, { login: 'github-actions[bot]', type: 'Bot' })).toEqual(['sync.onPush']);
  });

  it('runs a pull request’s checks and sync side by side, and rethrows a failure only once both have settled', async () => {
    failing = 'checks.onPullRequest';
    await expect(run('pull_request', { action: 'opened' })).rejects.toThrow('checks.onPullRequest failed');
    expect(reached).toEqual(['checks.onPullRequest:start', 'sync.onPullRequest:start', 'sync.onPullRequest:end']);
  });

  it('runs a push’s handlers one after the other, and stops at the first failure', async () => {
    failing = 'skeleton.onBranchCreated';
    await expect(run('push', { created: true, deleted: false, commits: [] })).rejects.toThrow('skeleton.onBranchCreated failed');
    expect(reached).toEqual(['skeleton.onBranchCreated:start']);
  });
});

describe('isRelevant', () => {
  it('queues every action of a subscribed event, installation events only for the actions that start a backfill', () => {
    expect(isRelevant('pull_request', 'closed')).toBe(true);
    expect(isRelevant('status')).toBe(true);
    expect(isRelevant('installation', 'created')).toBe(true);
    expect(isRelevant('installation_repositories', 'added')).toBe(true);
    expect(isRelevant('installation', 'deleted')).toBe(false);
    expect(isRelevant('installation_repositories', 'removed')).toBe(false);
    expect(isRelevant('installation')).toBe(false);
    expect(isRelevant('deployment', 'created')).toBe(false);
    expect(isRelevant('__proto__')).toBe(false);
    // planbot's own backfill jobs are queued by planbot, never accepted from a webhook.
    expect(isRelevant(BACKFILL_EVENT, 'repository')).toBe(false);
  });

  it('knows the events app.yml subscribes to, plus the installation events every app receives', () => {
    const appYml = readFileSync(join(process.cwd(), 'app.yml'), 'utf8');
    const subscribed = [...appYml.split('default_events:')[1].split(/\n\S/)[0].matchAll(/^\s+-\s+(\w+)/gm)].map((match) => match[1]);
    expect(subscribed.length).toBeGreaterThan(5);
    expect([...HANDLED_EVENTS].sort()).toEqual([...subscribed, 'installation', 'installation_repositories'].sort());
  });
});
