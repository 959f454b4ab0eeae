import { beforeEach, describe, expect, it } from '@jest/globals';
import { applyActions } from '../../src/sync/apply-actions.js';
import { noIssues } from '../../src/sync/actual.js';
import { planActions } from '../../src/sync/plan-actions.js';
import { resetNock, testOctokit } from '../helpers/probot.js';
import { FakeGitHub } from './fake-github.js';
import { desiredFor } from './desired-input.js';

const where = { owner: 'acme', repo: 'web' };
const octokit = () => new (testOctokit())({ auth: { token: 't' } } as any) as any;
const PLAN = '# Plan\n\n### Phase 1: A\n- [ ] a\n\n### Phase 2: B\n**Dependencies**: Phase 1\n- [ ] b\n';

function logger() {
  const lines: Array<{ level: string; message: string; fields: object }> = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, message, fields });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as any };
}

beforeEach(resetNock);

describe('applyActions', () => {
  it('drops assignees or a milestone GitHub refuses, with a warning, rather than losing the issue', async () => {
    const fake = new FakeGitHub().install();
    fake.faults.push(
      { method: 'POST', path: /^\/repos\/acme\/web\/issues$/, status: 422, body: { message: 'Validation Failed', errors: [{ field: 'assignees', code: 'invalid' }] } },
      { method: 'POST', path: /^\/repos\/acme\/web\/issues$/, status: 422, body: { message: 'Validation Failed', errors: [{ field: 'milestone', code: 'invalid' }] } },
    );
    const desired = { ...desiredFor(PLAN), milestone: 9 };
    const { log, lines } = logger();
    const result = await applyActions(octokit(), where, planActions(desired, noIssues()), { log, deliveryId: 'd-1' });
    expect(fake.lines((request) => request.path === '/repos/acme/web/issues')).toEqual([
      'POST /repos/acme/web/issues → 422',
      'POST /repos/acme/web/issues → 422',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
    ]);
    const creates = fake.writes().filter((request) => request.path === '/repos/acme/web/issues').map((request) => [request.body.assignees, request.body.milestone]);
    expect(creates).toEqual([[['octocat'], 9], [undefined, 9], [undefined, undefined], [['octocat'], 9], [['octocat'], 9]]);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      'GitHub refused the assignees; creating the issue without them',
      'GitHub refused the milestone; creating the issue without it',
    ]);
    expect(result.writes).toBe(3 + 2 + 2 + 1);
  });

  it('a link GitHub refuses (the issue already has another parent) is recorded as refused and not retried', async () => {
    const fake = new FakeGitHub().install();
    const desired = desiredFor(PLAN);
    const plan = planActions(desired, noIssues());
    // Another tool grabs phase 1's issue as its sub-issue between create and link.
    fake.faults.push({ method: 'POST', path: /\/issues\/3\/sub_issues$/, status: 422, body: { message: 'Validation Failed', errors: [{ message: 'Sub issue may only have one parent' }] } });
    const { log, lines } = logger();
    const result = await applyActions(octokit(), where, plan, { log, deliveryId: 'd-2' });
    expect(result.outcome.children.get('phase:1')).toBe('refused');
    expect(result.outcome.children.get('phase:2')).toBe('linked');
    expect(fake.issue(3).body.split('\n').at(-1)).toBe('<!-- planbot:links sub=2 blocked_by=2:1 refused_sub=1 phases=1:1,2:2 -->');
    expect(lines.map((line) => line.message)).toContain('GitHub refused a link between planbot issues; it stays in the issue bodies');
  });
});
