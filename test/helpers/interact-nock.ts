// Shared nock set-up for the interaction tests (issue ticks, slash commands, check-run buttons):
// acme/web without a config file, the commenter's repository role, and a planbot that knows its login.
import nock from 'nock';
import type { PlanbotOptions } from '../../src/app/index.js';
import { createTestApp, type recordRequests } from './probot.js';
import { API } from './github-contents.js';

export const CONFIG = '/repos/acme/web/contents/.github%2Fplanbot.yml';
export const ORG_CONFIG = '/repos/acme/.github/contents/.github%2Fplanbot.yml';
export const PERMISSION = '/repos/acme/web/collaborators/octocat/permission';

/** The app as deployed with BOT_LOGIN set, so recognising planbot costs no request. */
export function interactApp(options: PlanbotOptions = {}): ReturnType<typeof createTestApp> {
  return createTestApp({ env: { ...process.env, BOT_LOGIN: 'planbot[bot]' }, ...options });
}

export function requestLines(requests: ReturnType<typeof recordRequests>): string[] {
  return requests.map((request) => `${request.method} ${request.path}`);
}

/** No `.github/planbot.yml` in the repository nor in the organisation's `.github`: 2 requests, defaults. */
export function noConfig(): nock.Scope {
  return nock(API).get(CONFIG).reply(404).get(ORG_CONFIG).reply(404);
}

/** The commenter's role as GitHub reports it (`permission` is the legacy level a custom role is based on). */
export function role(permission: string, roleName = permission): nock.Scope {
  return nock(API).get(PERMISSION).reply(200, { permission, role_name: roleName, user: { login: 'octocat' } });
}
