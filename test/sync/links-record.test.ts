import { describe, expect, it } from '@jest/globals';
import { emptyLinksRecord, readLinksRecord, renderLinksRecord } from '../../src/sync/links-record.js';

describe('links record', () => {
  it('renders sorted, de-duplicated fields and reads them back', () => {
    const record = {
      children: [13, 11, 12, 11],
      blockedBy: [[13, 12], [12, 11]] as Array<[number, number]>,
      refusedChildren: [20],
      refusedBlockedBy: [[14, 20]] as Array<[number, number]>,
      unsupported: ['dependencies' as const],
      done: true,
      phases: new Map([
        [12, '1'],
        [11, '0'],
        [13, '2-a.1'],
      ]),
    };
    const line = renderLinksRecord(record);
    expect(line).toBe(
      '<!-- planbot:links sub=11,12,13 blocked_by=12:11,13:12 refused_sub=20 refused_blocked_by=14:20 unsupported=dependencies phases=11:0,12:1,13:2%2Da.1 done -->',
    );
    expect(readLinksRecord(`text\n${line}`)).toEqual({ ...record, children: [11, 12, 13], blockedBy: [[12, 11], [13, 12]] });
  });

  it('reads the last record line; a body without one has none', () => {
    expect(renderLinksRecord(emptyLinksRecord())).toBe('<!-- planbot:links -->');
    expect(readLinksRecord('<!-- planbot:links sub=1 -->\r\nmore\r\n<!-- planbot:links sub=2 -->\r\n')?.children).toEqual([2]);
    expect(readLinksRecord('no record')).toBeNull();
    expect(readLinksRecord('<!-- planbot:links sub=1 --> trailing')).toBeNull();
  });
});
