import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { readActual, verifyBlockedBy } from '../../src/sync/actual.js';
import { renderMarker } from '../../src/sync/marker.js';
import { renderLinksRecord, emptyLinksRecord } from '../../src/sync/links-record.js';
import { MemoryGitHub } from '../helpers/memory-github.js';

const where = { owner: 'acme', repo: 'web' };
const log = pino({ level: 'silent' });
const PATH = 'specs/001-x/plan.md';
const marker = (phase: string | null, overrides: object = {}) =>
  renderMarker({ feature: '001-x', phase, tracking: phase === null, source: 'plan', path: PATH, branch: '001-x', ...overrides });
const read = (github: MemoryGitHub) => readActual(github, where, { feature: '001-x', planPath: PATH, label: 'planbot' }, log);

describe('readActual', () => {
  it("finds this feature's issues by marker: bot-created only, this plan path only, lowest number kept", async () => {
    const github = new MemoryGitHub();
    github.addIssue({ title: 'tracking', body: `${marker(null)}\n${renderLinksRecord({ ...emptyLinksRecord(), children: [2] })}` }); // #1
    github.addIssue({ title: 'phase 1', body: marker('1') }); // #2
    github.addIssue({ title: 'phase 1 again', body: marker('1') }); // #3
    github.addIssue({ title: 'human copy', body: marker('2'), byBot: false }); // #4
    github.addIssue({ title: 'other app', body: marker('2', { path: 'apps/api/specs/001-x/plan.md' }) }); // #5
    github.addIssue({ title: 'other feature', body: marker('2', { feature: '002-y' }) }); // #6
    github.addIssue({ title: 'marker not first', body: `hello\n${marker('3')}` }); // #7
    const actual = await read(github);
    expect(actual.tracking?.number).toBe(1);
    expect([...actual.phases].map(([key, issue]) => [key, issue.number])).toEqual([['1', 2]]);
    expect(actual.duplicates.map(({ issue, keep }) => [issue.number, keep.number])).toEqual([[3, 2]]);
    expect(actual.record?.children).toEqual([2]);
    expect(actual.reads).toBe(1);
  });

  it('knows sub-issue links from the parent field, and leaves issues a person moved under another parent alone', async () => {
    const github = new MemoryGitHub();
    github.addIssue({ title: 'tracking', body: marker(null) }); // #1
    github.addIssue({ title: 'linked', body: marker('1'), parent: 1 }); // #2
    github.addIssue({ title: 'moved', body: marker('2'), parent: 9 }); // #3
    github.addIssue({ title: 'unlinked', body: marker('3') }); // #4
    const actual = await read(github);
    expect([...actual.children]).toEqual([2]);
    expect([...actual.foreignParent]).toEqual([3]);
  });

  it('verifyBlockedBy lists only issues whose record is in doubt, and reports a missing API', async () => {
    const github = new MemoryGitHub();
    const record = renderLinksRecord({ ...emptyLinksRecord(), blockedBy: [[3, 2], [4, 3]] });
    github.addIssue({ title: 'tracking', body: `${marker(null)}\n${record}` }); // #1
    github.addIssue({ title: 'p1', body: marker('1') }); // #2
    github.addIssue({ title: 'p2', body: marker('2'), blockedBy: [2] }); // #3: record and count agree
    github.addIssue({ title: 'p3', body: marker('3') }); // #4: recorded, but GitHub reports none
    const actual = await read(github);
    github.calls = [];
    expect(await verifyBlockedBy(github, where, actual, new Map([[3, [2]], [4, [3]]]))).toBe(true);
    expect(github.calls).toEqual([{ method: 'listBlockedByNumbers', args: [where, 4], result: 'ok' }]);
    expect([...actual.blockedBy.get(4)!]).toEqual([]);

    github.dependenciesApi = 404;
    github.issue(3).blockedBy = [];
    expect(await verifyBlockedBy(github, where, await read(github), new Map([[3, [2]]]))).toBe(false);
  });
});
