// An organisation with one repository, a few issues and a Project shaped like planbot's board, plus
// an installation client: what the GraphQL tests share.
import { Octokit } from '@octokit/rest';
import { startSimulator, type CreatedProject, type GitHubSimulator, type SimulatorOptions } from '../../tools/sim/index.js';

export const ORG = 'octo-org';
export const ORG_REPO = { owner: ORG, repo: 'app' };
export const ORG_INSTALLATION = 91;

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export interface BoardFixture {
  sim: GitHubSimulator;
  octokit: Octokit;
  project: CreatedProject;
  /** REST `node_id` of each issue, by number. */
  nodeIds: Map<number, string>;
}

export async function boardFixture(options: SimulatorOptions = {}, issues = 3): Promise<BoardFixture> {
  const sim = await startSimulator(options);
  sim.seedRepository({ ...ORG_REPO, installationId: ORG_INSTALLATION, organization: true });
  const octokit = new Octokit({ auth: sim.createInstallationToken(ORG_INSTALLATION), baseUrl: sim.apiBase, log: silent });
  const nodeIds = new Map<number, string>();
  for (let index = 1; index <= issues; index += 1) {
    const { data } = await octokit.rest.issues.create({ ...ORG_REPO, title: `Phase ${index}` });
    nodeIds.set(data.number, data.node_id);
  }
  const project = sim.createProject({
    owner: ORG,
    number: 3,
    title: 'Roadmap',
    fields: [
      { name: 'Status', dataType: 'SINGLE_SELECT', options: ['Todo', 'In Progress', 'Done'] },
      { name: 'Phase', dataType: 'NUMBER' },
      { name: 'Feature', dataType: 'TEXT' },
      { name: 'Target date', dataType: 'DATE' },
      { name: 'Iteration', dataType: 'ITERATION', iterations: [{ title: 'Sprint 12', startDate: '2026-12-01', duration: 14 }, { title: 'Sprint 13', startDate: '2026-12-15', duration: 14 }] },
    ],
  });
  // Creating the issues sent webhooks and logged requests; the tests look only at what follows.
  sim.events.length = 0;
  sim.requests.length = 0;
  return { sim, octokit, project, nodeIds };
}

export const ADD = `mutation Add($projectId: ID!, $contentId: ID!) {
  addProjectV2ItemById(input: { projectId: $projectId, contentId: $contentId }) { item { id } }
}`;

export const SET = `mutation Set($projectId: ID!, $itemId: ID!, $fieldId: ID!, $value: ProjectV2FieldValue!) {
  updateProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId, value: $value }) { projectV2Item { id } }
}`;

export const CLEAR = `mutation Clear($projectId: ID!, $itemId: ID!, $fieldId: ID!) {
  clearProjectV2ItemFieldValue(input: { projectId: $projectId, itemId: $itemId, fieldId: $fieldId }) { projectV2Item { id } }
}`;

/** POSTs a GraphQL body as-is and returns status and JSON (octokit would throw on `errors`). */
export async function rawGraphql(sim: GitHubSimulator, body: unknown, path = '/graphql'): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { authorization: `token ${sim.createInstallationToken(ORG_INSTALLATION)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json(), headers: response.headers };
}
