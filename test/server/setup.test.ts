// The setup flow (`npm start` without credentials), in process, over HTTP: the manifest it offers,
// the webhook URL it tells people, what it writes to .env and what it refuses. A stand-in for
// GitHub's API answers the manifest-code conversion (GHE_HOST/GHE_PROTOCOL, as Probot reads them).
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { startSetup, type RunningSetup } from '../../src/server/setup.js';
import { startPlanbot } from '../../src/app/start.js';
import { generateAppKeyPair } from '../../tools/sim/index.js';

let running: RunningSetup | null = null;
let fakeGitHub: Server | null = null;

afterEach(async () => {
  await running?.stop();
  running = null;
  await new Promise((resolve) => (fakeGitHub ? fakeGitHub.close(resolve) : resolve(null)));
  fakeGitHub = null;
});

function capturingLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)).msg);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

async function start(env: Record<string, string> = {}, options: { createChannel?: () => Promise<string>; appYml?: string } = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'planbot-setup-'));
  if (options.appYml !== undefined) writeFileSync(join(cwd, 'app.yml'), options.appYml);
  const { log, lines } = capturingLog();
  running = await startSetup({ env: { HOST: '127.0.0.1', PORT: '0', NO_SMEE_SETUP: 'true', ...env }, log, cwd, createChannel: options.createChannel });
  // PORT=0 means 3000 in Probot's rule; the tests pass a free port instead.
  return { setup: running, cwd, lines };
}

async function freePortEnv(): Promise<Record<string, string>> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return { PORT: String(port) };
}

function manifestFrom(html: string): Record<string, any> {
  const value = /<button[^>]*name="manifest"[^>]*value="([^"]*)"/.exec(html)?.[1];
  if (value === undefined) throw new Error('no manifest button on the page');
  const decoded = value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return JSON.parse(decoded);
}

describe('the setup page', () => {
  it('offers a manifest whose webhook URL is the path planbot listens on, and says so', async () => {
    const { setup } = await start(await freePortEnv());
    const html = await (await fetch(`${setup.url}/probot`)).text();
    const manifest = manifestFrom(html);
    expect(manifest.hook_attributes.url).toBe(`${setup.url}/api/github/webhooks`);
    expect(manifest.redirect_url).toBe(`${setup.url}/probot/setup`);
    expect(manifest.name).toBe('planbot');
    expect(manifest.description).toContain("each phase's checklist");
    expect(manifest.public).toBe(false);
    expect(html).toContain(`<span class="url" id="webhook-url">${setup.url}/api/github/webhooks</span>`);
    expect(html).toContain('GitHub cannot reach this address from the internet');
    // The form posts to GitHub's page with a state GitHub hands back.
    expect(html).toMatch(/<form action="https:\/\/github\.com\/settings\/apps\/new\?state=[0-9a-f]{32}"/);
  });

  it('follows WEBHOOK_PATH, and uses the proxy channel when WEBHOOK_PROXY_URL is set', async () => {
    const { setup } = await start({ ...(await freePortEnv()), WEBHOOK_PATH: '/hooks/github', WEBHOOK_PROXY_URL: 'https://smee.io/abc123' });
    const manifest = manifestFrom(await (await fetch(`${setup.url}/probot`)).text());
    expect(manifest.hook_attributes.url).toBe('https://smee.io/abc123');
    await setup.stop();
    running = null;
    const again = await start({ ...(await freePortEnv()), WEBHOOK_PATH: '/hooks/github' });
    expect(manifestFrom(await (await fetch(`${again.setup.url}/probot`)).text()).hook_attributes.url).toBe(`${again.setup.url}/hooks/github`);
  });

  it('keeps any text of app.yml intact: quotes, <, &, non-ASCII', async () => {
    const hostile = `name: "pl'an\\"bot <&>"\ndescription: "It's <b>bold</b> & \\"quoted\\" — ünïcødé ✓ 計画 '); alert(1); ('"\nurl: https://example.com/?a=1&b='x'\ndefault_events: [push]\n`;
    const { setup } = await start(await freePortEnv(), { appYml: hostile });
    const html = await (await fetch(`${setup.url}/probot`)).text();
    const manifest = manifestFrom(html);
    expect(manifest.name).toBe('pl\'an"bot <&>');
    expect(manifest.description).toBe(`It's <b>bold</b> & "quoted" — ünïcødé ✓ 計画 '); alert(1); ('`);
    expect(manifest.url).toBe("https://example.com/?a=1&b='x'");
    expect(html).not.toContain('<b>bold</b>');
  });

  it('shows a broken app.yml as an error naming the file, not a half-built manifest', async () => {
    const { setup, cwd } = await start(await freePortEnv(), { appYml: 'name: [unclosed\n' });
    const response = await fetch(`${setup.url}/probot`);
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain(`${join(cwd, 'app.yml')} is not valid YAML`);
    expect(html).not.toContain('name="manifest"');
  });
});

describe('the existing-app page', () => {
  it('names the webhook URL to paste', async () => {
    const { setup } = await start(await freePortEnv());
    const html = await (await fetch(`${setup.url}/probot/import`)).text();
    expect(html).toMatch(/replace the Webhook URL with\s*<span class="url" id="webhook-url">http:\/\/127\.0\.0\.1:\d+\/api\/github\/webhooks<\/span>/);
  });

  it('saves the credentials to .env, keeping what was there, and refuses incomplete ones', async () => {
    const { setup, cwd } = await start(await freePortEnv());
    writeFileSync(join(cwd, '.env'), '# mine\nLOG_LEVEL=debug\nAPP_ID=1\n');
    const { privateKeyPem } = generateAppKeyPair();
    const post = (body: unknown) => fetch(`${setup.url}/probot/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await post({ appId: 'abc', pem: 'nope', webhook_secret: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe('Not saved: the App ID is a number; the private key is the .pem file GitHub generated; the webhook secret is required.');
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe('# mine\nLOG_LEVEL=debug\nAPP_ID=1\n');
    expect((await post({ appId: '777', pem: privateKeyPem, webhook_secret: 's3cret' })).status).toBe(200);
    const saved = readFileSync(join(cwd, '.env'), 'utf8');
    expect(saved.startsWith('# mine\nLOG_LEVEL=debug\nAPP_ID=777\n')).toBe(true);
    expect(process.loadEnvFile).toBeDefined();
    const { parseEnv } = await import('node:util');
    expect(parseEnv(saved)).toEqual({ LOG_LEVEL: 'debug', APP_ID: '777', PRIVATE_KEY: privateKeyPem.trim(), WEBHOOK_SECRET: 's3cret' });
  });
});

describe('the registration callback', () => {
  async function fakeApi(answer: (code: string) => { status: number; body: unknown }) {
    const calls: string[] = [];
    fakeGitHub = createServer((req, res) => {
      calls.push(`${req.method} ${req.url}`);
      const code = /^\/api\/v3\/app-manifests\/([^/]+)\/conversions$/.exec(req.url ?? '')?.[1];
      const { status, body } = code ? answer(decodeURIComponent(code)) : { status: 404, body: { message: 'Not Found' } };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => fakeGitHub!.listen(0, '127.0.0.1', resolve));
    return { host: `127.0.0.1:${(fakeGitHub!.address() as AddressInfo).port}`, calls };
  }

  const stateOf = (html: string) => /\?state=([0-9a-f]+)"/.exec(html)![1];

  it('refuses a code without the state it sent, and asks GitHub nothing', async () => {
    const api = await fakeApi(() => ({ status: 201, body: {} }));
    const { setup, cwd } = await start({ ...(await freePortEnv()), GHE_HOST: api.host, GHE_PROTOCOL: 'http' });
    const response = await fetch(`${setup.url}/probot/setup?code=planted&state=guess`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('was not started from this server');
    expect(api.calls).toEqual([]);
    expect(existsSync(join(cwd, '.env'))).toBe(false);
  });

  it('shows GitHub refusing the code, and writes nothing', async () => {
    const api = await fakeApi(() => ({ status: 404, body: { message: 'Not Found' } }));
    const { setup, cwd, lines } = await start({ ...(await freePortEnv()), GHE_HOST: api.host, GHE_PROTOCOL: 'http' });
    const state = stateOf(await (await fetch(`${setup.url}/probot`)).text());
    const response = await fetch(`${setup.url}/probot/setup?code=expired&state=${state}`, { redirect: 'manual' });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('GitHub did not hand over the new app&#39;s credentials (HTTP 404)');
    expect(api.calls).toEqual(['POST /api/v3/app-manifests/expired/conversions']);
    expect(existsSync(join(cwd, '.env'))).toBe(false);
    expect(lines.some((line) => line.startsWith('GitHub did not convert the manifest code (404)'))).toBe(true);
  });
});

describe('the webhook proxy channel (Probot convention for a laptop)', () => {
  it('creates a channel when none is set, saves it to .env and registers it', async () => {
    const { setup, cwd, lines } = await start({ ...(await freePortEnv()), NO_SMEE_SETUP: '' }, { createChannel: async () => 'https://smee.io/new-channel' });
    expect(setup.proxyUrl).toBe('https://smee.io/new-channel');
    expect(readFileSync(join(cwd, '.env'), 'utf8')).toBe('WEBHOOK_PROXY_URL=https://smee.io/new-channel\n');
    const html = await (await fetch(`${setup.url}/probot`)).text();
    expect(manifestFrom(html).hook_attributes.url).toBe('https://smee.io/new-channel');
    expect(html).not.toContain('webhook-warning');
    expect(lines).toContain('Created the webhook proxy channel https://smee.io/new-channel (saved to .env as WEBHOOK_PROXY_URL).');
  });

  it('says in one line when smee.io cannot be reached, and registers its own address', async () => {
    const { setup, cwd, lines } = await start({ ...(await freePortEnv()), NO_SMEE_SETUP: '' }, {
      createChannel: async () => {
        throw new Error('fetch failed: ENOTFOUND');
      },
    });
    expect(lines.filter((line) => line.includes('smee'))).toEqual([
      "Could not create a webhook proxy channel on smee.io (fetch failed: ENOTFOUND). GitHub will be given this server's own address, which it cannot reach from the internet: set WEBHOOK_PROXY_URL in .env to a https://smee.io channel, or NO_SMEE_SETUP=true to skip this.",
    ]);
    expect(existsSync(join(cwd, '.env'))).toBe(false);
    expect(manifestFrom(await (await fetch(`${setup.url}/probot`)).text()).hook_attributes.url).toBe(`${setup.url}/api/github/webhooks`);
  });

  it('creates no channel in production, or with NO_SMEE_SETUP=true', async () => {
    let asked = 0;
    const createChannel = async () => `https://smee.io/${++asked}`;
    await start({ ...(await freePortEnv()), NO_SMEE_SETUP: 'true' }, { createChannel });
    await running!.stop();
    running = null;
    await start({ ...(await freePortEnv()), NO_SMEE_SETUP: '', NODE_ENV: 'production' }, { createChannel });
    expect(asked).toBe(0);
  });
});

describe('without credentials in production', () => {
  it('refuses to start with Probot\'s message naming the missing variable, and serves no setup page', async () => {
    const env: Record<string, string> = { ...(await freePortEnv()), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'silent' };
    await expect(startPlanbot({ env })).rejects.toThrow('App ID is missing, and is required to run in production mode.');
    await expect(startPlanbot({ env: { ...env, APP_ID: '12' } })).rejects.toThrow(/^Certificate is missing/);
    await expect(fetch(`http://127.0.0.1:${env.PORT}/probot`)).rejects.toThrow();
  });
});
