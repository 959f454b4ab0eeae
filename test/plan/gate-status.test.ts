import { describe, expect, it } from '@jest/globals';
import { classifyGateStatus } from '../../src/plan/index.js';

describe('classifyGateStatus', () => {
  it.each([
    // The table.
    ['✅', 'pass'], ['PASS', 'pass'], ['Done', 'pass'], ['Verified', 'pass'], ['Met', 'pass'],
    ['❌', 'fail'], ['🔴', 'fail'], ['FAIL', 'fail'], ['Violation', 'fail'],
    // Blocked waits on something: pending (issue 15's `⏸️ BLOCKED`), no longer fail.
    ['Blocked', 'pending'],
    ['⬜', 'pending'], ['Pending', 'pending'], ['TODO', 'pending'], ['Not started', 'pending'], ['In progress', 'pending'], ['', 'pending'],
    ['⚠️', 'warn'], ['WARN', 'warn'], ['Partial', 'warn'],
    ['N/A', 'waived'], ['Waived', 'waived'], ['Skipped', 'waived'],
    // The first recognised token decides.
    ['⚠️ Requires auth state management for protected routes', 'warn'],
    ['✅ 100% (6,779/6,779)', 'pass'],
    ['NOT STARTED', 'pending'],
    ['PARTIALLY IMPLEMENTED', 'warn'],
    ['⏭️ SKIP', 'waived'],
    ['⏳', 'pending'],
    ['🟡 80% COMPLETE (Blocked)', 'pending'],
    ['🟠 at risk', 'warn'],
    ['VERIFIED (local: 98 tests, migration check, security review)', 'pass'],
    ['✅ (from scaffold 002)', 'pass'],
    ['⬜ PENDING', 'pending'],
    ['✅ 通过', 'pass'],
    ['Not met', 'fail'],
    ['APPROVED WITH WARNINGS', 'warn'],
    ['Blocked, then done', 'pending'],
    ['done but blocked', 'pass'],
    // Issue 15: a status word decides; a symbol only when the cell has no word.
    ['⚠️ PENDING', 'pending'], ['⚠️ FAIL (3 files over due to inline tests)', 'fail'], ['❌ **NOT STARTED**', 'pending'],
    ['❌ NOT VERIFIED', 'pending'], ['⚠️ **IN PROGRESS**', 'pending'], ['⏸️ BLOCKED', 'pending'], ['🟡 SOFT', 'warn'],
    ['✅ PASS (with notes)', 'pass'], ['⚠️ Partial', 'warn'], ['⚠️ ACCEPTABLE', 'warn'], ['N/A — no UI', 'waived'],
    ['✅ 該当なし', 'waived'], ['⚠️ **VIOLATION** (Justified)', 'warn'], ['✅✅', 'pass'], ['🟡', 'pending'],
    // A completion word after a percentage below 100 is work in progress.
    ['🟡 80% COMPLETE', 'pending'], ['100% complete', 'pass'], ['45,5 % done', 'pending'], ['80%完成', 'pending'],
    // Negations in scripts without spaces win over the word they contain.
    ['未通过', 'fail'], ['已通过', 'pass'], ['不合格', 'fail'], ['合格', 'pass'], ['未完了', 'pending'],
    ['не пройдено', 'fail'], ['пройдено', 'pass'], ['nicht bestanden', 'fail'], ['bestanden', 'pass'],
    // Emphasis, case and spacing are ignored.
    ['**PASS**', 'pass'], ['_in   progress_', 'pending'], ['~~FAIL~~ pass', 'fail'], ['`n/a`', 'waived'], ['not-started', 'pending'],
    // Words stand alone: "met" is not in "metrics", "pass" not in "password".
    ['metrics collected', 'unknown'], ['password rotated', 'unknown'],
    ['-', 'pending'], ['—', 'pending'],
    ['Looks fine to me', 'unknown'], ['42', 'unknown'],
  ])('%j is %s', (raw, expected) => {
    expect(classifyGateStatus(raw)).toBe(expected);
  });

  it('extends the vocabulary from configuration, case-insensitively, with multi-word phrases', () => {
    const vocabulary = { pass: ['Shipped', 'signed and sealed'], fail: ['nope'], waived: ['descoped'] };
    expect(classifyGateStatus('shipped to prod', vocabulary)).toBe('pass');
    expect(classifyGateStatus('SIGNED AND SEALED', vocabulary)).toBe('pass');
    expect(classifyGateStatus('Nope.', vocabulary)).toBe('fail');
    expect(classifyGateStatus('Descoped for v1', vocabulary)).toBe('waived');
    expect(classifyGateStatus('shipped to prod')).toBe('unknown');
  });

  it('lets configured words override built-in ones', () => {
    expect(classifyGateStatus('Done')).toBe('pass');
    expect(classifyGateStatus('Done', { pending: ['done'] })).toBe('pending');
  });

  it('prefers the longest phrase at the same position', () => {
    expect(classifyGateStatus('not started yet', { fail: ['not'] })).toBe('pending');
    expect(classifyGateStatus('not at all', { fail: ['not'] })).toBe('fail');
  });

  it('keeps CJK statuses working without word boundaries', () => {
    expect(classifyGateStatus('测试通过')).toBe('pass');
    expect(classifyGateStatus('未着手')).toBe('pending');
  });
});
