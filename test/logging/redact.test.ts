import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { Writable } from 'node:stream';
import { CENSOR, withRedaction } from '../../src/logging/redact.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: pino({ level: 'debug' }, sink) };
}

describe('withRedaction', () => {
  it('redacts authorization headers and tokens, including inside a logged Octokit error', () => {
    const { lines, log } = capture();
    const error = Object.assign(new Error('Bad credentials'), {
      status: 401,
      request: { method: 'GET', url: 'https://api.github.com/x', headers: { authorization: 'token ghs_SECRET1' } },
    });
    withRedaction(log)
      .child({ deliveryId: 'd1' })
      .error(
        {
          err: error,
          headers: { authorization: 'Bearer eyJSECRET2' },
          req: { headers: { authorization: 'token ghs_SECRET3', 'x-github-event': 'push' } },
          token: 'ghs_SECRET4',
          installation: { token: 'ghs_SECRET5', id: 7 },
          privateKey: '-----BEGIN RSA PRIVATE KEY-----SECRET6',
          webhookSecret: 'SECRET7',
        },
        'request failed',
      );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/SECRET/);
    const line = JSON.parse(lines[0]);
    expect(line.err.request.headers.authorization).toBe(CENSOR);
    expect(line.headers.authorization).toBe(CENSOR);
    expect(line.req.headers).toEqual({ authorization: CENSOR, 'x-github-event': 'push' });
    expect(line.installation).toEqual({ token: CENSOR, id: 7 });
    // What is not secret stays readable.
    expect(line).toMatchObject({ deliveryId: 'd1', msg: 'request failed', err: { status: 401, message: 'Bad credentials' } });
  });

  it('keeps the level and bindings of the logger it wraps', () => {
    const { lines, log } = capture();
    const child = log.child({ name: 'probot' });
    withRedaction(child).debug({ token: 'x' }, 'hello');
    expect(JSON.parse(lines[0])).toMatchObject({ name: 'probot', level: 20, token: CENSOR, msg: 'hello' });
  });
});
