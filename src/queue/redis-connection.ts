// Redis connections for Redis mode. Two kinds, on purpose:
// - `commands` (enqueue, dedupe, locks, health): no offline queue and a short command timeout,
//   so while Redis is away an enqueue fails at once and the webhook answers 503 (GitHub can
//   redeliver) instead of being acknowledged and then lost;
// - `worker` (BullMQ's worker, which needs blocking commands): waits and reconnects forever.
// Neither logs its errors above debug: RedisHealth reports an outage once.
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisClients {
  commands: Redis;
  worker: Redis;
}

const reconnect: RedisOptions['retryStrategy'] = (times) => Math.min(200 * times, 2_000);

export function createRedisClients(url: string, commandTimeoutMs: number, log: Logger): RedisClients {
  const commands = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    connectionName: 'planbot:commands',
    retryStrategy: reconnect,
  });
  const worker = new Redis(url, { maxRetriesPerRequest: null, connectionName: 'planbot:worker', retryStrategy: reconnect });
  watch(commands, 'commands', url, log);
  watch(worker, 'worker', url, log);
  return { commands, worker };
}

/**
 * Connection errors go to debug only: RedisHealth (src/queue/redis-health.ts) says once that Redis
 * is unreachable and once that it is back, instead of a line per reconnect attempt. The listener
 * also keeps an unhandled 'error' event from being printed by ioredis.
 */
function watch(client: Redis, name: string, url: string, log: Logger): void {
  client.on('error', (error: Error) => log.debug({ err: error, connection: name, redis: redactUrl(url) }, 'Redis connection error'));
}

/** Closes a connection politely (QUIT), or at once when Redis is away; safe to call twice. */
export async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  await client.quit().catch(() => client.disconnect());
}

/** Waits for the first connection, so a wrong REDIS_URL fails the start with a clear message. */
export async function waitUntilReady(client: Redis, url: string, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`Redis at ${redactUrl(url)} did not answer within ${timeoutMs} ms (REDIS_URL)`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}

/** The URL without its password, for log lines. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}
