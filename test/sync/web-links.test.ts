import { describe, expect, it } from '@jest/globals';
import { blobUrl, repositoryWebUrl } from '../../src/sync/web-links.js';

describe('web links', () => {
  it('take the host from the payload, so GHES links point at the right server', () => {
    expect(repositoryWebUrl({ repository: { html_url: 'https://ghe.example.com/acme/web/' } }, { owner: 'acme', repo: 'web' })).toBe('https://ghe.example.com/acme/web');
  });

  it('fall back to the API base URL when the payload has no repository', () => {
    expect(repositoryWebUrl({}, { owner: 'acme', repo: 'web' })).toBe('https://github.com/acme/web');
    expect(repositoryWebUrl(null, { owner: 'acme', repo: 'web' }, 'https://ghe.example.com/api/v3')).toBe('https://ghe.example.com/acme/web');
  });

  it('point at a line of a file on a branch, with each segment encoded', () => {
    expect(blobUrl('https://github.com/acme/web', 'feat/001-x', 'specs/001 x/plan.md', 12)).toBe('https://github.com/acme/web/blob/feat/001-x/specs/001%20x/plan.md#L12');
    expect(blobUrl('https://github.com/acme/web', 'main', 'plan.md')).toBe('https://github.com/acme/web/blob/main/plan.md');
  });
});
