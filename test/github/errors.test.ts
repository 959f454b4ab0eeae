// Reading GitHub's refusals (status, message, `errors` entries) and refusing file content planbot
// must not parse.
import { describe, expect, it } from '@jest/globals';
import { isLabelError, mentions, statusOf } from '../../src/github/errors.js';
import { decodeUtf8, decodeUtf8Lenient } from '../../src/github/decode.js';

const httpError = (status: number, data: object) => Object.assign(new Error((data as any).message ?? 'x'), { status, response: { data } });

describe('GitHub refusals', () => {
  it('statusOf: only a numeric status counts', () => {
    expect(statusOf(httpError(409, {}))).toBe(409);
    expect(statusOf(Object.assign(new Error('x'), { status: '500' }))).toBeUndefined();
    expect(statusOf(new Error('network'))).toBeUndefined();
    expect(statusOf(undefined)).toBeUndefined();
  });

  it('mentions: the message, GitHub\'s message, and each `errors` entry (string or object)', () => {
    const error = httpError(422, { message: 'Validation Failed', errors: ['plain words', { resource: 'Label', code: 'already_exists' }] });
    expect(mentions(error, /already_exists/)).toBe(true);
    expect(mentions(error, /plain words/)).toBe(true);
    expect(mentions(error, /Validation Failed/)).toBe(true);
    expect(mentions(error, /missing/)).toBe(false);
    expect(mentions(new Error('just a message'), /just/)).toBe(true);
  });

  it('isLabelError: a 422 or 404 about labels, and nothing else', () => {
    expect(isLabelError(httpError(422, { message: 'Validation Failed', errors: [{ resource: 'Label', field: 'labels', code: 'invalid' }] }))).toBe(true);
    expect(isLabelError(httpError(404, { message: 'Label does not exist' }))).toBe(true);
    expect(isLabelError(httpError(422, { message: 'Validation Failed', errors: [{ field: 'assignees', code: 'invalid' }] }))).toBe(false);
    expect(isLabelError(httpError(500, { message: 'label' }))).toBe(false);
  });
});

describe('decoding file content', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);

  it('strict: UTF-8 text only; a NUL byte or an invalid sequence is refused', () => {
    expect(decodeUtf8('a.md', new TextEncoder().encode('héllo'))).toBe('héllo');
    expect(() => decodeUtf8('a.md', bytes(0x61, 0, 0x62))).toThrow('a.md is not valid UTF-8 text');
    expect(() => decodeUtf8('a.md', bytes(0xc3, 0x28))).toThrow(expect.objectContaining({ name: 'NotTextError', path: 'a.md' }));
  });

  it('lenient: a stray byte becomes U+FFFD and is marked lossy; binary data is still refused', () => {
    expect(decodeUtf8Lenient('a.md', bytes(0x61, 0xff))).toEqual({ text: 'a\uFFFD', lossy: true });
    expect(decodeUtf8Lenient('a.md', bytes(0x61))).toEqual({ text: 'a', lossy: false });
    expect(() => decodeUtf8Lenient('a.md', bytes(0x61, 0))).toThrow('a.md is not a text file (binary data)');
  });
});
