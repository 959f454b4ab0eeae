// Runs the real entry point from source (src/main.ts with tsx's loader, in one process — so a
// signal reaches the app itself, unlike the `tsx` CLI) as a child process with JSON logs, for tests
// of startup, shutdown, crashes and replicas. (tools/sim/app-process.ts runs the built dist/main.js.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../../tools/sim/app-process.js';

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

/**
 * Starts `src/main.ts` with exactly `env` (plus PATH/HOME, PORT, HOST, JSON logs): nothing leaks in
 * from the test runner's environment. Resolves once the app listens (or rejects if it exits).
 */
/**
 * Writes 100 ms apart instead of GitHub's 1 s: the pacing itself is tested in
 * test/github/write-pacing.test.ts and measured by the bench; here it would only make the
 * end-to-end tests wait. A test that needs the real spacing passes GITHUB_WRITE_SPACING_MS.
 */
export const TEST_WRITE_PACING = { GITHUB_WRITE_SPACING_MS: '100' } as const;

export async function startAppProcess(env: Record<string, string>, options: { waitForListen?: boolean } = {}): Promise<AppProcess> {
  const port = await freePort();
  // An empty working directory: a developer's ./.env never leaks into the test.
  const cwd = mkdtempSync(join(tmpdir(), 'planbot-test-app-'));
  const loader = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(REPO_ROOT, 'src', 'main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
      ...TEST_WRITE_PACING,
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
      rmSync(cwd, { recursive: true, force: true });
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
  if (options.waitForListen ?? true) await waitUntilServing(app);
  return app;
}

/** Polls GET /ping (whatever LOG_LEVEL says) until the app answers, or fails if it exits. */
async function waitUntilServing(app: AppProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void app.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`app exited before serving; stderr: ${app.stderr.join('')}`);
    const ok = await fetch(`${app.url}/ping`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`app did not answer /ping within ${timeoutMs} ms; stderr: ${app.stderr.join('')}`);
}

/** SIGKILLs the process if it is still running (test cleanup). */
export async function killAppProcess(app: AppProcess | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGKILL');
  await app.exited;
}
