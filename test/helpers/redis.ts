// The real Redis at 127.0.0.1:6379 for Redis-mode tests (CI's .ci/run starts one when none
// answers). Unreachable, the tests FAIL when CI is set, and are skipped with a message otherwise.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

function answers(timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(6379, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** describe() when Redis is up; in CI a failing test when it is not; locally a skip with a message. */
export async function describeWithRedis(name: string, body: () => void): Promise<void> {
  const { describe, it } = await import('@jest/globals');
  if (await answers()) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs Redis at 127.0.0.1:6379', () => {
        throw new Error('Redis is not reachable at 127.0.0.1:6379 and CI is set: Redis-mode tests must run in CI. Start redis-server.');
      });
    });
    return;
  }
  console.warn(`Skipping "${name}": no Redis at 127.0.0.1:6379 (start redis-server to run it; in CI this fails).`);
  describe.skip(name, body);
}

/** A key prefix unique to this test run, so parallel runs and leftovers never collide. */
export function uniquePrefix(label: string): string {
  return `planbot-test-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/** Deletes every key under a prefix. */
export async function cleanPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/**
 * A TCP proxy in front of Redis that a test can cut (Redis "goes away": open connections drop,
 * new ones are refused) and restore.
 */
export class CuttableRedisProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(6379, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** Drops every connection and stops listening. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server = null;
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    await this.start();
  }
}
