// The contract between planbot's Projects boundary (src/github/projects-graphql.ts) and the
// simulator: the same documents, through octokit.graphql, read and change the simulated board.
import { afterEach, describe, expect, it } from '@jest/globals';
import { addProjectItem, clearProjectItemField, readProjectBoard, setProjectItemField } from '../../src/github/projects-graphql.js';
import { boardFixture, ORG, ORG_INSTALLATION, type BoardFixture } from './graphql-fixture.js';

let fixture: BoardFixture;
afterEach(async () => {
  await fixture?.sim.close();
});

const REF = { ownerType: 'organization' as const, login: ORG, number: 3 };

describe('planbot\'s Projects boundary against the simulator', () => {
  it('adds, sets, clears and reads back, with one read per page and one mutation per change', async () => {
    fixture = await boardFixture({}, 2);
    const { sim, octokit, project, nodeIds } = fixture;
    const itemId = await addProjectItem(octokit, project.id, nodeIds.get(1)!);
    expect(await addProjectItem(octokit, project.id, nodeIds.get(1)!)).toBe(itemId);
    await setProjectItemField(octokit, project.id, itemId, project.fields.Status.id, { singleSelectOptionId: project.fields.Status.options['In Progress'] });
    await setProjectItemField(octokit, project.id, itemId, project.fields.Phase.id, { number: 1 });
    await setProjectItemField(octokit, project.id, itemId, project.fields['Target date'].id, { date: '2026-12-24' });
    await clearProjectItemField(octokit, project.id, itemId, project.fields['Target date'].id);
    const board = await readProjectBoard(octokit, REF);
    expect('unavailable' in board).toBe(false);
    if ('unavailable' in board) return;
    expect(board.id).toBe(project.id);
    expect(board.fields.find((field) => field.name === 'Status')!.options!.map((option) => option.name)).toEqual(['Todo', 'In Progress', 'Done']);
    expect(board.items).toEqual([
      expect.objectContaining({
        id: itemId,
        contentId: nodeIds.get(1),
        values: expect.objectContaining({ [project.fields.Status.id]: { singleSelectOptionId: project.fields.Status.options['In Progress'] }, [project.fields.Phase.id]: { number: 1 } }),
      }),
    ]);
    expect(board.items[0].values[project.fields['Target date'].id]).toBeUndefined();
    expect(sim.requests.map((request) => request.graphql?.name)).toEqual(['PlanbotAddItem', 'PlanbotAddItem', 'PlanbotSetField', 'PlanbotSetField', 'PlanbotSetField', 'PlanbotClearField', 'PlanbotOrgBoard']);
    expect(sim.requests.filter((request) => request.write)).toHaveLength(6);
  });

  it('reads a board of 250 items in three pages', async () => {
    fixture = await boardFixture({}, 250);
    const { sim, octokit, project, nodeIds } = fixture;
    for (const contentId of nodeIds.values()) await addProjectItem(octokit, project.id, contentId);
    sim.requests.length = 0;
    const board = await readProjectBoard(octokit, REF);
    if ('unavailable' in board) throw new Error(board.message);
    expect(board.items.map((item) => item.contentId)).toEqual([...nodeIds.values()]);
    expect(sim.requests.map((request) => request.graphql?.name)).toEqual(['PlanbotOrgBoard', 'PlanbotOrgBoard', 'PlanbotOrgBoard']);
  });

  it('sees the board as unavailable without the permission, and an unknown project as not found', async () => {
    fixture = await boardFixture();
    const { sim, octokit } = fixture;
    expect(await readProjectBoard(octokit, { ...REF, number: 8 })).toMatchObject({ unavailable: 'not-found' });
    sim.setProjectsPermission(ORG_INSTALLATION, 'none');
    expect(await readProjectBoard(octokit, REF)).toEqual({ unavailable: 'forbidden', message: 'Resource not accessible by integration' });
  });
});
