import { describe, expect, it } from '@jest/globals';
import { applyActions } from '../../src/sync/apply-actions.js';
import { noIssues } from '../../src/sync/actual.js';
import { planActions } from '../../src/sync/plan-actions.js';
import { MemoryGitHub } from '../helpers/memory-github.js';
import { desiredFor } from './desired-input.js';
import type { NewIssue } from '../../src/github/github.js';

const where = { owner: 'acme', repo: 'web' };
const PLAN = '# Plan\n\n### Phase 1: A\n- [ ] a\n\n### Phase 2: B\n**Dependencies**: Phase 1\n- [ ] b\n';

function logger() {
  const lines: Array<{ level: string; message: string; fields: object }> = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, message, fields });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as any };
}

describe('applyActions', () => {
  it('drops assignees or a milestone GitHub refuses, with a warning, rather than losing the issue', async () => {
    const github = new MemoryGitHub();
    github.fail('createIssue', 422, { errors: [{ field: 'assignees', code: 'invalid' }] });
    github.fail('createIssue', 422, { errors: [{ field: 'milestone', code: 'invalid' }] });
    const desired = { ...desiredFor(PLAN), milestone: 9 };
    const { log, lines } = logger();
    const result = await applyActions(github, where, planActions(desired, noIssues()), { log, deliveryId: 'd-1' });
    const creates = github.callsOf('createIssue');
    expect(creates.map((call) => call.result)).toEqual(['error', 'error', 'ok', 'ok', 'ok']);
    // No assignees / no milestone: the boundary sends neither field.
    expect(creates.map((call) => [(call.args[1] as NewIssue).assignees, (call.args[1] as NewIssue).milestone])).toEqual([[['octocat'], 9], [[], 9], [[], null], [['octocat'], 9], [['octocat'], 9]]);
    expect(lines.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      'GitHub refused the assignees; creating the issue without them',
      'GitHub refused the milestone; creating the issue without it',
    ]);
    expect(result.writes).toBe(3 + 2 + 2 + 1);
  });

  it('a link GitHub refuses (the issue already has another parent) is recorded as refused and not retried', async () => {
    const github = new MemoryGitHub();
    const desired = desiredFor(PLAN);
    const plan = planActions(desired, noIssues());
    // Another tool grabs phase 1's issue as its sub-issue between create and link.
    github.fail('addSubIssue', 422, { errors: [{ message: 'Sub issue may only have one parent' }], match: (args) => args[1] === 3 });
    const { log, lines } = logger();
    const result = await applyActions(github, where, plan, { log, deliveryId: 'd-2' });
    expect(result.outcome.children.get('phase:1')).toBe('refused');
    expect(result.outcome.children.get('phase:2')).toBe('linked');
    expect(github.callsOf('addSubIssue').map((call) => [call.args[1], call.args[2], call.result])).toEqual([[3, 5001, 'error'], [3, 5002, 'ok']]);
    expect(github.issue(3).body.split('\n').at(-1)).toBe('<!-- planbot:links sub=2 blocked_by=2:1 refused_sub=1 phases=1:1,2:2 -->');
    expect(lines.map((line) => line.message)).toContain('GitHub refused a link between planbot issues; it stays in the issue bodies');
  });
});
