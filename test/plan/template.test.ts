import { describe, expect, it } from '@jest/globals';
import { analysePlan, renderTemplate, SEED_TEMPLATE, titleCase } from '../../src/plan/index.js';

const variables = { feature: '001-user-auth', number: '001', slug: 'user-auth', date: '2026-11-23' };

describe('renderTemplate', () => {
  it('fills the seed: name, id, date and spec link, and nothing else', () => {
    const rendered = renderTemplate(SEED_TEMPLATE, variables);
    const lines = rendered.split('\n');
    expect(lines[0]).toBe('# Implementation Plan: User Auth');
    expect(lines[2]).toBe('**Branch**: `001-user-auth` | **Date**: 2026-11-23 | **Spec**: [spec.md](./spec.md)');
    // Only lines 1 and 3 change.
    const original = SEED_TEMPLATE.split('\n');
    expect(lines.filter((line, i) => line !== original[i]).length).toBe(2);
    const model = analysePlan(rendered, { file: 'specs/001-user-auth/plan.md' });
    expect(model.feature).toBe('001-user-auth');
    expect(model.placeholders.map((p) => p.text)).not.toEqual(expect.arrayContaining(['[FEATURE NAME]', '[DATE]', '[###-feature-name]', '[link to spec.md]']));
    expect(model.placeholders).toHaveLength(17);
    expect(model.placeholders.filter((p) => p.text === '[X days]')).toHaveLength(4);
  });

  it("fills spec-kit's tokens: [FEATURE], [###-feature-name], [###-feature], [DATE], [link]", () => {
    const template = [
      '# Implementation Plan: [FEATURE]',
      '**Branch**: `[###-feature-name]` | **Date**: [DATE] | **Spec**: [link]',
      '**Input**: Feature specification from `/specs/[###-feature-name]/spec.md`',
      '```text',
      'specs/[###-feature]/',
      '```',
      '**Language/Version**: [e.g., Python 3.11 or NEEDS CLARIFICATION]',
    ].join('\n');
    expect(renderTemplate(template, { ...variables, specLink: '../spec.md' })).toBe(
      [
        '# Implementation Plan: User Auth',
        '**Branch**: `001-user-auth` | **Date**: 2026-11-23 | **Spec**: [spec.md](../spec.md)',
        '**Input**: Feature specification from `/specs/001-user-auth/spec.md`',
        '```text',
        'specs/001-user-auth/',
        '```',
        '**Language/Version**: [e.g., Python 3.11 or NEEDS CLARIFICATION]',
      ].join('\n'),
    );
  });

  it('leaves real links and definitions alone', () => {
    const template = 'See [link](https://x.y) and [DATE](#date).\n\n[link]: https://example.com';
    expect(renderTemplate(template, variables)).toBe(template);
  });

  it('takes names literally, `$` included', () => {
    expect(renderTemplate('[FEATURE NAME] [###-feature-name]', { feature: '002-$&-cost', number: '002', slug: '$&-cost', date: '2026-01-01' })).toBe(
      '$& Cost 002-$&-cost',
    );
  });

  it('names timestamp features by their slug', () => {
    expect(renderTemplate('# [FEATURE NAME]', { feature: '20261123-101500-export', number: '20261123-101500', slug: 'export', date: '2026-11-23' })).toBe('# Export');
  });
});

describe('titleCase', () => {
  it('turns slugs into names', () => {
    expect(titleCase('user-auth')).toBe('User Auth');
    expect(titleCase('a--b_c d')).toBe('A B C D');
    expect(titleCase('')).toBe('');
  });
});
