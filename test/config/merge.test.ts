import { describe, expect, it } from '@jest/globals';
import { hasPath, isPlainObject, mergeConfigLayers } from '../../src/config/merge.js';

describe('mergeConfigLayers', () => {
  it('merges mappings key by key, later layers winning, lists replaced not concatenated', () => {
    const org = { checks: { enabled: false, per_gate: false }, issues: { labels: ['org'], milestone: 3 } };
    const repo = { checks: { per_gate: true }, issues: { labels: ['web', 'api'] } };
    expect(mergeConfigLayers([org, repo])).toEqual({
      checks: { enabled: false, per_gate: true },
      issues: { labels: ['web', 'api'], milestone: 3 },
    });
  });

  it('lets a nearer scalar replace an inherited mapping (validation then reports it) and leaves inputs untouched', () => {
    const base = { plan: { path: 'a/{feature}.md' } };
    const layer = { plan: 'oops' };
    expect(mergeConfigLayers([base, layer])).toEqual({ plan: 'oops' });
    expect(base).toEqual({ plan: { path: 'a/{feature}.md' } });
    expect(mergeConfigLayers([])).toEqual({});
  });
});

describe('hasPath / isPlainObject', () => {
  it('follows keys and list indexes', () => {
    const config = { issues: { labels: ['a', 'b'] }, nothing: null };
    expect(hasPath(config, ['issues', 'labels', 1])).toBe(true);
    expect(hasPath(config, ['issues', 'labels', 2])).toBe(false);
    expect(hasPath(config, ['nothing'])).toBe(true);
    expect(hasPath(config, ['nothing', 'deeper'])).toBe(false);
    expect(hasPath(config, ['toString'])).toBe(false);
    expect(hasPath(config, [])).toBe(true);
  });

  it('treats only non-list objects as mappings', () => {
    expect([{}, [], null, 'x', 1].map(isPlainObject)).toEqual([true, false, false, false, false]);
  });
});
