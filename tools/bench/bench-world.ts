// The benchmark's world: the GitHub simulator in this process, the real app (`node dist/main.js`)
// as a child process, and signed webhook deliveries between them. Unlike the demo's relay, the
// webhooks the simulator announces are held per repository and delivered on demand, one at a
// time, each awaited until the app logs its end: so every request can be charged to the delivery
// that caused it, while other repositories (other installations) run in parallel.
import { randomUUID } from 'node:crypto';
import { HANDLED_EVENTS } from '../../src/app/events.js';
import { SCENARIO, SEED_FILES } from '../demo/scenario.js';
import { startAppProcess, type AppProcess } from '../sim/app-process.js';
import { deliverWebhook, generateAppKeyPair, startSimulator, type GitHubSimulator, type RepoRef, type SimEvent } from '../sim/index.js';
import { PayloadBuilder } from '../sim/payloads.js';
import { sampleMemory, type MemorySample } from './app-memory.js';
import { JobWatcher, type JobOutcome } from './job-watcher.js';

export interface BenchWorldOptions {
  /** The checkout whose dist/main.js runs. Default: the current directory. */
  projectDir?: string;
  /** Entry module instead of dist/main.js (e.g. a wrapper that profiles the app). */
  entry?: string;
  /** Extra environment for the app process. */
  env?: Record<string, string>;
}

export interface Sent {
  id: string;
  /** `name.action`, e.g. `pull_request.reopened`. */
  event: string;
  status: number;
  /** From sending the signed POST to the app's HTTP answer, ms. */
  ackMs: number;
  /** Epoch ms when the POST was sent (the app's log times are epoch ms too). */
  sentAt: number;
}

export interface Delivered extends Sent {
  origin: SimEvent['origin'];
  outcome: JobOutcome;
  /** From sending the POST until the app logged the job's end, ms. */
  doneMs: number;
  /** Index range [from, to) of the simulator's request log while the job ran. */
  requestRange: [number, number];
}

/** A repository in the world: where to find it and which installation it belongs to. */
export interface BenchRepo extends RepoRef {
  fullName: string;
  installationId: number;
}

/** Follow-up webhooks of one action beyond this mean planbot reacts to itself in a loop. */
const MAX_DELIVERIES_PER_DRAIN = 200;

export class BenchWorld {
  readonly payloads: PayloadBuilder;
  readonly watcher: JobWatcher;
  private readonly inboxes = new Map<string, SimEvent[]>();
  private readonly unsubscribe: () => void;

  private constructor(
    readonly simulator: GitHubSimulator,
    readonly app: AppProcess,
    private readonly secret: string,
  ) {
    this.payloads = new PayloadBuilder(simulator.state, () => ({ api: simulator.apiBase, web: simulator.url }));
    this.watcher = new JobWatcher(app.logs);
    this.unsubscribe = simulator.onEvent((event) => {
      if (!HANDLED_EVENTS.has(event.name)) return; // GitHub sends only subscribed events
      this.inboxes.get(String(event.payload.repository?.full_name).toLowerCase())?.push(event);
    });
  }

  static async start(options: BenchWorldOptions = {}): Promise<BenchWorld> {
    const keys = generateAppKeyPair();
    const secret = `bench-${randomUUID()}`;
    const simulator = await startSimulator({ validateRequests: false });
    try {
      simulator.registerApp({ appId: SCENARIO.appId, publicKeyPem: keys.publicKeyPem, slug: 'planbot' });
      const app = await startAppProcess({
        gheHost: simulator.host,
        appId: SCENARIO.appId,
        privateKeyPem: keys.privateKeyPem,
        webhookSecret: secret,
        projectDir: options.projectDir,
        entry: options.entry,
        env: options.env,
      });
      return new BenchWorld(simulator, app, secret);
    } catch (error) {
      await simulator.close();
      throw error;
    }
  }

  /** A repository seeded like the demo's (README, planbot.yml, package.json) in its own installation. */
  seedRepo(name: string, installationId: number): BenchRepo {
    const where = { owner: SCENARIO.owner, repo: name };
    const { fullName } = this.simulator.seedRepository({ ...where, installationId, files: SEED_FILES, organization: true });
    this.simulator.setPermission({ ...where, user: SCENARIO.author, permission: 'write' });
    this.inboxes.set(fullName.toLowerCase(), []);
    return { ...where, fullName, installationId };
  }

  /** POSTs one signed delivery and returns once the app has answered (not when the work is done). */
  async send(name: string, payload: Record<string, any>, id: string = randomUUID()): Promise<Sent> {
    const sentAt = Date.now();
    const started = performance.now();
    const result = await deliverWebhook(this.app.webhookUrl, { id, name, payload, secret: this.secret });
    const ackMs = performance.now() - started;
    return { id, event: eventLabel(name, payload), status: result.status, ackMs, sentAt };
  }

  /** Sends one delivery and waits until the app has finished it. */
  async deliver(name: string, payload: Record<string, any>, options: { id?: string; origin?: SimEvent['origin'] } = {}): Promise<Delivered> {
    const from = this.simulator.requests.length;
    const sent = await this.send(name, payload, options.id);
    if (sent.status >= 300) throw new Error(`the app answered ${sent.status} to ${sent.event} (delivery ${sent.id})`);
    const end = await this.watcher.wait(sent.id);
    return {
      ...sent,
      origin: options.origin ?? 'user',
      outcome: end.outcome,
      doneMs: Math.max(0, end.at - sent.sentAt),
      requestRange: [from, this.simulator.requests.length],
    };
  }

  /**
   * Delivers the webhooks the simulator announced for `repo`, oldest first, each after the previous
   * one finished; follow-ups caused by the app's own writes are delivered too, until none is left.
   */
  async drain(repo: BenchRepo): Promise<Delivered[]> {
    const inbox = this.inboxes.get(repo.fullName.toLowerCase());
    if (!inbox) throw new Error(`${repo.fullName} was not seeded by the bench`);
    const delivered: Delivered[] = [];
    for (let event = inbox.shift(); event; event = inbox.shift()) {
      if (delivered.length >= MAX_DELIVERIES_PER_DRAIN) {
        throw new Error(`more than ${MAX_DELIVERIES_PER_DRAIN} webhooks for one action in ${repo.fullName}: planbot keeps reacting to its own changes`);
      }
      delivered.push(await this.deliver(event.name, event.payload, { id: event.id, origin: event.origin }));
    }
    return delivered;
  }

  /** A `pull_request` payload for the PR's current state, sent by its author (a person, not planbot). */
  pullRequestPayload(repo: BenchRepo, number: number, action: string): Record<string, any> {
    const simRepo = this.simulator.state.repo(repo.owner, repo.repo);
    const pull = simRepo?.pulls.get(number);
    if (!simRepo || !pull) throw new Error(`no pull request #${number} in ${repo.fullName}`);
    return this.payloads.pullRequest(action, simRepo, pull, this.simulator.state.user(SCENARIO.author));
  }

  /** The app process's memory now; `events` labels the sample. */
  sample(events: number): Promise<MemorySample> {
    return sampleMemory(this.app.pid, this.app.url, events);
  }

  /** Webhooks announced for `repo` and not delivered yet. */
  pending(repo: BenchRepo): number {
    return this.inboxes.get(repo.fullName.toLowerCase())?.length ?? 0;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    this.watcher.stop();
    await this.app.stop();
    await this.simulator.close();
  }
}

export function eventLabel(name: string, payload: { action?: unknown }): string {
  return typeof payload.action === 'string' ? `${name}.${payload.action}` : name;
}
