// The Projects boundary over a real @octokit/graphql client whose fetch answers as GitHub does:
// the documents sent (validated against GitHub's published schema), pagination, and errors that
// come inside a 200 answer.
import { describe, expect, it } from '@jest/globals';
import { schema as published } from '@octokit/graphql-schema';
import { graphql } from '@octokit/graphql';
import { buildSchema, parse, validate } from 'graphql';
import { PROJECT_DOCUMENTS } from '../../src/github/projects-queries.js';
import {
  ProjectsGraphqlError,
  ProjectsRateLimitError,
  addProjectItem,
  clearProjectItemField,
  readProjectBoard,
  setProjectItemField,
} from '../../src/github/projects-graphql.js';

interface Sent {
  url: string;
  query: string;
  variables: Record<string, unknown>;
}

/** A client whose every request is answered, in turn, by `answers` (status 200 unless given). */
function client(...answers: Array<{ status?: number; body: unknown; headers?: Record<string, string> }>) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: { body: string }) => {
    const { query, variables } = JSON.parse(init.body);
    sent.push({ url, query, variables });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected request');
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json', ...answer.headers } });
  };
  return { sent, client: { graphql: graphql.defaults({ headers: { authorization: 'token x' }, request: { fetch } }) as any } };
}

const page = (items: unknown[], next: string | null) => ({
  data: {
    rateLimit: { cost: 1, remaining: 4999, resetAt: '2026-12-02T21:00:00Z' },
    owner: {
      projectV2: {
        id: 'PVT_1',
        title: 'Roadmap',
        fields: {
          nodes: [
            { __typename: 'ProjectV2Field', id: 'F_title', name: 'Title', dataType: 'TITLE' },
            { __typename: 'ProjectV2SingleSelectField', id: 'F_status', name: 'Status', dataType: 'SINGLE_SELECT', options: [{ id: 'O1', name: 'Todo' }] },
            {
              __typename: 'ProjectV2IterationField',
              id: 'F_it',
              name: 'Iteration',
              dataType: 'ITERATION',
              configuration: { iterations: [{ id: 'it2', title: 'Sprint 2', startDate: '2026-12-01', duration: 14 }], completedIterations: [{ id: 'it1', title: 'Sprint 1', startDate: '2026-11-17', duration: 14 }] },
            },
          ],
        },
        items: { pageInfo: { hasNextPage: next !== null, endCursor: next }, nodes: items },
      },
    },
  },
});

const item = (id: string, content: string | null, values: unknown[] = []) => ({
  id,
  isArchived: false,
  content: content ? { __typename: 'Issue', id: content, number: 1 } : { __typename: 'DraftIssue' },
  fieldValues: { nodes: values },
});

describe('the documents', () => {
  it('are valid against GitHub\'s published GraphQL schema', () => {
    // The published SDL repeats two EnterpriseOwnerInfo fields; the documents are what is checked.
    const schema = buildSchema(published.idl, { assumeValidSDL: true });
    for (const [name, document] of Object.entries(PROJECT_DOCUMENTS)) {
      expect([name, validate(schema, parse(document)).map((error) => error.message)]).toEqual([name, []]);
    }
  });
});

describe('readProjectBoard', () => {
  it('reads fields and every item in one paginated query', async () => {
    const { sent, client: github } = client(
      { body: page([item('PVTI_1', 'I_1', [{ __typename: 'ProjectV2ItemFieldSingleSelectValue', optionId: 'O1', field: { id: 'F_status' } }, { __typename: 'ProjectV2ItemFieldTextValue', text: 'x', field: { id: 'F_title' } }])], 'c1') },
      { body: page([item('PVTI_2', null), item('PVTI_3', 'I_3', [{ __typename: 'ProjectV2ItemFieldDateValue', date: '2026-12-24', field: { id: 'F_d' } }, { __typename: 'ProjectV2ItemFieldNumberValue', number: 2, field: { id: 'F_n' } }])], null) },
    );
    const board = await readProjectBoard(github, { ownerType: 'organization', login: 'acme', number: 7 });
    expect(sent.map((request) => [request.url, request.variables])).toEqual([
      ['https://api.github.com/graphql', { login: 'acme', number: 7, cursor: null }],
      ['https://api.github.com/graphql', { login: 'acme', number: 7, cursor: 'c1' }],
    ]);
    expect(sent[0].query).toContain('organization(login: $login)');
    expect(board).toEqual({
      id: 'PVT_1',
      title: 'Roadmap',
      pointsRemaining: 4999,
      fields: [
        { id: 'F_title', name: 'Title', dataType: 'TITLE' },
        { id: 'F_status', name: 'Status', dataType: 'SINGLE_SELECT', options: [{ id: 'O1', name: 'Todo' }] },
        {
          id: 'F_it',
          name: 'Iteration',
          dataType: 'ITERATION',
          iterations: [
            { id: 'it2', title: 'Sprint 2', startDate: '2026-12-01', duration: 14 },
            { id: 'it1', title: 'Sprint 1', startDate: '2026-11-17', duration: 14 },
          ],
        },
      ],
      items: [
        { id: 'PVTI_1', contentId: 'I_1', archived: false, values: { F_status: { singleSelectOptionId: 'O1' }, F_title: { text: 'x' } } },
        { id: 'PVTI_2', contentId: null, archived: false, values: {} },
        { id: 'PVTI_3', contentId: 'I_3', archived: false, values: { F_d: { date: '2026-12-24' }, F_n: { number: 2 } } },
      ],
    });
  });

  it('reads a user Project through `user`', async () => {
    const { sent, client: github } = client({ body: page([], null) });
    await readProjectBoard(github, { ownerType: 'user', login: 'octocat', number: 3 });
    expect(sent[0].query).toContain('user(login: $login)');
  });

  it('turns a refused permission inside a 200 answer into "unavailable", not an error', async () => {
    const { client: github } = client({
      body: { data: { owner: { projectV2: null } }, errors: [{ type: 'FORBIDDEN', path: ['owner', 'projectV2'], message: 'Resource not accessible by integration' }] },
    });
    expect(await readProjectBoard(github, { ownerType: 'organization', login: 'acme', number: 7 })).toEqual({ unavailable: 'forbidden', message: 'Resource not accessible by integration' });
  });

  it('turns an unknown Project into "not-found"', async () => {
    const { client: github } = client({
      body: { data: { owner: { projectV2: null } }, errors: [{ type: 'NOT_FOUND', path: ['owner', 'projectV2'], message: 'Could not resolve to a ProjectV2 with the number 7.' }] },
    });
    expect(await readProjectBoard(github, { ownerType: 'organization', login: 'acme', number: 7 })).toMatchObject({ unavailable: 'not-found' });
  });

  it('throws a rate-limit error when the points budget is spent', async () => {
    const { client: github } = client({ body: { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }] }, headers: { 'x-ratelimit-reset': '1796245200' } });
    const error = await readProjectBoard(github, { ownerType: 'organization', login: 'acme', number: 7 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ProjectsRateLimitError);
    expect(error.resetAt).toBe(new Date(1796245200 * 1000).toISOString());
  });
});

describe('mutations', () => {
  it('send the item and field ids and the value as GitHub takes them', async () => {
    const { sent, client: github } = client(
      { body: { data: { addProjectV2ItemById: { item: { id: 'PVTI_9' } } } } },
      { body: { data: { updateProjectV2ItemFieldValue: { projectV2Item: { id: 'PVTI_9' } } } } },
      { body: { data: { clearProjectV2ItemFieldValue: { projectV2Item: { id: 'PVTI_9' } } } } },
    );
    expect(await addProjectItem(github, 'PVT_1', 'I_1')).toBe('PVTI_9');
    await setProjectItemField(github, 'PVT_1', 'PVTI_9', 'F_date', { date: '2026-12-24' });
    await clearProjectItemField(github, 'PVT_1', 'PVTI_9', 'F_date');
    expect(sent.map((request) => [request.query.split('(')[0], request.variables])).toEqual([
      ['mutation PlanbotAddItem', { projectId: 'PVT_1', contentId: 'I_1' }],
      ['mutation PlanbotSetField', { projectId: 'PVT_1', itemId: 'PVTI_9', fieldId: 'F_date', value: { date: '2026-12-24' } }],
      ['mutation PlanbotClearField', { projectId: 'PVT_1', itemId: 'PVTI_9', fieldId: 'F_date' }],
    ]);
  });

  it('throw an error naming the operation and GitHub\'s message for other errors inside a 200 answer', async () => {
    const { client: github } = client({ body: { data: { updateProjectV2ItemFieldValue: null }, errors: [{ type: 'UNPROCESSABLE', message: 'The single select option Id does not belong to the field' }] } });
    const error = await setProjectItemField(github, 'PVT_1', 'PVTI_9', 'F_status', { singleSelectOptionId: 'nope' }).catch((caught) => caught);
    expect(error).toBeInstanceOf(ProjectsGraphqlError);
    expect(error.message).toBe('GitHub refused setting a Project field: UNPROCESSABLE: The single select option Id does not belong to the field');
  });
});
