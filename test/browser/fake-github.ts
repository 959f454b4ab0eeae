// Stands in for GitHub in the manifest flow, reached through Probot's GHE_HOST/GHE_PROTOCOL:
//  - POST /settings/apps/new?state=…  the form the setup page posts; like GitHub it parses the
//    `manifest` field as JSON ("Invalid GitHub App configuration" otherwise), then sends the browser
//    to redirect_url with a one-time code and the state;
//  - POST /api/v3/app-manifests/{code}/conversions  answers the new app's id, key and secret once;
//  - GET /apps/{slug}/installations/new  the page GitHub ends on.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateAppKeyPair } from '../../tools/sim/index.js';

export interface FakeGitHub {
  host: string;
  url: string;
  /** Manifests received from the browser, parsed. */
  manifests: Array<Record<string, any>>;
  /** Raw `manifest` fields that were not valid JSON. */
  invalid: string[];
  conversions: string[];
  /** What the conversion hands over. */
  app: { id: number; slug: string; pem: string; webhook_secret: string; html_url: string };
  /** 'redirect' (GitHub after "Create GitHub App") or 'record' (stop at GitHub's page). */
  mode: 'redirect' | 'record';
  close(): Promise<void>;
}

const REQUIRED = ['name', 'url', 'redirect_url'];

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const codes = new Map<string, boolean>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const page = (status: number, html: string) => res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body>${html}</body></html>`);

    if (req.method === 'POST' && url.pathname === '/settings/apps/new') {
      const raw = new URLSearchParams(body).get('manifest') ?? '';
      let manifest: Record<string, any>;
      try {
        manifest = JSON.parse(raw);
      } catch {
        fake.invalid.push(raw);
        return page(422, '<p id="error">Invalid GitHub App configuration</p>');
      }
      const missing = REQUIRED.filter((key) => typeof manifest[key] !== 'string' || !manifest[key]);
      if (typeof manifest.hook_attributes?.url !== 'string') missing.push('hook_attributes.url');
      if (missing.length) {
        fake.invalid.push(raw);
        return page(422, `<p id="error">Invalid GitHub App configuration: ${missing.join(', ')}</p>`);
      }
      fake.manifests.push(manifest);
      if (fake.mode === 'record') return page(200, '<p id="received">Create GitHub App</p>');
      const code = `code-${codes.size + 1}`;
      codes.set(code, false);
      const back = new URL(manifest.redirect_url);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return res.writeHead(302, { location: back.href }).end();
    }
    const conversion = /^\/api\/v3\/app-manifests\/([^/]+)\/conversions$/.exec(url.pathname);
    if (req.method === 'POST' && conversion) {
      const code = decodeURIComponent(conversion[1]);
      fake.conversions.push(code);
      // A code converts once, as on GitHub.
      if (codes.get(code) !== false) return res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
      codes.set(code, true);
      const { id, slug, pem, webhook_secret, html_url } = fake.app;
      return res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id, slug, node_id: 'A_1', name: slug, html_url, pem, webhook_secret, client_id: 'Iv1.abc', client_secret: 'shh' }));
    }
    if (req.method === 'GET' && url.pathname === `/apps/${fake.app.slug}/installations/new`) return page(200, '<h1 id="install">Install planbot</h1>');
    return page(404, 'Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeGitHub = {
    host,
    url: `http://${host}`,
    manifests: [],
    invalid: [],
    conversions: [],
    app: { id: 4242, slug: 'planbot', pem: generateAppKeyPair().privateKeyPem, webhook_secret: 'whsec-from-github', html_url: `http://${host}/apps/planbot` },
    mode: 'redirect',
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
  return fake;
}
