// `npm start` without credentials: planbot's own version of Probot's setup flow, on the same paths
// (/probot, /probot/setup, /probot/import, /probot/success) and the same variables. It exists
// because Probot 14's pages break on quotes in app.yml and register a webhook URL nothing serves.
// Register → GitHub converts the manifest code → APP_ID, PRIVATE_KEY, WEBHOOK_SECRET go to .env.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { convertManifestCode } from '../github/app-api.js';
import type { Logger } from 'pino';
import { updateEnvFile } from './env-file.js';
import { createHttpServer, listen, pingHandler, type PlanbotHttpServer } from './http-server.js';
import { pathOf, type RouteHandler } from './http.js';
import { buildManifest, DEFAULT_WEBHOOK_PATH, readManifestSources, webhookUrlFor } from './manifest.js';
import { serverSettingsFromEnv } from './settings.js';
import { errorPage, importPage, setupPage, successPage } from './setup-pages.js';
import { createProxyChannel } from './webhook-proxy.js';

export interface SetupOptions {
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Where .env is written and app.yml is read. Default: the working directory. */
  cwd?: string;
  /** Creates a webhook proxy channel (default: a new smee.io channel). */
  createChannel?: () => Promise<string>;
}

export interface RunningSetup {
  url: string;
  http: PlanbotHttpServer;
  /** The proxy channel GitHub will deliver to, if any. */
  proxyUrl: string | undefined;
  stop(): Promise<void>;
}

const MAX_IMPORT_BYTES = 64 * 1024;

export async function startSetup(options: SetupOptions): Promise<RunningSetup> {
  const { env, log } = options;
  const cwd = options.cwd ?? process.cwd();
  const envPath = join(cwd, '.env');
  const settings = serverSettingsFromEnv(env);
  const webhookPath = env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH;
  const githubHost = env.GHE_HOST || 'github.com';
  const githubUrl = `${env.GHE_PROTOCOL || 'https'}://${githubHost}`;
  const apiUrl = env.GHE_HOST ? `${githubUrl}/api/v3` : 'https://api.github.com';
  // GitHub hands `state` back with the code; a code arriving without it was not asked for here.
  const state = randomBytes(16).toString('hex');
  const createAppUrl = `${githubUrl}${env.GH_ORG ? `/organizations/${encodeURIComponent(env.GH_ORG)}` : ''}/settings/apps/new?state=${state}`;

  // Probot's convention for a laptop: GitHub delivers to a smee.io channel, which forwards here.
  let proxyUrl = settings.WEBHOOK_PROXY_URL;
  if (!proxyUrl && env.NODE_ENV !== 'production' && env.NO_SMEE_SETUP !== 'true') {
    try {
      proxyUrl = await (options.createChannel ?? createProxyChannel)();
      updateEnvFile(envPath, { WEBHOOK_PROXY_URL: proxyUrl });
      log.info(`Created the webhook proxy channel ${proxyUrl} (saved to .env as WEBHOOK_PROXY_URL).`);
    } catch (error) {
      log.warn(
        `Could not create a webhook proxy channel on smee.io (${(error as Error).message}). GitHub will be given this server's own address, ` +
          'which it cannot reach from the internet: set WEBHOOK_PROXY_URL in .env to a https://smee.io channel, or NO_SMEE_SETUP=true to skip this.',
      );
    }
  }

  const baseUrlOf = (req: IncomingMessage): string => {
    const forwardedProto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim();
    const protocol = forwardedProto || ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
    const host = String(req.headers['x-forwarded-host'] ?? '').split(',')[0].trim() || req.headers.host || `localhost:${settings.PORT}`;
    return `${protocol}://${host}`;
  };
  const html = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
    return true;
  };
  const appName = () => {
    try {
      const { appYml, pkg } = readManifestSources(cwd);
      return String(appYml.name || pkg.name || 'planbot');
    } catch {
      return 'planbot';
    }
  };

  const setupRoutes: RouteHandler = async (req, res) => {
    const path = pathOf(req);
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    if (req.method === 'GET' && path === '/') {
      res.writeHead(302, { location: '/probot', 'content-type': 'text/plain' }).end('Found. Redirecting to /probot');
      return true;
    }
    if (req.method === 'GET' && path === '/probot') {
      const baseUrl = baseUrlOf(req);
      let sources: ReturnType<typeof readManifestSources>;
      try {
        sources = readManifestSources(cwd); // read on each visit: an edited app.yml applies at once
      } catch (error) {
        return html(res, 500, errorPage({ name: 'planbot', message: (error as Error).message }));
      }
      const manifest = buildManifest({ ...sources, baseUrl, webhookPath, proxyUrl });
      const webhookUrl = webhookUrlFor(baseUrl, webhookPath, proxyUrl);
      return html(res, 200, setupPage({
        name: String(manifest.name ?? 'planbot'),
        description: typeof manifest.description === 'string' ? manifest.description : undefined,
        version: (sources.pkg as { version?: string }).version,
        createAppUrl,
        manifest,
        webhookUrl,
        webhookUrlIsLocal: !proxyUrl && isLocalAddress(baseUrl),
      }));
    }
    if (req.method === 'GET' && path === '/probot/setup') {
      const code = query.get('code');
      if (!code) return html(res, 400, errorPage({ name: appName(), message: 'GitHub sent no code: start again from the setup page.' }));
      if (query.get('state') !== state) {
        return html(res, 400, errorPage({ name: appName(), message: 'This registration was not started from this server (its state does not match): start again from the setup page.' }));
      }
      let app: { id: number; html_url: string; pem: string; webhook_secret: string | null; slug?: string };
      try {
        app = await convertManifestCode(apiUrl, code); // failures are logged below, once
      } catch (error) {
        const status = (error as { status?: number }).status;
        log.error(`GitHub did not convert the manifest code${status ? ` (${status})` : ''}: ${(error as Error).message}`);
        return html(res, 502, errorPage({ name: appName(), message: `GitHub did not hand over the new app's credentials${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}` }));
      }
      updateEnvFile(envPath, { APP_ID: String(app.id), PRIVATE_KEY: app.pem, WEBHOOK_SECRET: app.webhook_secret ?? '' });
      log.info(`Registered ${app.html_url}: APP_ID, PRIVATE_KEY and WEBHOOK_SECRET are in ${envPath}. Restart the server (npm start) to receive webhooks.`);
      res.writeHead(302, { location: `${app.html_url}/installations/new`, 'content-type': 'text/plain' }).end(`Found. Redirecting to ${app.html_url}/installations/new`);
      return true;
    }
    if (req.method === 'GET' && path === '/probot/import') {
      return html(res, 200, importPage({ name: appName(), webhookUrl: webhookUrlFor(baseUrlOf(req), webhookPath, proxyUrl), githubUrl }));
    }
    if (req.method === 'POST' && path === '/probot/import') {
      let body: { appId?: unknown; pem?: unknown; webhook_secret?: unknown };
      try {
        body = JSON.parse(await readBody(req, MAX_IMPORT_BYTES));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(`Expected a JSON body: ${(error as Error).message}`);
        return true;
      }
      const { appId, pem, webhook_secret: secret } = body ?? {};
      const problems = [
        typeof appId === 'string' && /^\d+$/.test(appId.trim()) ? '' : 'the App ID is a number',
        typeof pem === 'string' && pem.includes('PRIVATE KEY') ? '' : 'the private key is the .pem file GitHub generated',
        typeof secret === 'string' && secret !== '' ? '' : 'the webhook secret is required',
      ].filter(Boolean);
      if (problems.length) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(`Not saved: ${problems.join('; ')}.`);
        return true;
      }
      updateEnvFile(envPath, { APP_ID: String(appId).trim(), PRIVATE_KEY: String(pem).trim(), WEBHOOK_SECRET: String(secret) });
      log.info(`Saved the existing app's credentials to ${envPath}. Restart the server (npm start) to receive webhooks.`);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('saved');
      return true;
    }
    if (req.method === 'GET' && path === '/probot/success') return html(res, 200, successPage({ name: appName() }));
    return false;
  };

  const http = createHttpServer([pingHandler, setupRoutes], log);
  const address = await listen(http.server, settings.PORT, settings.HOST);
  const url = `http://${address.host}:${address.port}`;
  const shownHost = settings.HOST === '0.0.0.0' || settings.HOST === '::' ? 'localhost' : settings.HOST.includes(':') ? `[${settings.HOST}]` : settings.HOST;
  const printable = `http://${shownHost}:${address.port}`;
  log.info(`planbot is not registered yet (no APP_ID and PRIVATE_KEY): open ${printable} to register it as a GitHub App from app.yml, then restart.`);
  return {
    url,
    http,
    proxyUrl,
    stop: () => new Promise<void>((resolve) => {
      http.server.close(() => resolve());
      http.server.closeAllConnections();
    }),
  };
}

function isLocalAddress(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|0\.0\.0\.0$)/.test(host);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
