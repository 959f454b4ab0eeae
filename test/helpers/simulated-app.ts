// The GitHub simulator with one repository and a registered app, plus a launcher for real app
// processes pointed at it (GHE_HOST) and a way to deliver the simulator's webhooks to them.
import { deliverWebhook, generateAppKeyPair, startSimulator, type GitHubSimulator, type SimEvent } from '../../tools/sim/index.js';
import { startAppProcess, type AppProcess } from './app-process.js';

export const OWNER = 'acme';
export const REPO = 'web';
const APP_ID = 4242;
const SECRET = 'simulated-app-webhook-secret';

export interface SimulatedGitHub {
  sim: GitHubSimulator;
  /** Every webhook the simulator would send, in order (tests splice what they deliver). */
  events: SimEvent[];
  /** `waitForListen: false` returns at once (the caller waits, e.g. longer on a loaded machine). */
  startApp(env?: Record<string, string>, options?: { waitForListen?: boolean }): Promise<AppProcess>;
  deliver(app: AppProcess, event: SimEvent): ReturnType<typeof deliverWebhook>;
}

export async function simulatedGitHub(options: { installationId: number; latencyMs?: number }): Promise<SimulatedGitHub> {
  const sim = await startSimulator({ latencyMs: options.latencyMs });
  const keys = generateAppKeyPair();
  sim.registerApp({ appId: APP_ID, publicKeyPem: keys.publicKeyPem });
  sim.seedRepository({ owner: OWNER, repo: REPO, installationId: options.installationId, files: { 'README.md': `# ${REPO}\n` } });
  const events: SimEvent[] = [];
  sim.onEvent((event) => events.push(event));
  return {
    sim,
    events,
    startApp: (env = {}, startOptions = {}) =>
      startAppProcess({ APP_ID: String(APP_ID), PRIVATE_KEY: keys.privateKeyPem, WEBHOOK_SECRET: SECRET, GHE_HOST: sim.host, GHE_PROTOCOL: 'http', ...env }, startOptions),
    deliver: (app, event) => deliverWebhook(app.webhookUrl, { name: event.name, payload: event.payload, id: event.id, secret: SECRET }),
  };
}

/** A plan file's text on a branch of the simulated repository, or null. */
export function planOn(sim: GitHubSimulator, branch: string): string | null {
  return sim.readFile({ owner: OWNER, repo: REPO, path: `specs/${branch}/plan.md`, ref: branch });
}
