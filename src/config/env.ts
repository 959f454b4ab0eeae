// Reads a group of environment variables through a zod schema. Empty values count as unset
// (a `.env` line `PORT=` means "default"), and every bad value is named in one error.
import type { z } from 'zod';

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment: ${problems.join('; ')}. See .env.example.`);
    this.name = 'EnvError';
  }
}

export function parseEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') picked[key] = value.trim();
  }
  const result = schema.safeParse(picked);
  if (!result.success) {
    // Values are not echoed: some variables hold secrets.
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return result.data;
}
