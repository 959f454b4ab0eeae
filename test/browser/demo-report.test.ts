// `npm run demo` as a newcomer sees it: the terminal account (progress during the long step, no
// raw markdown, counts said once), then demo-report/index.html in a real browser (no console
// errors, every section, no link that leads nowhere). It also takes the README's screenshots of
// the report and of both check runs, so they always show what the current code does.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp, buildTools, PROJECT_DIR } from '../e2e/build.js';
import { launchChromium, type Browser } from './chromium.js';

jest.setTimeout(240_000);

const IMAGES = join(PROJECT_DIR, 'docs', 'images');
let cwd: string;
let browser: Browser;
let demo: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  buildApp();
  buildTools();
  cwd = mkdtempSync(join(tmpdir(), 'planbot-demo-'));
  const child = spawn(process.execPath, [join(PROJECT_DIR, 'dist-tools', 'tools', 'demo', 'main.js')], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  demo = { code, stdout, stderr };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

describe('the demo in a terminal', () => {
  it('succeeds', () => {
    expect({ code: demo.code, stderr: demo.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('shows progress while the pull request step runs, not 30 s of silence', () => {
    const step = /2\/5 the author opens a pull request…\n([\s\S]*?)done in ([\d.]+) s/.exec(demo.stdout);
    expect(step).not.toBeNull();
    const seconds = Number(step![2]);
    const progress = step![1].split('\n').filter((line) => /^\s+\d+ s: \d+ API requests so far, \d+ writes/.test(line));
    // A line every 5 s of the step (the step makes a dozen writes, spaced as GitHub asks).
    // (Timer ticks and the rounded duration may disagree by one at a multiple of 5 s.)
    expect(progress.length).toBeLessThanOrEqual(Math.floor(seconds / 5));
    expect(progress.length).toBeGreaterThanOrEqual(Math.floor((seconds - 0.2) / 5));
    if (seconds >= 6) expect(progress.length).toBeGreaterThan(0);
  });

  it('prints plain text: no markdown, and each check run\'s counts once', () => {
    const account = demo.stdout.slice(demo.stdout.indexOf('planbot demo: acme/web'));
    expect(account).not.toMatch(/\*\*|__|\]\(|^\s*#+ |<!--|`/m);
    const step2 = account.slice(account.indexOf('\n2. '), account.indexOf('\n3. '));
    const counts = /Plan incomplete: (\d+ errors?, \d+ warnings?)/.exec(step2);
    expect(counts).not.toBeNull();
    expect(step2.split(counts![1]).length - 1).toBe(1);
    expect(step2.split(/\d+ gates?: \d+ pending/).length - 1).toBe(1);
    // The simulator is gone once the demo ends: the account does not send anyone to its address.
    expect(account).not.toMatch(/127\.0\.0\.1/);
  });
});

describe('demo-report/index.html in a browser', () => {
  it('renders every section with no console error and no link that leads nowhere; screenshots for the README', async () => {
    const reportPath = join(cwd, 'demo-report', 'index.html');
    expect(statSync(reportPath).size).toBeGreaterThan(10_000);
    const { page, errors } = await browser.newPage();
    const failedRequests: string[] = [];
    page.on('requestfailed', (request) => failedRequests.push(request.url()));
    await page.goto(pathToFileURL(reportPath).href);

    const headings = await page.locator('body > h2').evaluateAll((nodes) => nodes.map((node) => node.id));
    expect(headings).toEqual(['step-1', 'step-2', 'step-3', 'step-4', 'step-5', 'board', 'issues', 'files']);
    // The Project board: a column per Status, a card per phase issue, each linking to its issue.
    expect(await page.locator('.board .column h3').allInnerTexts()).toEqual([expect.stringMatching(/^Todo \d+$/), expect.stringMatching(/^In Progress \d+$/), expect.stringMatching(/^Done \d+$/)]);
    expect(await page.locator('.board .board-card').count()).toBe(await page.locator('#issues ~ .card[id^="issue-"] .relations', { hasText: 'Parent:' }).count());
    // Both check runs, on the PR head (step 2) and after the plan is filled in (step 3).
    for (const step of ['step-2', 'step-3']) {
      // The two cards right after the step's heading.
      const names = (await page.locator(`h2#${step} ~ .card header strong`).allInnerTexts()).slice(0, 2);
      expect(names.sort()).toEqual(['planbot / plan', 'planbot / quality gates']);
    }
    expect(await page.locator('#issues ~ .card[id^="issue-"]').count()).toBeGreaterThanOrEqual(5);

    // Every link goes somewhere: an anchor in the page that exists, or an address that is not the
    // simulated repository's (github.com/acme/web, the simulator's loopback address).
    const links = await page.locator('a[href]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')!));
    expect(links.length).toBeGreaterThan(10);
    const ids = new Set(await page.locator('[id]').evaluateAll((nodes) => nodes.map((node) => node.id)));
    const broken = links.filter((href) => (href.startsWith('#') ? !ids.has(decodeURIComponent(href.slice(1))) : /^(?!https:\/\/)|github\.com|127\.0\.0\.1|localhost/.test(href)));
    expect(broken).toEqual([]);
    // The README's screenshots.
    mkdirSync(IMAGES, { recursive: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(IMAGES, 'demo-report.png') });
    const cards = page.locator('h2#step-2 ~ .card');
    for (const [name, file] of [['planbot / plan', 'check-run-plan.png'], ['planbot / quality gates', 'check-run-gates.png']] as const) {
      const card = cards.filter({ has: page.locator('header strong', { hasText: new RegExp(`^${name.replace('/', '\\/')}$`) }) }).first();
      await card.screenshot({ path: join(IMAGES, file) });
      const png = readFileSync(join(IMAGES, file));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(5_000);
    }
    // Following a finding's link lands on that line of the plan.
    const lineLink = page.locator('a[href^="#file-"][href*="-L"]').first();
    const target = (await lineLink.getAttribute('href'))!;
    await lineLink.click();
    expect(new URL(page.url()).hash).toBe(target);
    expect(await page.locator(`${target} td.ln`).innerText()).toBe(/-L(\d+)$/.exec(target)![1]);
    expect(errors).toEqual([]);
    expect(failedRequests).toEqual([]);

    await page.close();
  });
});
