import { expect, it } from '@jest/globals';
import pino from 'pino';
import { isBottleneckConnectionError, quietBottleneckConnectionErrors } from '../../src/queue/quiet-bottleneck.js';

function logger() {
  const lines: Array<{ level: number; msg?: string; source?: string; name?: string }> = [];
  const root = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { root, lines };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', source: 'bottleneck' });

it("drops Bottleneck's Redis connection errors from every logger of the tree, children made earlier included", () => {
  const { root, lines } = logger();
  // As Probot does: the root's child is the app's log; Bottleneck got another child of it, made first.
  const probot = root.child({ name: 'probot' });
  const octokit = probot.child({ name: 'octokit' });
  const redacted = probot.child({}, { redact: ['token'] });

  octokit.error(refused());
  expect(lines).toHaveLength(1); // before: logged, once per reconnect attempt

  quietBottleneckConnectionErrors(redacted as any);
  quietBottleneckConnectionErrors(redacted as any); // idempotent
  for (let i = 0; i < 30; i++) octokit.error(refused());
  octokit.error(Object.assign(new Error('Connection is closed.'), { source: 'bottleneck' }));
  expect(lines).toHaveLength(1);

  // Anything else still gets through: other Bottleneck errors, the same error from elsewhere.
  octokit.error(Object.assign(new Error('ERR Error running script'), { source: 'bottleneck' }));
  probot.error(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }));
  redacted.warn('a warning');
  expect(lines.map((line) => line.msg)).toEqual([
    'connect ECONNREFUSED 127.0.0.1:6379',
    'ERR Error running script',
    'connect ECONNREFUSED 127.0.0.1:6379',
    'a warning',
  ]);
});

it('recognises connection errors by code or by ioredis message, only from Bottleneck', () => {
  expect(isBottleneckConnectionError(refused())).toBe(true);
  expect(isBottleneckConnectionError({ source: 'bottleneck', message: 'Reached the max retries per request limit (which is 20).' })).toBe(true);
  expect(isBottleneckConnectionError({ source: 'bottleneck', message: 'NOSCRIPT' })).toBe(false);
  expect(isBottleneckConnectionError({ code: 'ECONNREFUSED' })).toBe(false);
  expect(isBottleneckConnectionError(null)).toBe(false);
});
