// Reads `.env` from the working directory like Probot does (the setup flow writes it there).
// Variables already set in the environment win, so a container's or a test's settings are kept.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function loadDotEnv(path = join(process.cwd(), '.env')): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
