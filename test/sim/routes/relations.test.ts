import { afterEach, describe, expect, it } from '@jest/globals';
import { simWithRepo, statusOf, where, type SimFixture } from '../client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

async function issues(fixture: SimFixture, count: number) {
  const out = [];
  for (let index = 0; index < count; index += 1) out.push((await fixture.octokit.rest.issues.create({ ...where, title: `I${index + 1}` })).data);
  return out;
}

describe('sub-issues', () => {
  it('links by database id (not number), lists in order, and refuses a second parent unless replacing', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    const [tracking, one, two, other] = await issues(fixture, 4);
    expect(one.id).not.toBe(one.number);
    await octokit.rest.issues.addSubIssue({ ...where, issue_number: tracking.number, sub_issue_id: one.id });
    await octokit.rest.issues.addSubIssue({ ...where, issue_number: tracking.number, sub_issue_id: two.id });
    const listed = await octokit.rest.issues.listSubIssues({ ...where, issue_number: tracking.number });
    expect(listed.data.map((issue) => issue.number)).toEqual([one.number, two.number]);
    // Passing the number where the id belongs is a classic mistake: it must not silently work.
    expect(await statusOf(octokit.rest.issues.addSubIssue({ ...where, issue_number: other.number, sub_issue_id: one.number }))).toBe(404);
    expect(await statusOf(octokit.rest.issues.addSubIssue({ ...where, issue_number: tracking.number, sub_issue_id: one.id }))).toBe(422);
    expect(await statusOf(octokit.rest.issues.addSubIssue({ ...where, issue_number: other.number, sub_issue_id: one.id }))).toBe(422);
    await octokit.rest.issues.addSubIssue({ ...where, issue_number: other.number, sub_issue_id: one.id, replace_parent: true });
    expect(sim.issue({ ...where, number: tracking.number })!.subIssues).toEqual([two.id]);
    expect(sim.issue({ ...where, number: one.number })!.parent).toBe(other.id);
    await octokit.rest.issues.removeSubIssue({ ...where, issue_number: tracking.number, sub_issue_id: two.id });
    expect(sim.issue({ ...where, number: tracking.number })!.subIssues).toEqual([]);
  });

  it('refuses cycles and more than 100 sub-issues', async () => {
    fixture = await simWithRepo();
    const { octokit } = fixture;
    const [parent, child] = await issues(fixture, 2);
    await octokit.rest.issues.addSubIssue({ ...where, issue_number: parent.number, sub_issue_id: child.id });
    expect(await statusOf(octokit.rest.issues.addSubIssue({ ...where, issue_number: child.number, sub_issue_id: parent.id }))).toBe(422);
    expect(await statusOf(octokit.rest.issues.addSubIssue({ ...where, issue_number: parent.number, sub_issue_id: parent.id }))).toBe(422);
    const many = await issues(fixture, 100);
    for (const issue of many.slice(0, 99)) await octokit.rest.issues.addSubIssue({ ...where, issue_number: parent.number, sub_issue_id: issue.id });
    expect(await statusOf(octokit.rest.issues.addSubIssue({ ...where, issue_number: parent.number, sub_issue_id: many[99].id }))).toBe(422);
    const all = await octokit.paginate(octokit.rest.issues.listSubIssues, { ...where, issue_number: parent.number, per_page: 30 });
    expect(all).toHaveLength(100);
  });
});

describe('blocked-by dependencies', () => {
  it('adds, lists, and removes blockers by database id; refuses self, duplicates and cycles', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    const [a, b, c] = await issues(fixture, 3);
    const blockedBy = (number: number) => octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by', { ...where, issue_number: number });
    const add = (number: number, id: number) => octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by', { ...where, issue_number: number, issue_id: id });
    expect((await add(b.number, a.id)).status).toBe(201);
    await add(c.number, b.id);
    expect((await blockedBy(b.number)).data.map((issue: { number: number }) => issue.number)).toEqual([a.number]);
    expect(await statusOf(add(b.number, a.id))).toBe(422);
    expect(await statusOf(add(a.number, a.id))).toBe(422);
    expect(await statusOf(add(a.number, c.id))).toBe(422);
    const removed = await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}', { ...where, issue_number: b.number, issue_id: a.id });
    expect(removed.status).toBe(200);
    expect(sim.issue({ ...where, number: b.number })!.blockedBy).toEqual([]);
    expect(await statusOf(octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}', { ...where, issue_number: b.number, issue_id: a.id }))).toBe(404);
  });
});
