// Sub-phase issues are sub-issues of their phase's issue, not flat siblings under the tracking
// issue (GitHub allows several levels). Idempotent like every other link.
import { describe, expect, it } from '@jest/globals';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { defaultConfig } from '../../src/config/schema.js';
import { readMarker } from '../../src/sync/marker.js';
import type { Job } from '../../src/job/job.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { MemoryGitHub } from '../helpers/memory-github.js';
import { memoryJob } from '../helpers/memory-job.js';

const PLAN_PATH = 'specs/001-x/plan.md';
const PLAN = [
  '# Plan',
  '',
  '## Phase 1: Core',
  '',
  '- [ ] T001 Scaffold',
  '',
  '### 1.1 Engine',
  '',
  '- [ ] T002 Parser',
  '',
  '### 1.2 Storage',
  '',
  '- [ ] T003 Schema',
  '',
  '## Phase 2: Launch',
  '',
  '- [ ] T004 Announce',
  '',
].join('\n');

const TARGET: SyncTarget = { owner: 'acme', repo: 'web', feature: '001-x', planPath: PLAN_PATH, ref: '001-x', branchForLinks: '001-x', author: 'octocat' };

const job = (github: MemoryGitHub): Job => memoryJob(github, { id: 'nested-1', name: 'push', payload: pushPayload() });

/** acme/web with the plan on the feature branch, issues numbered from 11. */
function repository(plan: string): MemoryGitHub {
  return new MemoryGitHub({ firstNumber: 11 }).setConfig('{}\n').createBranch('001-x').setFile(PLAN_PATH, plan, '001-x');
}

describe('sub-phase issues nest under their phase’s issue', () => {
  it('links 1.1 and 1.2 under Phase 1’s issue, the top-level phases under the tracking issue; a second sync writes nothing', async () => {
    const github = repository(PLAN);
    const config = defaultConfig();
    const first = await syncFeature(job(github), TARGET, { config });
    expect(first.status).toBe('synced');

    const byPhase = (phase: string) => github.issues.find((issue) => readMarker(issue.body)?.phase === phase)!;
    const tracking = github.issues.find((issue) => readMarker(issue.body)?.tracking)!;
    expect(tracking.subIssues.sort()).toEqual([byPhase('1').number, byPhase('2').number].sort());
    expect(byPhase('1').subIssues.sort()).toEqual([byPhase('1.1').number, byPhase('1.2').number].sort());
    expect(byPhase('1.1').parent).toBe(byPhase('1').number);
    const links = github.writes().filter((write) => write.method === 'addSubIssue');
    expect(links).toHaveLength(4);

    const writes = github.writes().length;
    const second = await syncFeature(job(github), TARGET, { config });
    expect(second.status).toBe('unchanged');
    expect(github.writes()).toHaveLength(writes);
  });
});

describe('a phase that stops getting an issue of its own', () => {
  it('is closed as not planned with a comment that says why, not that it left the plan', async () => {
    const github = repository('# Plan\n\n## Phase 1: Build\n\n- [ ] T001 Scaffold\n\n## Phase 2: Launch\n\nAnnounce it.\n');
    const config = defaultConfig();
    await syncFeature(job(github), TARGET, { config: { ...config, issues: { ...config.issues, empty_phases: 'issue' } } });
    const phase2 = github.issues.find((issue) => readMarker(issue.body)?.phase === '2')!;
    expect(phase2.state).toBe('open');

    await syncFeature(job(github), TARGET, { config });
    expect(phase2).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(github.comments.filter((comment) => comment.issue === phase2.number).map((comment) => comment.body)).toEqual([
      'Phase 2 no longer gets an issue of its own (it has no tasks, or `issues.source` takes its tasks from another file), so planbot closed this issue as not planned. It reopens if the phase gets an issue again.',
    ]);
    const tracking = github.issues.find((issue) => readMarker(issue.body)?.tracking)!;
    expect(tracking.body).toContain('**Phases without tasks** (no issue of their own):\n\n- **2** Launch');
  });
});
