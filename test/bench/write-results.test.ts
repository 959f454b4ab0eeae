import { expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchResults } from '../../tools/bench/write-results.js';

it('writes every result as one JSON file, creating its folder, and returns the absolute path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'planbot-bench-'));
  try {
    const path = join(dir, 'nested', 'bench.json');
    expect(writeBenchResults({ app: { name: 'app', figure: 1 } }, path)).toBe(path);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written.app).toEqual({ name: 'app', figure: 1 });
    expect(new Date(written.at).toString()).not.toBe('Invalid Date');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
