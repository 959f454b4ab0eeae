import { beforeEach, describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { readActual, verifyBlockedBy } from '../../src/sync/actual.js';
import { renderMarker } from '../../src/sync/marker.js';
import { renderLinksRecord, emptyLinksRecord } from '../../src/sync/links-record.js';
import { resetNock, testOctokit } from '../helpers/probot.js';
import { FakeGitHub } from './fake-github.js';

const where = { owner: 'acme', repo: 'web' };
const octokit = () => new (testOctokit())({ auth: { token: 't' } } as any) as any;
const log = pino({ level: 'silent' });
const PATH = 'specs/001-x/plan.md';
const marker = (phase: string | null, overrides: object = {}) =>
  renderMarker({ feature: '001-x', phase, tracking: phase === null, source: 'plan', path: PATH, branch: '001-x', ...overrides });
const read = () => readActual(octokit(), where, { feature: '001-x', planPath: PATH, label: 'planbot' }, log);

beforeEach(resetNock);

describe('readActual', () => {
  it("finds this feature's issues by marker: bot-created only, this plan path only, lowest number kept", async () => {
    const fake = new FakeGitHub().install();
    fake.addIssue({ title: 'tracking', body: `${marker(null)}\n${renderLinksRecord({ ...emptyLinksRecord(), children: [2] })}` }); // #1
    fake.addIssue({ title: 'phase 1', body: marker('1') }); // #2
    fake.addIssue({ title: 'phase 1 again', body: marker('1') }); // #3
    fake.addIssue({ title: 'human copy', body: marker('2'), byBot: false }); // #4
    fake.addIssue({ title: 'other app', body: marker('2', { path: 'apps/api/specs/001-x/plan.md' }) }); // #5
    fake.addIssue({ title: 'other feature', body: marker('2', { feature: '002-y' }) }); // #6
    fake.addIssue({ title: 'marker not first', body: `hello\n${marker('3')}` }); // #7
    const actual = await read();
    expect(actual.tracking?.number).toBe(1);
    expect([...actual.phases].map(([key, issue]) => [key, issue.number])).toEqual([['1', 2]]);
    expect(actual.duplicates.map(({ issue, keep }) => [issue.number, keep.number])).toEqual([[3, 2]]);
    expect(actual.record?.children).toEqual([2]);
    expect(actual.reads).toBe(1);
  });

  it('knows sub-issue links from the parent field, and leaves issues a person moved under another parent alone', async () => {
    const fake = new FakeGitHub().install();
    fake.addIssue({ title: 'tracking', body: marker(null) }); // #1
    fake.addIssue({ title: 'linked', body: marker('1'), parent: 1 }); // #2
    fake.addIssue({ title: 'moved', body: marker('2'), parent: 9 }); // #3
    fake.addIssue({ title: 'unlinked', body: marker('3') }); // #4
    const actual = await read();
    expect([...actual.children]).toEqual([2]);
    expect([...actual.foreignParent]).toEqual([3]);
  });

  it('verifyBlockedBy lists only issues whose record is in doubt, and reports a missing API', async () => {
    const fake = new FakeGitHub().install();
    const record = renderLinksRecord({ ...emptyLinksRecord(), blockedBy: [[3, 2], [4, 3]] });
    fake.addIssue({ title: 'tracking', body: `${marker(null)}\n${record}` }); // #1
    fake.addIssue({ title: 'p1', body: marker('1') }); // #2
    fake.addIssue({ title: 'p2', body: marker('2'), blockedBy: [2] }); // #3: record and count agree
    fake.addIssue({ title: 'p3', body: marker('3') }); // #4: recorded, but GitHub reports none
    const actual = await read();
    fake.log = [];
    expect(await verifyBlockedBy(octokit(), where, actual, new Map([[3, [2]], [4, [3]]]))).toBe(true);
    expect(fake.lines()).toEqual(['GET /repos/acme/web/issues/4/dependencies/blocked_by?per_page=100']);
    expect([...actual.blockedBy.get(4)!]).toEqual([]);

    fake.dependenciesApi = 404;
    fake.issue(3).blockedBy = [];
    expect(await verifyBlockedBy(octokit(), where, await read(), new Map([[3, [2]]]))).toBe(false);
  });
});
