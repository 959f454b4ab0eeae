// Who is calling: GitHub App JWTs (RS256, checked against the registered public key) for the
// `/app` endpoints, installation access tokens for everything else.
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { HttpError } from './router.js';

export interface AppRegistration {
  appId: number;
  slug: string;
  name: string;
  publicKey: KeyObject | null;
}

export interface InstallationToken {
  token: string;
  installationId: number;
  appId: number;
  expiresAt: number;
}

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
/** GitHub tolerates small clock drift; octokit backdates `iat` by 30 s. */
const CLOCK_SKEW_S = 60;

export class AuthRegistry {
  private readonly apps = new Map<number, AppRegistration>();
  private readonly tokens = new Map<string, InstallationToken>();

  registerApp(options: { appId: number; publicKeyPem?: string; slug?: string; name?: string }): AppRegistration {
    const registration: AppRegistration = {
      appId: options.appId,
      slug: options.slug ?? 'planbot',
      name: options.name ?? options.slug ?? 'planbot',
      publicKey: options.publicKeyPem ? createPublicKey(options.publicKeyPem) : null,
    };
    this.apps.set(options.appId, registration);
    return registration;
  }

  app(appId: number): AppRegistration | undefined {
    return this.apps.get(appId);
  }

  /** The single registered app, or a default one, for tests that never register. */
  defaultApp(): AppRegistration {
    return this.apps.values().next().value ?? { appId: 1, slug: 'planbot', name: 'planbot', publicKey: null };
  }

  /**
   * Checks an app JWT: RS256, signed by the registered key, `iss` = app id, not expired.
   * Without a registered app the signature cannot be checked, so the claims alone are trusted.
   */
  verifyJwt(jwt: string): AppRegistration {
    const parts = jwt.split('.');
    if (parts.length !== 3) throw new HttpError(401, 'A JSON web token could not be decoded');
    let header: any;
    let claims: any;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new HttpError(401, 'A JSON web token could not be decoded');
    }
    if (header.alg !== 'RS256') throw new HttpError(401, `'alg' must be RS256, got ${String(header.alg)}`);
    const appId = Number(claims.iss);
    if (!Number.isInteger(appId)) throw new HttpError(401, "'Issuer' claim ('iss') must be an Integer");
    const nowS = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp < nowS - CLOCK_SKEW_S) throw new HttpError(401, "'Expiration time' claim ('exp') is too far in the past");
    if (typeof claims.iat !== 'number' || claims.iat > nowS + CLOCK_SKEW_S) throw new HttpError(401, "'Issued at' claim ('iat') must be an Integer representing a time in the past");
    if (claims.exp - claims.iat > 600 + CLOCK_SKEW_S) throw new HttpError(401, "'Expiration time' claim ('exp') is too far in the future");
    const registered = this.apps.get(appId);
    if (this.apps.size > 0 && !registered) throw new HttpError(401, 'Integration not found');
    if (registered?.publicKey) {
      const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
      const good = verify('RSA-SHA256', signed, registered.publicKey, Buffer.from(parts[2], 'base64url'));
      if (!good) throw new HttpError(401, 'A JSON web token could not be decoded');
    }
    return registered ?? { ...this.defaultApp(), appId };
  }

  issueToken(installationId: number, appId: number): InstallationToken {
    const token: InstallationToken = {
      token: `ghs_${randomBytes(18).toString('base64url')}`,
      installationId,
      appId,
      expiresAt: Date.now() + TOKEN_LIFETIME_MS,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  /** The installation behind an `Authorization: token …` / `Bearer …` header; 401 when unknown or expired. */
  installationFor(token: string): InstallationToken {
    const found = this.tokens.get(token);
    if (!found || found.expiresAt < Date.now()) throw new HttpError(401, 'Bad credentials');
    return found;
  }

  reset(): void {
    this.tokens.clear();
  }
}

/** Splits `Authorization: token X` / `Bearer X`. */
export function credentialsOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(value ?? '');
  return match ? match[1] : null;
}

/** JWTs have three base64url parts; installation tokens have none of those dots. */
export function looksLikeJwt(credentials: string): boolean {
  return credentials.split('.').length === 3;
}
