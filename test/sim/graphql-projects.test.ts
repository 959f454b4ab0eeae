import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookRelay } from '../../tools/sim/relay.js';
import { ADD, boardFixture, CLEAR, ORG, ORG_INSTALLATION, ORG_REPO, rawGraphql, SET, type BoardFixture } from './graphql-fixture.js';

let fixture: BoardFixture;
let server: Server | null = null;
afterEach(async () => {
  await fixture?.sim.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

const READ = `query Board($login: String!, $number: Int!, $cursor: String) {
  rateLimit { cost remaining resetAt }
  organization(login: $login) {
    projectV2(number: $number) {
      id title
      fields(first: 50) { nodes {
        ... on ProjectV2FieldCommon { id name dataType }
        ... on ProjectV2SingleSelectField { options { id name } }
        ... on ProjectV2IterationField { configuration { iterations { id title startDate duration } } }
      } }
      items(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          content { ... on Issue { id number repository { nameWithOwner } } }
          fieldValues(first: 20) { nodes {
            ... on ProjectV2ItemFieldSingleSelectValue { optionId name field { ... on ProjectV2FieldCommon { id name } } }
            ... on ProjectV2ItemFieldNumberValue { number field { ... on ProjectV2FieldCommon { id name } } }
            ... on ProjectV2ItemFieldTextValue { text field { ... on ProjectV2FieldCommon { id name } } }
            ... on ProjectV2ItemFieldDateValue { date field { ... on ProjectV2FieldCommon { id name } } }
            ... on ProjectV2ItemFieldIterationValue { iterationId title field { ... on ProjectV2FieldCommon { id name } } }
          } }
        }
      }
    }
  }
}`;

const mutations = (fixture: BoardFixture) => fixture.sim.requests.filter((request) => request.graphql?.operation === 'mutation').length;

describe('Projects (v2) over GraphQL', () => {
  it('reads the project: fields with options and iterations, items whose content id is the REST node_id', async () => {
    fixture = await boardFixture();
    const { sim, octokit, project, nodeIds } = fixture;
    const added: any = await octokit.graphql(ADD, { projectId: project.id, contentId: nodeIds.get(2) });
    await octokit.graphql(SET, { projectId: project.id, itemId: added.addProjectV2ItemById.item.id, fieldId: project.fields.Status.id, value: { singleSelectOptionId: project.fields.Status.options['In Progress'] } });
    const read: any = await octokit.graphql(READ, { login: ORG, number: 3, cursor: null });
    const board = read.organization.projectV2;
    expect(board).toMatchObject({ id: project.id, title: 'Roadmap' });
    expect(board.fields.nodes.map((field: any) => `${field.name}:${field.dataType}`)).toEqual(['Title:TITLE', 'Assignees:ASSIGNEES', 'Status:SINGLE_SELECT', 'Phase:NUMBER', 'Feature:TEXT', 'Target date:DATE', 'Iteration:ITERATION']);
    expect(board.fields.nodes[2].options).toEqual([
      { id: project.fields.Status.options.Todo, name: 'Todo' },
      { id: project.fields.Status.options['In Progress'], name: 'In Progress' },
      { id: project.fields.Status.options.Done, name: 'Done' },
    ]);
    expect(board.fields.nodes[6].configuration.iterations).toEqual([
      { id: project.fields.Iteration.iterations['Sprint 12'], title: 'Sprint 12', startDate: '2026-12-01', duration: 14 },
      { id: project.fields.Iteration.iterations['Sprint 13'], title: 'Sprint 13', startDate: '2026-12-15', duration: 14 },
    ]);
    expect(board.items.pageInfo.hasNextPage).toBe(false);
    expect(board.items.nodes).toEqual([
      {
        id: added.addProjectV2ItemById.item.id,
        content: { id: nodeIds.get(2), number: 2, repository: { nameWithOwner: 'octo-org/app' } },
        fieldValues: {
          nodes: [
            // GitHub lists the built-in Title as a text value.
            { text: 'Phase 2', field: { id: project.fields.Title.id, name: 'Title' } },
            { optionId: project.fields.Status.options['In Progress'], name: 'In Progress', field: { id: project.fields.Status.id, name: 'Status' } },
          ],
        },
      },
    ]);
    expect(read.rateLimit).toMatchObject({ cost: 1, remaining: 4999 - 2 });
    expect(sim.requests.map((request) => request.write)).toEqual([true, true, false]);
  });

  it('adds an issue once: adding it again answers the same item, changes nothing and sends no webhook', async () => {
    fixture = await boardFixture();
    const { sim, octokit, project, nodeIds } = fixture;
    const first: any = await octokit.graphql(ADD, { projectId: project.id, contentId: nodeIds.get(1) });
    const second: any = await octokit.graphql(ADD, { projectId: project.id, contentId: nodeIds.get(1) });
    expect(second.addProjectV2ItemById.item.id).toBe(first.addProjectV2ItemById.item.id);
    expect(sim.projectBoard(ORG, 3).columns).toEqual([{ status: 'No Status', cards: [{ repo: 'octo-org/app', issue: 1, title: 'Phase 1', itemId: first.addProjectV2ItemById.item.id, fields: {} }] }, { status: 'Todo', cards: [] }, { status: 'In Progress', cards: [] }, { status: 'Done', cards: [] }]);
    expect(sim.events.map((event) => `${event.name}.${event.payload.action}:${event.origin}`)).toEqual(['projects_v2_item.created:app']);
    expect(sim.events[0].payload.projects_v2_item).toMatchObject({ node_id: first.addProjectV2ItemById.item.id, project_node_id: project.id, content_node_id: nodeIds.get(1), content_type: 'Issue' });
    expect(sim.events[0].payload.sender).toMatchObject({ login: 'planbot[bot]', type: 'Bot' });
  });

  it('sets and clears every kind of field, and refuses a value of the wrong kind', async () => {
    fixture = await boardFixture();
    const { sim, octokit, project, nodeIds } = fixture;
    const itemId = ((await octokit.graphql(ADD, { projectId: project.id, contentId: nodeIds.get(1) })) as any).addProjectV2ItemById.item.id;
    const set = (field: string, value: Record<string, unknown>) => octokit.graphql(SET, { projectId: project.id, itemId, fieldId: project.fields[field].id, value });
    await set('Status', { singleSelectOptionId: project.fields.Status.options.Done });
    await set('Phase', { number: 2 });
    await set('Feature', { text: '001-login' });
    await set('Target date', { date: '2026-12-24' });
    await set('Iteration', { iterationId: project.fields.Iteration.iterations['Sprint 13'] });
    expect(sim.projectBoard(ORG, 3).columns.find((column) => column.status === 'Done')!.cards[0].fields).toEqual({ Phase: 2, Feature: '001-login', 'Target date': '2026-12-24', Iteration: 'Sprint 13' });

    await expect(set('Status', { text: 'Done' })).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'UNPROCESSABLE', path: ['updateProjectV2ItemFieldValue'] })] });
    await expect(set('Status', { singleSelectOptionId: 'nope' })).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'UNPROCESSABLE' })] });
    await octokit.graphql(CLEAR, { projectId: project.id, itemId, fieldId: project.fields['Target date'].id });
    const card = sim.projectBoard(ORG, 3).columns.find((column) => column.status === 'Done')!.cards[0];
    expect(card.fields).toEqual({ Phase: 2, Feature: '001-login', Iteration: 'Sprint 13' });
    // add + 5 sets + 2 refused + clear.
    expect(mutations(fixture)).toBe(9);
    const edits = sim.events.filter((event) => event.payload.action === 'edited');
    expect(edits.map((event) => event.payload.changes.field_value.field_name)).toEqual(['Status', 'Phase', 'Feature', 'Target date', 'Iteration', 'Target date']);
    expect(edits[0].payload.changes.field_value).toMatchObject({ field_node_id: project.fields.Status.id, field_type: 'single_select', from: null, to: { id: project.fields.Status.options.Done, name: 'Done' } });
  });

  it('pages through more than 100 items with the cursor', async () => {
    fixture = await boardFixture({}, 130);
    const { octokit, project, nodeIds } = fixture;
    for (const contentId of nodeIds.values()) await octokit.graphql(ADD, { projectId: project.id, contentId });
    const first: any = await octokit.graphql(READ, { login: ORG, number: 3, cursor: null });
    expect(first.organization.projectV2.items.nodes).toHaveLength(100);
    expect(first.organization.projectV2.items.pageInfo.hasNextPage).toBe(true);
    const second: any = await octokit.graphql(READ, { login: ORG, number: 3, cursor: first.organization.projectV2.items.pageInfo.endCursor });
    expect(second.organization.projectV2.items.nodes).toHaveLength(30);
    expect(second.organization.projectV2.items.pageInfo.hasNextPage).toBe(false);
    const numbers = [...first.organization.projectV2.items.nodes, ...second.organization.projectV2.items.nodes].map((item: any) => item.content.number);
    expect(numbers).toEqual([...nodeIds.keys()]);
    // GitHub caps a page at 100.
    const tooMany = await rawGraphql(fixture.sim, { query: '{ organization(login: "octo-org") { projectV2(number: 3) { items(first: 101) { totalCount } } } }' });
    expect(tooMany.json.errors[0]).toMatchObject({ type: 'EXCESSIVE_PAGINATION', message: 'Requesting 101 records on the `items` connection exceeds the `first` limit of 100 records.' });
  });

  it('answers NOT_FOUND for an unknown project or organisation, with data for the rest', async () => {
    fixture = await boardFixture();
    const missing = await rawGraphql(fixture.sim, { query: READ, variables: { login: ORG, number: 9, cursor: null } });
    expect(missing.json.data.organization).toEqual({ projectV2: null });
    expect(missing.json.data.rateLimit.cost).toBe(1);
    expect(missing.json.errors).toEqual([{ type: 'NOT_FOUND', path: ['organization', 'projectV2'], locations: [expect.any(Object)], message: 'Could not resolve to a ProjectV2 with the number 9.' }]);
    const nobody = await rawGraphql(fixture.sim, { query: READ, variables: { login: 'ghost-org', number: 3, cursor: null } });
    expect(nobody.json.errors[0]).toMatchObject({ type: 'NOT_FOUND', path: ['organization'], message: "Could not resolve to an Organization with the login of 'ghost-org'." });
  });

  it('reads a user\'s project with user(login)', async () => {
    fixture = await boardFixture();
    const { sim } = fixture;
    sim.seedRepository({ owner: 'mona', repo: 'notes', installationId: 92 });
    const created = sim.createProject({ owner: 'mona', number: 1, title: 'Mine', fields: [] });
    const response = await fetch(`${sim.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `token ${sim.createInstallationToken(92)}` },
      body: JSON.stringify({ query: '{ user(login: "mona") { projectV2(number: 1) { id title } } }' }),
    });
    expect(await response.json()).toEqual({ data: { user: { projectV2: { id: created.id, title: 'Mine' } } } });
  });
});

describe('Projects (v2): the permission not granted', () => {
  it('refuses reads and writes with FORBIDDEN inside a 200, leaves the board alone and sends no webhook', async () => {
    fixture = await boardFixture();
    const { sim, project, nodeIds } = fixture;
    sim.setProjectsPermission(ORG_INSTALLATION, 'none');
    const read = await rawGraphql(sim, { query: READ.replace('organization(', 'owner: organization('), variables: { login: ORG, number: 3, cursor: null } });
    expect(read.status).toBe(200);
    expect(read.json.data.owner).toEqual({ projectV2: null });
    expect(read.json.errors).toEqual([{ type: 'FORBIDDEN', path: ['owner', 'projectV2'], locations: [expect.any(Object)], message: 'Resource not accessible by integration' }]);
    const add = await rawGraphql(sim, { query: ADD, variables: { projectId: project.id, contentId: nodeIds.get(1) } });
    expect(add.json).toEqual({ data: { addProjectV2ItemById: null }, errors: [{ type: 'FORBIDDEN', path: ['addProjectV2ItemById'], locations: [expect.any(Object)], message: 'Resource not accessible by integration' }] });
    expect(sim.projectBoard(ORG, 3).columns.flatMap((column) => column.cards)).toEqual([]);
    expect(sim.events).toEqual([]);
  });

  it('shows organization_projects in a new installation token only while granted', async () => {
    fixture = await boardFixture();
    const { sim } = fixture;
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    // No app registered: the simulator trusts the claims without checking the signature.
    const jwt = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 1, iat: now - 30, exp: now + 500 })}.c2ln`;
    const token = async () => ((await (await fetch(`${sim.apiBase}/app/installations/${ORG_INSTALLATION}/access_tokens`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } })).json()) as any).permissions;
    expect(await token()).toMatchObject({ organization_projects: 'write' });
    sim.setProjectsPermission(ORG_INSTALLATION, 'none');
    expect(await token()).not.toHaveProperty('organization_projects');
  });

  it('with read access only, reads work and mutations are refused', async () => {
    fixture = await boardFixture();
    const { sim, project, nodeIds } = fixture;
    sim.setProjectsPermission(ORG_INSTALLATION, 'read');
    expect((await rawGraphql(sim, { query: READ, variables: { login: ORG, number: 3, cursor: null } })).json.errors).toBeUndefined();
    const add = await rawGraphql(sim, { query: ADD, variables: { projectId: project.id, contentId: nodeIds.get(1) } });
    expect(add.json.errors[0]).toMatchObject({ type: 'FORBIDDEN' });
  });

  it('refuses another installation\'s project', async () => {
    fixture = await boardFixture();
    const { sim } = fixture;
    sim.seedRepository({ owner: 'other-org', repo: 'x', installationId: 93, organization: true });
    const response = await fetch(`${sim.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `token ${sim.createInstallationToken(93)}` },
      body: JSON.stringify({ query: '{ organization(login: "octo-org") { projectV2(number: 3) { id } } }' }),
    });
    expect(((await response.json()) as any).errors[0]).toMatchObject({ type: 'FORBIDDEN', message: 'Resource not accessible by integration' });
  });
});

describe('moveCard: a person moves a card', () => {
  async function receiver(): Promise<{ url: string; received: Array<{ event: string; body: any }> }> {
    const received: Array<{ event: string; body: any }> = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ event: String(req.headers['x-github-event']), body: JSON.parse(body) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, received };
  }

  it('changes the Status and delivers projects_v2_item.edited with changes.field_value to a subscribed app', async () => {
    fixture = await boardFixture();
    const { sim, octokit, project, nodeIds } = fixture;
    const itemId = ((await octokit.graphql(ADD, { projectId: project.id, contentId: nodeIds.get(1) })) as any).addProjectV2ItemById.item.id;
    await octokit.graphql(SET, { projectId: project.id, itemId, fieldId: project.fields.Status.id, value: { singleSelectOptionId: project.fields.Status.options.Todo } });
    const target = await receiver();
    const relay = new WebhookRelay(sim, { url: target.url, secret: 's', events: ['issues', 'projects_v2_item'], appEvents: false });
    sim.moveCard(ORG, 3, 1, 'In Progress', { as: 'octocat' });
    await relay.idle();
    expect(sim.projectBoard(ORG, 3).columns.find((column) => column.status === 'In Progress')!.cards.map((card) => card.issue)).toEqual([1]);
    expect(target.received).toHaveLength(1);
    const { event, body } = target.received[0];
    expect(event).toBe('projects_v2_item');
    expect(body).toMatchObject({
      action: 'edited',
      projects_v2_item: { node_id: itemId, project_node_id: project.id, content_node_id: nodeIds.get(1), content_type: 'Issue' },
      changes: {
        field_value: {
          field_node_id: project.fields.Status.id,
          field_type: 'single_select',
          field_name: 'Status',
          project_number: 3,
          from: { id: project.fields.Status.options.Todo, name: 'Todo' },
          to: { id: project.fields.Status.options['In Progress'], name: 'In Progress' },
        },
      },
      organization: { login: ORG },
      sender: { login: 'octocat', type: 'User' },
      installation: { id: ORG_INSTALLATION },
    });
    relay.stop();
  });

  it('sends nothing to an app not subscribed to projects_v2_item, nor for a user\'s project', async () => {
    fixture = await boardFixture();
    const { sim, octokit, project, nodeIds } = fixture;
    await octokit.graphql(ADD, { projectId: project.id, contentId: nodeIds.get(1) });
    const target = await receiver();
    const relay = new WebhookRelay(sim, { url: target.url, secret: 's', events: ['issues'] });
    sim.moveCard(ORG, 3, 1, 'Done');
    await relay.idle();
    expect(target.received).toEqual([]);
    relay.stop();

    // GitHub sends projects_v2_item for organisation Projects only.
    sim.seedRepository({ owner: 'mona', repo: 'notes', installationId: 92 });
    const mine = sim.createProject({ owner: 'mona', number: 1, title: 'Mine', fields: [{ name: 'Status', dataType: 'SINGLE_SELECT', options: ['Todo', 'Done'] }] });
    const created = await fetch(`${sim.apiBase}/repos/mona/notes/issues`, { method: 'POST', headers: { authorization: `token ${sim.createInstallationToken(92)}` }, body: JSON.stringify({ title: 'Note' }) });
    const note = (await created.json()) as { number: number; node_id: string };
    await fetch(`${sim.url}/graphql`, { method: 'POST', headers: { authorization: `token ${sim.createInstallationToken(92)}` }, body: JSON.stringify({ query: ADD, variables: { projectId: mine.id, contentId: note.node_id } }) });
    const before = sim.events.length;
    sim.moveCard('mona', 1, note.number, 'Done');
    expect(sim.projectBoard('mona', 1).columns.find((column) => column.status === 'Done')!.cards).toHaveLength(1);
    expect(sim.events.length).toBe(before);
  });

  it('sends nothing when the installation lacks the projects permission', async () => {
    fixture = await boardFixture();
    const { sim, octokit, project, nodeIds } = fixture;
    await octokit.graphql(ADD, { projectId: project.id, contentId: nodeIds.get(1) });
    sim.setProjectsPermission(ORG_INSTALLATION, 'none');
    const before = sim.events.length;
    sim.moveCard(ORG, 3, 1, 'Done', { repo: `${ORG_REPO.owner}/${ORG_REPO.repo}` });
    expect(sim.events.length).toBe(before);
  });
});
