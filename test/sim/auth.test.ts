import { describe, expect, it } from '@jest/globals';
import { createSign } from 'node:crypto';
import { AuthRegistry, credentialsOf } from '../../tools/sim/auth.js';
import { generateAppKeyPair } from '../../tools/sim/keys.js';
import { HttpError } from '../../tools/sim/router.js';

const keys = generateAppKeyPair();
const otherKeys = generateAppKeyPair();

function jwt(privateKeyPem: string, claims: Record<string, unknown>, alg = 'RS256'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKeyPem).toString('base64url');
  return `${unsigned}.${signature}`;
}

const nowS = () => Math.floor(Date.now() / 1000);
const statusOf = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    return (error as HttpError).status;
  }
  return 200;
};

describe('AuthRegistry', () => {
  it('generates a PKCS#1 private key, the format GitHub hands out', () => {
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('accepts a JWT signed with the registered key and refuses any other', () => {
    const auth = new AuthRegistry();
    auth.registerApp({ appId: 12, publicKeyPem: keys.publicKeyPem });
    const claims = { iss: 12, iat: nowS() - 30, exp: nowS() + 540 };
    expect(auth.verifyJwt(jwt(keys.privateKeyPem, claims)).appId).toBe(12);
    expect(statusOf(() => auth.verifyJwt(jwt(otherKeys.privateKeyPem, claims)))).toBe(401);
    expect(statusOf(() => auth.verifyJwt(jwt(keys.privateKeyPem, { ...claims, iss: 13 })))).toBe(401);
    expect(statusOf(() => auth.verifyJwt(jwt(keys.privateKeyPem, { ...claims, exp: nowS() - 600, iat: nowS() - 1200 })))).toBe(401);
    expect(statusOf(() => auth.verifyJwt(jwt(keys.privateKeyPem, { ...claims, exp: nowS() + 3600 })))).toBe(401);
    expect(statusOf(() => auth.verifyJwt(jwt(keys.privateKeyPem, claims, 'HS256')))).toBe(401);
    expect(statusOf(() => auth.verifyJwt('not.a-jwt'))).toBe(401);
  });

  it('issues installation tokens and refuses unknown ones', () => {
    const auth = new AuthRegistry();
    const token = auth.issueToken(5, 12);
    expect(token.token).toMatch(/^ghs_/);
    expect(auth.installationFor(token.token).installationId).toBe(5);
    expect(statusOf(() => auth.installationFor('ghs_forged'))).toBe(401);
  });

  it('reads both Authorization schemes', () => {
    expect(credentialsOf('token abc')).toBe('abc');
    expect(credentialsOf('Bearer x.y.z')).toBe('x.y.z');
    expect(credentialsOf('Basic abc')).toBeNull();
    expect(credentialsOf(undefined)).toBeNull();
  });
});
