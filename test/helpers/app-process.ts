// Runs the real entry point (src/main.ts through tsx, one process — so a signal reaches the app
// itself) as a child process with JSON logs, for tests of startup, shutdown and replicas.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ProcessLogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface AppProcess {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
  webhookUrl: string;
  logs: ProcessLogLine[];
  /** Raw stderr (startup errors are printed there). */
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  waitForLog(predicate: (line: ProcessLogLine) => boolean, timeoutMs?: number): Promise<ProcessLogLine>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `src/main.ts` with exactly `env` (plus PATH/HOME, PORT, HOST, JSON logs): nothing leaks in
 * from the test runner's environment. Resolves once the app listens (or rejects if it exits).
 */
export async function startAppProcess(env: Record<string, string>, options: { waitForListen?: boolean } = {}): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: ProcessLogLine[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line));
      } catch {
        stderr.push(line);
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString('utf8'));
    for (const wake of waiters) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal, at: Date.now() });
      for (const wake of waiters) wake();
    }),
  );
  let done = false;
  void exited.then(() => (done = true));

  const waitForLog = (predicate: (line: ProcessLogLine) => boolean, timeoutMs = 20_000) =>
    new Promise<ProcessLogLine>((resolve, reject) => {
      const check = () => {
        const found = logs.find(predicate);
        if (found) return finish(() => resolve(found));
        if (done) return finish(() => reject(new Error(`app exited before the expected log line; stderr: ${stderr.join('')}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.join('')}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  const url = `http://127.0.0.1:${port}`;
  const app: AppProcess = { child, url, webhookUrl: `${url}/api/github/webhooks`, logs, stderr, exited, waitForLog };
  if (options.waitForListen ?? true) await waitForLog((line) => String(line.msg).startsWith('Listening on'), 30_000);
  return app;
}

/** SIGKILLs the process if it is still running (test cleanup). */
export async function killAppProcess(app: AppProcess | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGKILL');
  await app.exited;
}
