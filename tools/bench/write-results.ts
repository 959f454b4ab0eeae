// Where `npm run bench` leaves its figures: one JSON file (default bench-results/bench.json, which
// git ignores; BENCH_OUT names another), so runs can be compared and kept by CI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function writeBenchResults(results: Record<string, unknown>, path = process.env.BENCH_OUT || 'bench-results/bench.json'): string {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`);
  return file;
}
