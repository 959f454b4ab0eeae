// The metrics of the app instance a job runs in, reachable from the job's context: handlers deep
// in a feature (a command reply held back) count what they do without a global registry.
import type { PlanbotMetrics } from './registry.js';

const byContext = new WeakMap<object, PlanbotMetrics>();

export function attachMetrics(context: object, metrics: PlanbotMetrics): void {
  byContext.set(context, metrics);
}

/** Null for contexts no app instance made (unit tests of a handler). */
export function metricsOf(context: object): PlanbotMetrics | null {
  return byContext.get(context) ?? null;
}
