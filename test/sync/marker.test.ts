import { describe, expect, it } from '@jest/globals';
import { baseHash, encodeMarkerValue, readMarker, renderMarker, replaceMarker, type PlanbotMarker } from '../../src/sync/marker.js';

const phase: PlanbotMarker = { feature: '001-user-auth', phase: '1', tracking: false, source: 'plan', path: 'specs/001-user-auth/plan.md', branch: 'feat/001-user-auth' };

describe('planbot marker', () => {
  it('renders the documented first line and reads it back', () => {
    const line = renderMarker(phase);
    expect(line).toBe('<!-- planbot:v1 feature=001-user-auth phase=1 source=plan path=specs/001-user-auth/plan.md branch=feat/001-user-auth -->');
    expect(readMarker(`${line}\nbody`)).toEqual({ ...phase, pending: [], removed: false, closing: false });
  });

  it('renders the tracking marker and the optional flags', () => {
    expect(renderMarker({ ...phase, phase: null, tracking: true })).toBe(
      '<!-- planbot:v1 feature=001-user-auth tracking source=plan path=specs/001-user-auth/plan.md branch=feat/001-user-auth -->',
    );
    const flagged = renderMarker({ ...phase, source: 'tasks', pending: ['T003', 'set up ci, lint', 'T001'], removed: true, closing: true });
    expect(flagged).toBe(
      '<!-- planbot:v1 feature=001-user-auth phase=1 source=tasks path=specs/001-user-auth/plan.md branch=feat/001-user-auth pending=T001,T003,set%20up%20ci%2C%20lint removed closing -->',
    );
    expect(readMarker(flagged)).toMatchObject({ source: 'tasks', pending: ['T001', 'T003', 'set up ci, lint'], removed: true, closing: true });
  });

  it('records the synced base per task as short hashes, and reads it back', () => {
    const base = new Map([
      [baseHash('t001'), true],
      [baseHash('set up ci'), false],
    ]);
    const line = renderMarker({ ...phase, base });
    expect(line).toMatch(/ base=[0-9a-f]{8}x,[0-9a-f]{8}o -->$/);
    expect(readMarker(line)?.base).toEqual(base);
    expect(readMarker(renderMarker(phase))?.base).toBeUndefined();
  });

  it('encodes values so none can end the comment or add a field', () => {
    const hostile = { ...phase, feature: 'x-->y z=1', path: 'a b/--plan.md' };
    const line = renderMarker(hostile);
    expect(line.slice(0, -3)).not.toContain('-->');
    expect(line.match(/ feature=/g)).toHaveLength(1);
    expect(readMarker(line)).toMatchObject({ feature: 'x-->y z=1', path: 'a b/--plan.md' });
    expect(encodeMarkerValue('a---b')).not.toContain('--');
  });

  it('trusts only the first line, exactly as planbot writes it', () => {
    const line = renderMarker(phase);
    expect(readMarker(`Some text\n${line}`)).toBeNull();
    expect(readMarker(` ${line}`)).toBeNull();
    expect(readMarker(`${line}\r\nrest`)).toMatchObject({ feature: '001-user-auth' });
    expect(readMarker('<!-- planbot:v1 feature=001-x -->')).toBeNull();
    expect(readMarker('<!-- planbot:v1 feature=%E0 phase=1 path=p -->')).toBeNull();
    expect(readMarker('')).toBeNull();
  });

  it('replaceMarker rewrites only the first line and keeps CRLF bodies intact', () => {
    const body = `${renderMarker(phase)}\r\n- [x] T001 done\r\n`;
    const updated = replaceMarker(body, (marker) => ({ ...marker, pending: ['T001'] }));
    expect(updated).toBe(`${renderMarker({ ...phase, pending: ['T001'] })}\r\n- [x] T001 done\r\n`);
    expect(replaceMarker('no marker here', (marker) => marker)).toBe('no marker here');
  });
});
