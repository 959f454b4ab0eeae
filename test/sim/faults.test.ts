import { describe, expect, it } from '@jest/globals';
import { FaultInjector, seededRandom } from '../../tools/sim/faults.js';

const draw = (injector: FaultInjector, count: number) => Array.from({ length: count }, () => injector.next());

describe('FaultInjector', () => {
  it('gives the same faults for the same seed, and different ones for another seed', () => {
    const options = { serverErrorRate: 0.1, rateLimitRate: 0.1, seed: 42 };
    const first = draw(new FaultInjector(options), 500);
    const second = draw(new FaultInjector(options), 500);
    const other = draw(new FaultInjector({ ...options, seed: 43 }), 500);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('injects roughly the requested shares of each kind', () => {
    const faults = draw(new FaultInjector({ serverErrorRate: 0.1, rateLimitRate: 0.05, seed: 7 }), 10_000);
    const serverErrors = faults.filter((fault) => fault?.kind === 'server-error');
    const rateLimits = faults.filter((fault) => fault?.kind === 'rate-limit');
    expect(serverErrors.length).toBeGreaterThan(800);
    expect(serverErrors.length).toBeLessThan(1200);
    expect(rateLimits.length).toBeGreaterThan(350);
    expect(rateLimits.length).toBeLessThan(650);
    expect(new Set(serverErrors.map((fault) => (fault as { status: number }).status))).toEqual(new Set([500, 502, 503]));
    expect(rateLimits[0]).toEqual({ kind: 'rate-limit', retryAfter: 1 });
  });

  it('injects nothing by default, and restarts the sequence when reconfigured', () => {
    const injector = new FaultInjector();
    expect(draw(injector, 100).every((fault) => fault === null)).toBe(true);
    injector.set({ serverErrorRate: 0.5, seed: 3 });
    const first = draw(injector, 50);
    injector.set({ serverErrorRate: 0.5, seed: 3 });
    expect(draw(injector, 50)).toEqual(first);
  });

  it('refuses rates outside 0..1', () => {
    expect(() => new FaultInjector({ serverErrorRate: 1.5 })).toThrow(RangeError);
    expect(() => new FaultInjector({ rateLimitRate: -0.1 })).toThrow(RangeError);
  });

  it('seededRandom is deterministic and stays in [0, 1)', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
