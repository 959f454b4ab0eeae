// The board sync end to end against the simulator's GitHub (REST issues, GraphQL Projects), through
// the Octokit boundary: 4 phases → 4 cards; ticks move a card; a card moved by hand stays until its
// phase changes; a repeat costs no mutation.
import { afterEach, describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { octokitGitHub } from '../../src/github/octokit-github.js';
import { parsePlan } from '../../src/plan/parse.js';
import { configSchema } from '../../src/config/schema.js';
import { syncBoard } from '../../src/projects/board-sync.js';
import type { BoardIssue } from '../../src/projects/desired.js';
import { boardFixture, ORG, ORG_REPO, type BoardFixture } from '../sim/graphql-fixture.js';

let fixture: BoardFixture;
afterEach(async () => {
  await fixture?.sim.close();
});

const plan = (ticked: string[]) =>
  ['# Plan', '', '## Implementation Phases', '', ...[1, 2, 3, 4].flatMap((n) => [`### Phase ${n}: P${n}`, '', `- [${ticked.includes(`${n}a`) ? 'x' : ' '}] ${n}a`, `- [${ticked.includes(`${n}b`) ? 'x' : ' '}] ${n}b`, ''])].join('\n');

describe('the board sync against the simulator', () => {
  it('puts 4 phases on the board, follows ticks, leaves a hand-moved card, and costs nothing when synced', async () => {
    fixture = await boardFixture({}, 5); // #1 tracking, #2–#5 phases
    const { sim } = fixture;
    const github = octokitGitHub(fixture.octokit as any);
    const config = configSchema.parse({ projects: { project: { org: ORG, number: 3 } } });
    const sync = async (ticked: string[], changed = true) => {
      const issues: BoardIssue[] = [];
      for (const number of [1, 2, 3, 4, 5]) {
        const issue = (await github.getIssue(ORG_REPO, number))!;
        issues.push(number === 1 ? { kind: 'tracking', phase: null, issue } : { kind: 'phase', phase: String(number - 1), issue });
      }
      sim.requests.length = 0;
      const result = await syncBoard({ github, where: ORG_REPO, config, feature: '001-auth', phases: parsePlan(plan(ticked)).phases, issues, changed, log: pino({ level: 'silent' }) });
      return { result, mutations: sim.requests.filter((request) => request.graphql?.operation === 'mutation').length, reads: sim.requests.filter((request) => request.graphql?.operation === 'query').length };
    };
    const column = (status: string) => sim.projectBoard(ORG, 3).columns.find((each) => each.status === status)?.cards.map((card) => card.issue) ?? [];

    const first = await sync([]);
    expect(first.result.problems).toEqual([]);
    expect(column('Todo')).toEqual([2, 3, 4, 5]);
    expect(sim.projectBoard(ORG, 3).columns.flatMap((each) => each.cards).map((card) => [card.fields.Phase, card.fields.Feature])).toEqual([
      [1, '001-auth'],
      [2, '001-auth'],
      [3, '001-auth'],
      [4, '001-auth'],
    ]);

    expect(await sync([])).toMatchObject({ mutations: 0, reads: 1 });
    expect(await sync([], false)).toMatchObject({ mutations: 0, reads: 0 });

    expect(await sync(['1a'])).toMatchObject({ mutations: 1 });
    expect(column('In Progress')).toEqual([2]);
    await sync(['1a', '1b']);
    expect(column('Done')).toEqual([2]);

    sim.moveCard(ORG, 3, 3, 'Done');
    expect(await sync(['1a', '1b', '4a'])).toMatchObject({ mutations: 1 }); // phase 4 moves; phase 2's card stays
    expect(column('Done')).toEqual([2, 3]);
    await sync(['1a', '1b', '4a', '2a']);
    expect(column('In Progress')).toEqual([3, 5]);
  });
});
