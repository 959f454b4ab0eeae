// Runs the real app the way `npm start` does (`node dist/main.js`) as a child process, pointed at
// the simulator through Probot's own GHE_HOST/GHE_PROTOCOL settings, and waits until it answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface AppProcessOptions {
  /** The simulator's host:port (GHE_HOST). */
  gheHost: string;
  appId: number;
  privateKeyPem: string;
  webhookSecret: string;
  /** Entry module; default `dist/main.js` under `projectDir` (what `npm start` runs). */
  entry?: string;
  /** The checkout holding dist/. Default: the current directory. */
  projectDir?: string;
  /** Extra environment (e.g. LOG_LEVEL, REDIS_URL). */
  env?: Record<string, string>;
  /** How long to wait for GET /ping to answer. Default 20 s. */
  readyTimeoutMs?: number;
}

export interface AppProcess {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  /** Probot's default webhook path on that server. */
  webhookUrl: string;
  pid: number;
  /** Parsed JSON log lines (LOG_FORMAT=json); other output lines as `{ msg }`. */
  logs: Array<Record<string, any>>;
  /** Everything written to stderr. */
  stderr(): string;
  /** Exit code once it has exited, else null. */
  exitCode(): number | null;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Asks the OS for a free loopback port (PORT=0 would not tell us which port Probot took). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const entry = resolve(options.projectDir ?? process.cwd(), options.entry ?? 'dist/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` first`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    APP_ID: String(options.appId),
    PRIVATE_KEY: options.privateKeyPem,
    WEBHOOK_SECRET: options.webhookSecret,
    PORT: String(port),
    HOST: '127.0.0.1',
    GHE_HOST: options.gheHost,
    GHE_PROTOCOL: 'http',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  // Probot's run() copies ./.env over the environment: start in an empty directory so a developer's
  // real credentials (or a smee proxy URL) can never replace the simulator's.
  const cwd = mkdtempSync(join(tmpdir(), 'planbot-app-'));
  const child: ChildProcess = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Array<Record<string, any>> = [];
  let stderr = '';
  let stdoutRest = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (stdoutRest + chunk).split('\n');
    stdoutRest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // Never leave the app running behind us, even if the caller exits without stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let exitCode: number | null = null;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : 1);
      process.off('exit', killOnExit);
      rmSync(cwd, { recursive: true, force: true });
      done();
    }),
  );

  const app: AppProcess = {
    url,
    webhookUrl: `${url}/api/github/webhooks`,
    pid: child.pid ?? -1,
    logs,
    stderr: () => stderr,
    exitCode: () => exitCode,
    async stop(graceMs = 5000) {
      if (exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (exitCode !== null) {
      throw new Error(`the app exited with code ${exitCode} before it was ready:\n${tail(stderr, logs)}`);
    }
    try {
      const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  await app.stop();
  throw new Error(`the app did not answer GET /ping within ${options.readyTimeoutMs ?? 20_000} ms:\n${tail(stderr, logs)}`);
}

function tail(stderr: string, logs: Array<Record<string, any>>): string {
  const lines = [...logs.slice(-10).map((line) => line.msg ?? JSON.stringify(line)), ...stderr.split('\n').slice(-20)];
  return lines.filter(Boolean).join('\n');
}
