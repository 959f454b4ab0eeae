// `npm start`: the real app with Probot's standard environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
// PORT, HOST, GHE_HOST, GHE_PROTOCOL, REDIS_URL, ...). Without credentials Probot runs its setup
// flow at http://localhost:3000. SIGTERM/SIGINT shut down gracefully within SHUTDOWN_TIMEOUT_MS.
import { loadDotEnv } from './server/dotenv.js';
import { startPlanbot } from './app/start.js';
import { onShutdownSignals } from './server/shutdown.js';

loadDotEnv();
try {
  const running = await startPlanbot();
  if (running) {
    onShutdownSignals(async (signal) => {
      running.log.info({ signal }, `received ${signal}`);
      const result = await running.stop();
      process.exit(result === 'clean' ? 0 : 1);
    });
  }
} catch (error) {
  // Bad settings or an unreachable Redis: one clear line, and a failing exit for the supervisor.
  console.error(`planbot could not start: ${(error as Error).message}`);
  process.exit(1);
}
