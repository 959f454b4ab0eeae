import { afterEach, describe, expect, it } from '@jest/globals';
import { simWithRepo, statusOf, where, type SimFixture } from '../client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

describe('comments and reactions', () => {
  it('lists, creates and updates comments, announcing edits with the old body', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    await octokit.rest.issues.create({ ...where, title: 'T' });
    const human = sim.commentOnIssue({ ...where, number: 1, body: '/planbot sync', as: 'alice' });
    const reply = await octokit.rest.issues.createComment({ ...where, issue_number: 1, body: 'Synced.' });
    await octokit.rest.issues.updateComment({ ...where, comment_id: reply.data.id, body: 'Synced again.' });
    const listed = await octokit.rest.issues.listComments({ ...where, issue_number: 1 });
    expect(listed.data.map((comment) => [comment.id, comment.user!.login, comment.body])).toEqual([
      [human.id, 'alice', '/planbot sync'],
      [reply.data.id, 'planbot[bot]', 'Synced again.'],
    ]);
    const edited = sim.events.find((event) => event.name === 'issue_comment' && event.payload.action === 'edited')!;
    expect(edited.payload.changes).toEqual({ body: { from: 'Synced.' } });
    expect(await statusOf(octokit.rest.issues.createComment({ ...where, issue_number: 1, body: '' }))).toBe(422);
    expect(await statusOf(octokit.rest.issues.updateComment({ ...where, comment_id: 999999, body: 'x' }))).toBe(404);
  });

  it('adds a reaction once (201), answers 200 to the same reaction again, refuses unknown content, deletes it', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    await octokit.rest.issues.create({ ...where, title: 'T' });
    const { id } = sim.commentOnIssue({ ...where, number: 1, body: '/planbot sync', as: 'alice' });
    expect((await octokit.rest.reactions.createForIssueComment({ ...where, comment_id: id, content: 'eyes' })).status).toBe(201);
    expect((await octokit.rest.reactions.createForIssueComment({ ...where, comment_id: id, content: 'eyes' })).status).toBe(200);
    expect(await statusOf(octokit.rest.reactions.createForIssueComment({ ...where, comment_id: id, content: 'party' as any }))).toBe(422);
    expect(sim.reactions({ ...where, commentId: id }).map((reaction) => [reaction.content, reaction.user.login])).toEqual([['eyes', 'planbot[bot]']]);
    const [eyes] = sim.reactions({ ...where, commentId: id });
    expect((await octokit.rest.reactions.deleteForIssueComment({ ...where, comment_id: id, reaction_id: eyes.id })).status).toBe(204);
    expect(sim.reactions({ ...where, commentId: id })).toEqual([]);
    expect(await statusOf(octokit.rest.reactions.deleteForIssueComment({ ...where, comment_id: id, reaction_id: eyes.id }))).toBe(404);
  });
});
