// HTTP server settings from the environment (Probot's own variables keep Probot's meaning:
// PORT defaults to 3000, HOST to localhost — a container needs HOST=0.0.0.0).
import { z } from 'zod';
import { parseEnv } from '../config/env.js';

/** GitHub does not deliver payloads over 25 MB. */
export const GITHUB_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

export const serverEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  HOST: z.string().default('localhost'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1).default(GITHUB_MAX_PAYLOAD_BYTES),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  METRICS_TOKEN: z.string().optional(),
  WEBHOOK_PROXY_URL: z.string().url().optional(),
});

export type ServerSettings = z.infer<typeof serverEnvSchema> & { PORT: number };

export function serverSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const settings = parseEnv(serverEnvSchema, env);
  // Probot's rule: PORT=0 or unset means 3000.
  return { ...settings, PORT: settings.PORT || 3000 };
}
