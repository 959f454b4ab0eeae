import { afterEach, describe, expect, it } from '@jest/globals';
import { simWithRepo, statusOf, where, type SimFixture } from '../client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

describe('issues and labels', () => {
  it('creates issues with labels (creating missing labels) and drops assignees without access', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    sim.setPermission({ ...where, user: 'alice', permission: 'write' });
    const { data } = await octokit.rest.issues.create({ ...where, title: 'Phase 1: Foundation', body: '- [ ] a', labels: ['planbot', { name: 'plan' }] as any, assignees: ['alice', 'stranger'] });
    expect(data).toMatchObject({ number: 1, state: 'open', user: { login: 'planbot[bot]', type: 'Bot' } });
    expect(data.labels.map((label: any) => label.name)).toEqual(['planbot', 'plan']);
    expect(data.assignees!.map((user) => user.login)).toEqual(['alice']);
    expect((await octokit.rest.issues.getLabel({ ...where, name: 'planbot' })).status).toBe(200);
    expect(sim.events.map((event) => `${event.name}.${event.payload.action}`)).toEqual(['issues.opened', 'issues.labeled', 'issues.labeled']);
  });

  it('refuses an issue without a title (422) and creates nothing', async () => {
    fixture = await simWithRepo();
    expect(await statusOf(fixture.octokit.rest.issues.create({ ...where, title: '  ' }))).toBe(422);
    expect(fixture.sim.issues(where)).toEqual([]);
  });

  it('closes with a state reason, reopens, and announces body edits with changes.body.from', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    await octokit.rest.issues.create({ ...where, title: 'T', body: 'old' });
    const closed = await octokit.rest.issues.update({ ...where, issue_number: 1, state: 'closed', state_reason: 'not_planned', body: 'new' });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned', body: 'new' });
    expect(closed.data.closed_at).not.toBeNull();
    const reopened = await octokit.rest.issues.update({ ...where, issue_number: 1, state: 'open' });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    const edited = sim.events.find((event) => event.payload.action === 'edited')!;
    expect(edited.payload.changes).toEqual({ body: { from: 'old' } });
    expect(sim.events.map((event) => event.payload.action)).toEqual(['opened', 'edited', 'closed', 'reopened']);
    expect(await statusOf(octokit.rest.issues.update({ ...where, issue_number: 1, state_reason: 'bogus' as any }))).toBe(422);
  });

  it('lists by state and labels with per_page/page and Link headers', async () => {
    fixture = await simWithRepo();
    const { octokit } = fixture;
    for (let index = 1; index <= 5; index += 1) await octokit.rest.issues.create({ ...where, title: `T${index}`, labels: index % 2 ? ['planbot', 'odd'] : ['planbot'] });
    await octokit.rest.issues.update({ ...where, issue_number: 5, state: 'closed' });
    const open = await octokit.rest.issues.listForRepo({ ...where, labels: 'planbot', per_page: 2 });
    expect(open.data.map((issue) => issue.number)).toEqual([4, 3]);
    expect(open.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...where, state: 'all', labels: 'PLANBOT,odd', per_page: 1 });
    expect(all.map((issue) => issue.number)).toEqual([5, 3, 1]);
    const asc = await octokit.rest.issues.listForRepo({ ...where, direction: 'asc' });
    expect(asc.data.map((issue) => issue.number)).toEqual([1, 2, 3, 4]);
  });

  it('gets (404 when absent) and creates labels, refusing duplicates', async () => {
    fixture = await simWithRepo();
    const { octokit } = fixture;
    expect(await statusOf(octokit.rest.issues.getLabel({ ...where, name: 'planbot' }))).toBe(404);
    expect((await octokit.rest.issues.createLabel({ ...where, name: 'planbot', color: '0e8a16' })).status).toBe(201);
    expect(await statusOf(octokit.rest.issues.createLabel({ ...where, name: 'PlanBot', color: '0e8a16' }))).toBe(422);
    expect(await statusOf(octokit.rest.issues.createLabel({ ...where, name: 'x', color: 'green' }))).toBe(422);
  });

  it('adds and removes labels on an issue', async () => {
    fixture = await simWithRepo();
    const { octokit } = fixture;
    await octokit.rest.issues.create({ ...where, title: 'T' });
    expect((await octokit.rest.issues.addLabels({ ...where, issue_number: 1, labels: ['a', 'b'] })).data.map((label) => label.name)).toEqual(['a', 'b']);
    expect((await octokit.rest.issues.removeLabel({ ...where, issue_number: 1, name: 'a' })).data.map((label) => label.name)).toEqual(['b']);
    expect(await statusOf(octokit.rest.issues.removeLabel({ ...where, issue_number: 1, name: 'a' }))).toBe(404);
  });
});
