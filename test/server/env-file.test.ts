import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { updateEnvFile } from '../../src/server/env-file.js';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\nabc=\n-----END RSA PRIVATE KEY-----\n';

function envFile(text?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'planbot-env-')), '.env');
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

describe('updateEnvFile', () => {
  it('creates .env with values Node reads back unchanged (a PEM, quotes, spaces, #)', () => {
    const path = envFile();
    updateEnvFile(path, { APP_ID: '12', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 'a b#c', NOTE: 'say "hi"' });
    expect(parseEnv(readFileSync(path, 'utf8'))).toEqual({ APP_ID: '12', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 'a b#c', NOTE: 'say "hi"' });
  });

  it('keeps comments and other keys byte for byte, and replaces only the keys it sets (multi-line values too)', () => {
    const before = '# my settings\nLOG_LEVEL=debug\nPRIVATE_KEY="-----BEGIN\nold\n-----END"\n\nAPP_ID=1 # old app\nREDIS_URL=redis://x\n';
    const path = envFile(before);
    updateEnvFile(path, { APP_ID: '99', PRIVATE_KEY: PEM, WEBHOOK_SECRET: 's' });
    const after = readFileSync(path, 'utf8');
    expect(after).toBe(`# my settings\nLOG_LEVEL=debug\nPRIVATE_KEY="${PEM.replace(/\n/g, '\\n')}"\n\nAPP_ID=99\nREDIS_URL=redis://x\nWEBHOOK_SECRET=s\n`);
    expect(parseEnv(after)).toEqual({ LOG_LEVEL: 'debug', PRIVATE_KEY: PEM, APP_ID: '99', REDIS_URL: 'redis://x', WEBHOOK_SECRET: 's' });
  });
});
