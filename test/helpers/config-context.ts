// A webhook Context for unit-testing code that takes one (loadConfig, commitSkeleton) without
// going through probot.receive: token auth, no retry/throttle, conditional requests, captured logs.
import { Context } from 'probot';
import { createTestApp, type LogLine } from './probot.js';
import { ConditionalCache, useConditionalRequests } from '../../src/github/conditional-requests.js';
import { pushCreatedPayload } from './payloads-skeleton.js';

export interface TestContext {
  context: Context<'push'>;
  logs: LogLine[];
  cache: ConditionalCache;
}

export async function createTestContext(
  payload: any = pushCreatedPayload('refs/heads/001-user-auth'),
  cache = new ConditionalCache(),
): Promise<TestContext> {
  const { probot, logs } = createTestApp();
  const octokit = await probot.auth();
  useConditionalRequests(octokit, cache, 'test');
  const log = probot.log.child({ deliveryId: 'delivery-1' });
  const context = new Context({ id: 'delivery-1', name: 'push', payload } as any, octokit, log) as Context<'push'>;
  return { context, logs, cache };
}
