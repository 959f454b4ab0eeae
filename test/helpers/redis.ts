// The real Redis at 127.0.0.1:6379 for Redis-mode tests. When none answers, the tests start one
// (as .ci/run does); if that is impossible they FAIL with one line saying what is missing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../tools/sim/app-process.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

function answers(timeoutMs = 500, port = 6379): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
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

/**
 * Starts a redis-server on 127.0.0.1:6379 (daemonized, no persistence, as .ci/run does) when none
 * answers; several test files may race to do it, and whichever binds first serves them all.
 */
async function ensureRedis(): Promise<string | null> {
  if (await answers()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'planbot-redis-6379-'));
  const started = await new Promise<string | null>((resolve) => {
    const child = spawn('redis-server', ['--port', '6379', '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, 'redis.log')], { stdio: 'ignore' });
    child.once('error', (error) => resolve(`redis-server could not be started (${(error as NodeJS.ErrnoException).code ?? error.message}): install it (apt-get install redis-server) or start Redis at 127.0.0.1:6379`));
    child.once('exit', () => resolve(null));
  });
  if (started) return started;
  for (const until = Date.now() + 5000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 50))) if (await answers()) return null;
  return `Redis does not answer at 127.0.0.1:6379, and the redis-server started for the tests did not either (its log: ${join(dir, 'redis.log')})`;
}

/** describe() with Redis at 127.0.0.1:6379, started if need be; never a skip: without it, one failing line. */
export async function describeWithRedis(name: string, body: () => void): Promise<void> {
  const { describe, it } = await import('@jest/globals');
  const missing = await ensureRedis();
  if (!missing) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it('needs Redis at 127.0.0.1:6379', () => {
      throw new Error(missing);
    });
  });
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

/**
 * A redis-server process of the test's own, on a free port, that a test can hang (SIGSTOP),
 * resume (SIGCONT), stop (SIGTERM: it saves its data, as a production Redis with persistence
 * would) and start again on the same port with the same data.
 */
export class RedisServerProcess {
  private child: ChildProcess | null = null;
  private dir = '';
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    if (!this.dir) this.dir = mkdtempSync(join(tmpdir(), 'planbot-redis-'));
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '3600 1', '--appendonly', 'no', '--loglevel', 'warning'], {
      stdio: 'ignore',
    });
    this.child = child;
    const deadline = Date.now() + 15_000;
    while (!(await answers(500, this.port))) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer within 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Hangs the server: connections stay open, nothing is answered. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Stops the server (it saves its data first); connections are refused until start(). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  /** Kills the server and removes its data (test cleanup). */
  async destroy(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    this.child = null;
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
