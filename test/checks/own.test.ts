import { describe, expect, it } from '@jest/globals';
import { configuredAppId, isOwnCheckRun } from '../../src/checks/own.js';

describe('isOwnCheckRun', () => {
  it('recognises planbot’s runs by name, whatever the app id', () => {
    expect(isOwnCheckRun({ name: 'planbot / plan', app: { id: 1 } }, null)).toBe(true);
  });

  it('recognises them by app id on the run or its suite when the id is known', () => {
    expect(isOwnCheckRun({ name: 'renamed', app: { id: 77 } }, 77)).toBe(true);
    expect(isOwnCheckRun({ name: 'renamed', check_suite: { app: { id: 77 } } }, 77)).toBe(true);
    expect(isOwnCheckRun({ name: 'coverage', app: { id: 5 }, check_suite: { app: { id: 5 } } }, 77)).toBe(false);
    expect(isOwnCheckRun({ name: 'coverage', app: { id: 5 } }, null)).toBe(false);
  });

  it('reads APP_ID from the environment', () => {
    expect(configuredAppId({ APP_ID: '123' })).toBe(123);
    expect(configuredAppId({})).toBeNull();
    expect(configuredAppId({ APP_ID: 'abc' })).toBeNull();
  });
});
