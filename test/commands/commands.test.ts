import { describe, expect, it } from '@jest/globals';
import { commandLabel, helpText, parseCommands } from '../../src/commands/commands.js';

const names = (body: string) => parseCommands(body).map((command) => command.name);

describe('parseCommands', () => {
  it('reads a command on its own line, in any case, with the rest of the line ignored', () => {
    expect(parseCommands('/planbot check')).toEqual([{ name: 'check', word: 'check', line: 1 }]);
    expect(names('/PlanBot SYNC please')).toEqual(['sync']);
  });

  it('reads several commands in order, each once', () => {
    expect(names('Thanks!\n/planbot sync\n/planbot check\n\n/planbot sync')).toEqual(['sync', 'check']);
  });

  it('needs the command at the start of a line: a mention inside a sentence is not a command', () => {
    expect(names('Could you run /planbot check later?')).toEqual([]);
    expect(names('see /planbotcheck')).toEqual([]);
  });

  it('ignores commands in fenced and indented code, inline code, quotes and HTML', () => {
    const body = [
      '```',
      '/planbot sync',
      '```',
      '',
      '    /planbot init',
      '',
      '`/planbot check`',
      '',
      '> /planbot sync',
      '> > /planbot check',
      '',
      '<!--',
      '/planbot init',
      '-->',
      '',
      '<details>',
      '/planbot sync',
      '</details>',
    ].join('\n');
    expect(parseCommands(body)).toEqual([]);
  });

  it('reads a command in a list item paragraph and after text in the same paragraph', () => {
    expect(names('- /planbot check')).toEqual(['check']);
    expect(names('Fixed the plan.\n/planbot check')).toEqual(['check']);
  });

  it('gives the line of each command', () => {
    expect(parseCommands('hello\n\n/planbot init').map((command) => command.line)).toEqual([3]);
  });

  it('treats a bare /planbot as help and an unknown word as unknown (keeping the word, made safe)', () => {
    expect(parseCommands('/planbot')).toEqual([{ name: 'help', word: '', line: 1 }]);
    expect(parseCommands('/planbot chekc')).toEqual([{ name: 'unknown', word: 'chekc', line: 1 }]);
    expect(parseCommands('/planbot a`b')[0].word).toBe('ab');
  });

  it('reads `sync --dry-run` as a dry run, distinct from `sync`, and the flag on no other command', () => {
    expect(parseCommands('/planbot sync --dry-run')).toEqual([{ name: 'sync', word: 'sync', line: 1, dryRun: true }]);
    expect(parseCommands('/planbot SYNC  --DRY-RUN please')[0].dryRun).toBe(true);
    expect(parseCommands('/planbot sync --dry-run\n/planbot sync').map(commandLabel)).toEqual(['sync --dry-run', 'sync']);
    expect(parseCommands('/planbot sync --dry-run\n/planbot sync --dry-run')).toHaveLength(1);
    expect(parseCommands('/planbot check --dry-run')).toEqual([{ name: 'check', word: 'check', line: 1 }]);
    expect(parseCommands('/planbot sync --dry-runs')[0].dryRun).toBeUndefined();
    expect(parseCommands('`/planbot sync --dry-run`')).toEqual([]);
  });

  it('handles CRLF comments and empty or missing bodies', () => {
    expect(names('hi\r\n/planbot check\r\n')).toEqual(['check']);
    expect(parseCommands('')).toEqual([]);
    expect(parseCommands(null)).toEqual([]);
  });
});

describe('helpText', () => {
  it('lists every command', () => {
    const text = helpText();
    for (const name of ['check', 'sync', 'init', 'help']) expect(text).toContain(`\`/planbot ${name}\``);
    expect(text).toContain('`--dry-run`');
    expect(text).not.toContain("I don't know");
  });

  it('names the unknown commands it was given', () => {
    expect(helpText(['chekc'])).toMatch(/^I don't know `\/planbot chekc`\./);
  });
});
