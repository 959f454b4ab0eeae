// The calls planbot makes as the app itself, outside any installation: turning a manifest code into
// the new app's credentials (the setup flow) and learning its own slug (GET /app, app JWT).
import { Octokit as RestOctokit } from '@octokit/rest';
import type { Octokit } from './octokit-github.js';

/** What GitHub hands over once, for a registered manifest. */
export interface ConvertedApp {
  id: number;
  html_url: string;
  pem: string;
  webhook_secret: string | null;
  slug?: string;
}

const QUIET = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** POST /app-manifests/{code}/conversions: unauthenticated, so any client would do; errors carry `status`. */
export async function convertManifestCode(apiBaseUrl: string, code: string): Promise<ConvertedApp> {
  // Quiet: the caller logs a failure once, in its own words.
  const octokit = new RestOctokit({ baseUrl: apiBaseUrl, userAgent: 'planbot-setup', log: QUIET });
  const { data } = await octokit.request('POST /app-manifests/{code}/conversions', { code });
  return data as unknown as ConvertedApp;
}

/** GET /app with a client authenticated as the app (JWT): the app's slug, null when GitHub gives none. */
export async function authenticatedAppSlug(octokit: Pick<Octokit, 'rest'>): Promise<string | null> {
  const { data } = await octokit.rest.apps.getAuthenticated();
  return (data as { slug?: string } | null)?.slug ?? null;
}
