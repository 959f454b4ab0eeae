import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { Writable } from 'node:stream';
import { deliveryLog, featureOfKey } from '../../src/logging/delivery-log.js';

describe('deliveryLog', () => {
  it('puts delivery id, event, action, repository and feature on every line', () => {
    const lines: any[] = [];
    const sink = new Writable({
      write(chunk, _e, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const delivery = { id: 'abc-123', name: 'pull_request', payload: { action: 'opened', repository: { full_name: 'acme/web' } } };
    deliveryLog(pino(sink), delivery, 'acme/web#001-user-auth').info('work');
    expect(lines[0]).toMatchObject({
      deliveryId: 'abc-123',
      event: 'pull_request',
      action: 'opened',
      repository: 'acme/web',
      feature: '001-user-auth',
      msg: 'work',
    });
  });

  it('has no feature for repository-wide keys', () => {
    expect(featureOfKey('acme/web')).toBeUndefined();
    expect(featureOfKey('acme/web#20261123-101500-export')).toBe('20261123-101500-export');
  });
});
