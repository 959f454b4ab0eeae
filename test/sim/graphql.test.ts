import { afterEach, describe, expect, it } from '@jest/globals';
import { costOf } from '../../tools/bench/request-cost.js';
import { PROJECT_DOCUMENTS } from '../../src/github/projects-queries.js';
import { ADD, boardFixture, ORG, ORG_INSTALLATION, rawGraphql, type BoardFixture } from './graphql-fixture.js';

let fixture: BoardFixture;
afterEach(async () => {
  await fixture?.sim.close();
});

describe('POST /graphql: validation against GitHub\'s schema', () => {
  it('answers an unknown field with HTTP 200 and GitHub\'s error shape, and runs nothing', async () => {
    fixture = await boardFixture();
    const { status, json } = await rawGraphql(fixture.sim, { query: 'query Q { organization(login: "octo-org") { projectV2(number: 3) { id nosuch } } }' });
    expect(status).toBe(200);
    expect(json).toEqual({
      errors: [
        {
          message: "Field 'nosuch' doesn't exist on type 'ProjectV2'",
          path: ['query Q', 'organization', 'projectV2', 'nosuch'],
          locations: [{ line: 1, column: 71 }],
          extensions: { code: 'undefinedField', typeName: 'ProjectV2', fieldName: 'nosuch' },
        },
      ],
    });
    // Not executed: no points spent.
    expect(fixture.sim.graphqlRemaining(ORG_INSTALLATION)).toBe(5000);
  });

  it('refuses a mutation with a wrong argument and leaves the board alone', async () => {
    fixture = await boardFixture();
    const { json } = await rawGraphql(fixture.sim, {
      query: `mutation { addProjectV2ItemById(input: { projectId: "${fixture.project.id}", contentId: "${fixture.nodeIds.get(1)}", position: 1 }) { item { id } } }`,
    });
    expect(json.data).toBeUndefined();
    expect(json.errors[0].message).toMatch(/position/);
    expect(fixture.sim.projectBoard(ORG, 3).columns).toEqual([{ status: 'Todo', cards: [] }, { status: 'In Progress', cards: [] }, { status: 'Done', cards: [] }]);
    expect(fixture.sim.events).toEqual([]);
  });

  it('rejects a missing required argument, an unused variable and a syntax error', async () => {
    fixture = await boardFixture();
    const missing = await rawGraphql(fixture.sim, { query: '{ organization(login: "octo-org") { projectV2 { id } } }' });
    expect(missing.json.errors[0]).toMatchObject({ message: "Field 'projectV2' is missing required arguments: number", extensions: { code: 'missingRequiredArguments' } });
    const unused = await rawGraphql(fixture.sim, { query: 'query Q($x: Int) { viewer { login } }' });
    expect(unused.json.errors[0]).toMatchObject({ message: 'Variable $x is declared by Q but not used' });
    const syntax = await rawGraphql(fixture.sim, { query: '{ viewer { login }' });
    expect(syntax.status).toBe(200);
    expect(syntax.json.errors[0].message).toMatch(/Syntax Error/);
    const none = await rawGraphql(fixture.sim, { variables: {} });
    expect(none.json).toEqual({ errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
  });

  it('accepts every document planbot sends (src/github/projects-queries.ts)', async () => {
    fixture = await boardFixture();
    const { project, nodeIds } = fixture;
    const variables: Record<string, Record<string, unknown>> = {
      PlanbotOrgBoard: { login: ORG, number: 3, cursor: null },
      PlanbotUserBoard: { login: ORG, number: 3, cursor: null },
      PlanbotAddItem: { projectId: project.id, contentId: nodeIds.get(1) },
      PlanbotSetField: { projectId: project.id, itemId: 'later', fieldId: project.fields.Phase.id, value: { number: 1 } },
      PlanbotClearField: { projectId: project.id, itemId: 'later', fieldId: project.fields.Phase.id },
    };
    for (const [name, query] of Object.entries(PROJECT_DOCUMENTS)) {
      const { json } = await rawGraphql(fixture.sim, { query, variables: variables[name] });
      // Only runtime refusals (no such user, no such item yet): never a validation error.
      for (const error of json.errors ?? []) expect(error.type).toMatch(/NOT_FOUND/);
      if (name === 'PlanbotAddItem') variables.PlanbotSetField.itemId = variables.PlanbotClearField.itemId = json.data.addProjectV2ItemById.item.id;
    }
    // Added, Phase set, then cleared: one card without Status and without values.
    expect(fixture.sim.projectBoard(ORG, 3).columns[0]).toEqual({ status: 'No Status', cards: [expect.objectContaining({ issue: 1, fields: {} })] });
  });
});

describe('POST /graphql: alongside the OpenAPI check', () => {
  it('is not checked against the REST description (GraphQL has its own validation) and leaves no violations', async () => {
    fixture = await boardFixture({ validateRequests: true });
    const { json } = await rawGraphql(fixture.sim, { query: '{ organization(login: "octo-org") { projectV2(number: 3) { title } } }' });
    expect(json).toEqual({ data: { organization: { projectV2: { title: 'Roadmap' } } } });
    expect(fixture.sim.violations).toEqual([]);
  });
});

describe('POST /graphql: request log, points and faults', () => {
  it('logs a query as a read and a mutation as a write, with operation name and fields, at /graphql and /api/graphql (octokit on a GHES base URL)', async () => {
    fixture = await boardFixture();
    const { sim, octokit, project, nodeIds } = fixture;
    await octokit.graphql('query Read($login: String!) { organization(login: $login) { projectV2(number: 3) { id } } }', { login: ORG });
    await octokit.graphql(ADD, { projectId: project.id, contentId: nodeIds.get(1) });
    await rawGraphql(sim, { query: '{ viewer { login } }' });
    expect(sim.requests.map((request) => ({ method: request.method, path: request.path, route: request.route, write: request.write, graphql: request.graphql }))).toEqual([
      { method: 'POST', path: '/graphql', route: 'POST /graphql', write: false, graphql: { operation: 'query', name: 'Read', fields: ['organization'] } },
      { method: 'POST', path: '/graphql', route: 'POST /graphql', write: true, graphql: { operation: 'mutation', name: 'Add', fields: ['addProjectV2ItemById'] } },
      { method: 'POST', path: '/graphql', route: 'POST /graphql', write: false, graphql: { operation: 'query', name: null, fields: ['viewer'] } },
    ]);
    // The bench's cost tool counts the mutation as the one write.
    expect(costOf(sim.requests)).toMatchObject({ requests: 3, writes: 1 });
  });

  it('spends GraphQL points (not REST\'s budget) and shows them in rateLimit and x-ratelimit-* headers', async () => {
    fixture = await boardFixture();
    const { sim } = fixture;
    const coreBefore = sim.rateLimitRemaining(ORG_INSTALLATION);
    // 1 fetch of items + 100 of fieldValues (one per item) → 101 / 100 → 1 point; 100 × 100 more → 101 points.
    const cheap = await rawGraphql(sim, { query: '{ rateLimit { cost remaining resetAt } organization(login: "octo-org") { projectV2(number: 3) { items(first: 100) { nodes { fieldValues(first: 20) { totalCount } } } } } }' });
    expect(cheap.json.data.rateLimit).toMatchObject({ cost: 1, remaining: 4999 });
    expect(cheap.json.data.rateLimit.resetAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(cheap.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(cheap.headers.get('x-ratelimit-remaining')).toBe('4999');
    const dear = await rawGraphql(sim, { query: '{ rateLimit { cost remaining } organization(login: "octo-org") { projectsV2(first: 100) { nodes { items(first: 100) { nodes { fieldValues(first: 100) { totalCount } } } } } } }' });
    expect(dear.json.data.rateLimit).toEqual({ cost: 101, remaining: 4898 });
    expect(sim.rateLimitRemaining(ORG_INSTALLATION)).toBe(coreBefore);
  });

  it('answers RATE_LIMITED inside a 200 once the points are spent (what octokit\'s throttling looks for)', async () => {
    fixture = await boardFixture({ graphqlRateLimit: 1 });
    const { sim } = fixture;
    expect((await rawGraphql(sim, { query: '{ viewer { login } }' })).json.errors).toBeUndefined();
    const limited = await rawGraphql(sim, { query: '{ viewer { login } }' });
    expect(limited.status).toBe(200);
    expect(limited.json).toEqual({ errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for installation ID ${ORG_INSTALLATION}.` }] });
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('injects secondary rate limits and server errors on GraphQL like on REST', async () => {
    fixture = await boardFixture();
    const { sim, octokit, project, nodeIds } = fixture;
    sim.setFaults({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const limited = await rawGraphql(sim, { query: ADD, variables: { projectId: project.id, contentId: nodeIds.get(1) } });
    expect(limited.status).toBe(403);
    expect(limited.json.message).toMatch(/secondary rate limit/);
    expect(limited.headers.get('retry-after')).toBe('7');
    sim.setFaults({ serverErrorRate: 1 });
    await expect(octokit.graphql('{ viewer { login } }')).rejects.toMatchObject({ status: expect.any(Number) });
    expect(sim.requests.map((request) => request.fault)).toEqual(['rate-limit', 'server-error']);
    // Neither reached the board.
    expect(sim.projectBoard(ORG, 3).columns.flatMap((column) => column.cards)).toEqual([]);
  });

  it('can limit faults to GraphQL, leaving REST requests alone', async () => {
    fixture = await boardFixture();
    const { sim, octokit } = fixture;
    sim.setFaults({ rateLimitRate: 1, only: 'graphql' });
    await octokit.rest.issues.get({ owner: ORG, repo: 'app', issue_number: 1 });
    expect((await rawGraphql(sim, { query: '{ viewer { login } }' })).status).toBe(403);
    expect(sim.requests.map((request) => `${request.route}:${request.fault}`)).toEqual(['GET /repos/{owner}/{repo}/issues/{issue_number}:null', 'POST /graphql:rate-limit']);
  });
});
