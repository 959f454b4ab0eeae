import { describe, expect, it } from '@jest/globals';
import { escapeData, escapeProperty, workflowCommand } from '../../src/cli/workflow-commands.js';

describe('workflow commands', () => {
  it('escapes data: %, CR and LF', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
  });

  it('escapes properties: also : and ,', () => {
    expect(escapeProperty('C:\\plans\\a,b.md%\n')).toBe('C%3A\\plans\\a%2Cb.md%25%0A');
  });

  it('formats one annotation per line', () => {
    expect(workflowCommand({ severity: 'warning', file: 'specs/001-x/plan.md', line: 3, column: 7, title: 'planbot gate-pending', message: 'Gate “A” is pending' })).toBe(
      '::warning file=specs/001-x/plan.md,line=3,col=7,title=planbot gate-pending::Gate “A” is pending',
    );
    expect(workflowCommand({ severity: 'notice', file: 'a:b.md', line: 1, title: 't', message: 'm' })).toBe('::notice file=a%3Ab.md,line=1,title=t::m');
  });
});
