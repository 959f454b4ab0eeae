// The GitHub App manifest the setup page posts to GitHub: app.yml, plus what only the running
// server knows (where it receives webhooks, where GitHub sends the browser back). Probot's own
// setup flow registers `${baseUrl}/` as the webhook URL, where nothing listens; planbot registers
// the path its webhook middleware serves, or the proxy channel that forwards to that path.
// https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** Probot's (and @octokit/webhooks') default. */
export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

/** The checkout or installed package holding app.yml and package.json (dist/server/.. /..). */
const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ManifestInputs {
  /** app.yml, parsed. */
  appYml: Record<string, unknown>;
  /** package.json, parsed (name and description are the fallbacks, as in Probot). */
  pkg: { name?: string; description?: string; homepage?: string };
  /** How the browser reached this server, e.g. http://localhost:3000. */
  baseUrl: string;
  webhookPath: string;
  /** WEBHOOK_PROXY_URL: GitHub delivers there, and the proxy client forwards to webhookPath. */
  proxyUrl?: string;
}

/** The URL GitHub should deliver webhooks to: the proxy channel, else this server's webhook path. */
export function webhookUrlFor(baseUrl: string, webhookPath: string, proxyUrl?: string): string {
  return proxyUrl || `${baseUrl.replace(/\/+$/, '')}${webhookPath.startsWith('/') ? webhookPath : `/${webhookPath}`}`;
}

export function buildManifest({ appYml, pkg, baseUrl, webhookPath, proxyUrl }: ManifestInputs): Record<string, unknown> {
  const hookAttributes = typeof appYml.hook_attributes === 'object' && appYml.hook_attributes !== null ? appYml.hook_attributes : {};
  return {
    name: pkg.name,
    description: pkg.description,
    public: false,
    ...appYml,
    // GitHub requires a homepage; without one in app.yml, the server the app runs on is the truth.
    url: appYml.url || pkg.homepage || baseUrl,
    // Only this server knows these two; a value in app.yml would point GitHub somewhere else.
    hook_attributes: { ...hookAttributes, url: webhookUrlFor(baseUrl, webhookPath, proxyUrl) },
    redirect_url: `${baseUrl}/probot/setup`,
  };
}

/** app.yml and package.json from the working directory (Probot's rule), else planbot's own. */
export function readManifestSources(cwd = process.cwd()): { appYml: Record<string, unknown>; pkg: ManifestInputs['pkg']; appYmlPath: string } {
  const pick = (name: string) => [join(cwd, name), join(PACKAGE_DIR, name)].find((path) => existsSync(path));
  const appYmlPath = pick('app.yml');
  let appYml: unknown = {};
  if (appYmlPath) {
    try {
      appYml = parseYaml(readFileSync(appYmlPath, 'utf8')) ?? {};
    } catch (error) {
      throw new Error(`${appYmlPath} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    if (typeof appYml !== 'object' || Array.isArray(appYml)) throw new Error(`${appYmlPath} must be a mapping of manifest fields (name, description, default_events, …)`);
  }
  const pkgPath = pick('package.json');
  let pkg: ManifestInputs['pkg'] = {};
  try {
    pkg = pkgPath ? JSON.parse(readFileSync(pkgPath, 'utf8')) : {};
  } catch {
    pkg = {}; // package.json only supplies fallbacks
  }
  return { appYml: appYml as Record<string, unknown>, pkg, appYmlPath: appYmlPath ?? join(cwd, 'app.yml') };
}
