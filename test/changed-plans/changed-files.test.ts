import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { listChangedFiles } from '../../src/changed-plans/changed-files.js';
import { resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';
import { API } from '../checks/github-mock.js';

describe('changed files', () => {
  beforeEach(resetNock);

  it('pages through a pull request’s files and flags the 3,000-file cap', async () => {
    const page = (start: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({ filename: `f${start + index}.md`, status: index === 0 ? 'removed' : 'modified' }));
    const scope = nock(API);
    for (let number = 1; number <= 30; number++) {
      const next: Record<string, string> = number < 30 ? { link: `<${API}/repos/acme/web/pulls/7/files?per_page=100&page=${number + 1}>; rel="next"` } : {};
      scope
        .get('/repos/acme/web/pulls/7/files')
        .query(number === 1 ? { per_page: '100' } : { per_page: '100', page: String(number) })
        .reply(200, page((number - 1) * 100, 100), next);
    }
    const job = jobFromContext((await createTestContext()).context);
    const files = await listChangedFiles(job.github, job.repo, { pull: 7 });
    expect(files.files).toHaveLength(3000);
    expect(files.removed).toHaveLength(30);
    expect(files.truncated).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('lists the files between two commits in one request', async () => {
    nock(API)
      .get('/repos/acme/web/compare/aaa...bbb')
      .reply(200, { files: [{ filename: 'specs/001-x/plan.md', status: 'added' }, { filename: 'old.md', status: 'removed' }] });
    const job = jobFromContext((await createTestContext()).context);
    expect(await listChangedFiles(job.github, job.repo, { base: 'aaa', head: 'bbb' })).toEqual({
      files: ['specs/001-x/plan.md', 'old.md'],
      removed: ['old.md'],
      truncated: false,
    });
  });
});
