// A newcomer's first step, in a real browser: `npm start` with no credentials (dist/main.js in a
// fresh directory), the setup page, "Register GitHub App", GitHub (a stand-in reached through
// GHE_HOST, as Probot allows) converting the manifest code, credentials in .env, a restart, and a
// signed `ping` delivered to the webhook URL the manifest registered.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { freePort } from '../../tools/sim/app-process.js';
import { signPayload } from '../../tools/sim/index.js';
import { buildApp, PROJECT_DIR } from '../e2e/build.js';
import { webhookExample } from '../helpers/webhook-examples.js';
import { startDistApp, type StartedApp } from './app.js';
import { launchChromium, type Browser } from './chromium.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

jest.setTimeout(120_000);

/** Text GitHub must receive exactly as written: quotes of both kinds, markup, entities, non-ASCII. */
const HOSTILE_YML = [
  `name: "pl'an\\"bot <&> ✓"`,
  `description: "It's <b>bold</b> & \\"quoted\\" — ünïcødé 計画 '); alert(1); (' &amp; &#39; </button>"`,
  `url: "https://example.com/?a=1&b='x'"`,
  'default_events: [push]',
  'default_permissions: { contents: read }',
].join('\n');

let fake: FakeGitHub;
let browser: Browser;
let cwd: string;
let port: number;
let app: StartedApp | null = null;

beforeAll(async () => {
  buildApp();
  fake = await startFakeGitHub();
  browser = await launchChromium();
  cwd = mkdtempSync(join(tmpdir(), 'planbot-newcomer-'));
  copyFileSync(join(PROJECT_DIR, 'app.yml'), join(cwd, 'app.yml'));
  port = await freePort();
  // NO_SMEE_SETUP: the test must not create a real smee.io channel when the machine is online.
  app = await startDistApp(cwd, { GHE_HOST: fake.host, GHE_PROTOCOL: 'http', NO_SMEE_SETUP: 'true' }, port);
});

afterAll(async () => {
  await app?.stop();
  await browser?.close();
  await fake?.close();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

async function manifestOnSetupPage() {
  const { page, errors } = await browser.newPage();
  await page.goto(`${app!.url}/`);
  expect(new URL(page.url()).pathname).toBe('/probot');
  const value = await page.locator('button#manifest').getAttribute('value');
  return { page, errors, value: value ?? '', manifest: JSON.parse(value ?? '') as Record<string, any> };
}

describe('registering planbot from app.yml, in a browser', () => {
  it('offers the manifest intact, with the webhook URL planbot listens on', async () => {
    const { page, errors, manifest } = await manifestOnSetupPage();
    expect(manifest.description).toContain("keeps each phase's checklist in step with GitHub issues.");
    expect(manifest.hook_attributes).toEqual({ url: `http://127.0.0.1:${port}/api/github/webhooks` });
    expect(manifest.redirect_url).toBe(`http://127.0.0.1:${port}/probot/setup`);
    expect(manifest.default_events).toContain('pull_request');
    // What GitHub receives when the button is pressed is that same JSON.
    fake.mode = 'record';
    await page.getByRole('button', { name: 'Register GitHub App' }).click();
    await page.locator('#received').waitFor();
    expect(fake.invalid).toEqual([]);
    expect(fake.manifests.at(-1)).toEqual(manifest);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps any text in app.yml intact: quotes, <, &, non-ASCII', async () => {
    writeFileSync(join(cwd, 'app.yml'), HOSTILE_YML);
    try {
      const { page, errors, manifest } = await manifestOnSetupPage();
      expect(manifest.name).toBe('pl\'an"bot <&> ✓');
      expect(manifest.description).toBe(`It's <b>bold</b> & "quoted" — ünïcødé 計画 '); alert(1); (' &amp; &#39; </button>`);
      expect(manifest.url).toBe("https://example.com/?a=1&b='x'");
      // The description is shown as text, not markup.
      expect(await page.locator('main b').count()).toBe(0);
      fake.mode = 'record';
      await page.getByRole('button', { name: 'Register GitHub App' }).click();
      await page.locator('#received').waitFor();
      expect(fake.invalid).toEqual([]);
      expect(fake.manifests.at(-1)).toEqual(manifest);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      copyFileSync(join(PROJECT_DIR, 'app.yml'), join(cwd, 'app.yml'));
    }
  });

  it('tells someone with an existing app which webhook URL to paste', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(`${app!.url}/probot/import`);
    const sentence = (await page.locator('p', { hasText: 'replace the Webhook URL with' }).innerText()).replace(/\s+/g, ' ');
    expect(sentence.endsWith(`replace the Webhook URL with http://127.0.0.1:${port}/api/github/webhooks`)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('registers, writes the credentials to .env, and after a restart a signed ping at the registered URL gets 2xx', async () => {
    const { page, errors, manifest } = await manifestOnSetupPage();
    fake.mode = 'redirect';
    await page.getByRole('button', { name: 'Register GitHub App' }).click();
    // GitHub → /probot/setup?code=… → planbot converts the code → GitHub's install page.
    await page.waitForURL(`${fake.url}/apps/planbot/installations/new`);
    expect(await page.locator('#install').innerText()).toBe('Install planbot');
    expect(fake.conversions).toEqual(['code-1']);
    expect(errors).toEqual([]);
    await page.close();

    const saved = parseEnv(readFileSync(join(cwd, '.env'), 'utf8'));
    expect(saved).toEqual({ APP_ID: '4242', PRIVATE_KEY: fake.app.pem, WEBHOOK_SECRET: 'whsec-from-github' });

    // Restart: `npm start` again, now with the credentials from .env (nothing in the environment).
    await app!.stop();
    app = await startDistApp(cwd, { GHE_HOST: fake.host, GHE_PROTOCOL: 'http' }, port);
    expect(app.output.some((line) => line.includes('not registered yet'))).toBe(false);

    const ping = webhookExample('ping');
    ping.hook = { ...ping.hook, type: 'App', app_id: 4242, config: { ...ping.hook.config, url: manifest.hook_attributes.url } };
    const body = JSON.stringify(ping);
    const deliver = (secret: string) =>
      fetch(manifest.hook_attributes.url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': `ping-${secret}`, 'x-hub-signature-256': signPayload(body, secret) },
      });
    const signed = await deliver(saved.WEBHOOK_SECRET!);
    expect(signed.status).toBeGreaterThanOrEqual(200);
    expect(signed.status).toBeLessThan(300);
    // It is the webhook door that answered: a delivery signed with another secret is refused.
    expect((await deliver('not-the-secret')).status).toBe(400);
  });
});
