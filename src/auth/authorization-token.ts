/**
 * A Blue Button access token with what BB2 sends beside it. Immutable: a refresh gives a new instance.
 */
import { InvalidResponseError } from '../errors/request-errors.js';
import type { ApiVersion } from '../types.js';

/**
 * The stored form (`toJSON()`): BB2's snake_case fields plus `expires_at` (epoch ms) and `version`.
 * `fromJSON` also reads the Node SDK's token data and the Python SDK's `get_dict()` output.
 */
export interface AuthorizationTokenJSON {
  access_token: string;
  refresh_token?: string | undefined;
  token_type: string;
  expires_in: number;
  /** Epoch ms (this SDK and the Node SDK) or an ISO string (the Python SDK). */
  expires_at: number | string;
  /** Space-separated (as BB2 sends it) or an array. */
  scope: string | readonly string[];
  patient: string;
  access_grant_expiration?: string | null | undefined;
  version?: ApiVersion | undefined;
}

/**
 * What `cms-bluebutton-sdk` (the official Node SDK, 1.0.13) keeps in its `AuthorizationToken` and what
 * `JSON.stringify` of one gives: camelCase, `expiresAt` in epoch ms, `scope` as BB2 sent it, no version.
 */
export interface NodeSdkTokenJSON {
  accessToken: string;
  refreshToken?: string | undefined;
  tokenType?: string | undefined;
  expiresIn?: number | undefined;
  expiresAt: number;
  scope?: string | readonly string[] | undefined;
  patient?: string | undefined;
}

/** `scope` as BB2 sends it (space-separated) or as an array (some stores and the Node SDK's type). */
function scopeList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string' && s !== '');
  return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [];
}

const SCOPE_ACTIONS = /^(patient\/[A-Za-z]+)\.(read|rs|r|s)$/;

/** `patient/X.read` and `.rs` grant read and search; `.r` read; `.s` search (SMART v1 vs v2 names). */
function scopeGrants(scope: string): string[] {
  const m = SCOPE_ACTIONS.exec(scope);
  if (!m) return [scope];
  const [, resource, action] = m;
  if (action === 'read' || action === 'rs') return [`${resource}.r`, `${resource}.s`];
  return [`${resource}.${action}`];
}

/**
 * Parses `access_grant_expiration` in both of BB2's formats (`2025-09-05 19:17:53Z` before 2026-07,
 * `2025-09-05T19:17:53Z` since); `""` (research apps: no expiry) and garbage give undefined.
 */
export function parseGrantExpiration(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const d = new Date(value.trim().replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

interface TokenFields {
  accessToken: string;
  refreshToken: string | undefined;
  tokenType: string;
  expiresIn: number;
  expiresAt: number;
  scope: readonly string[];
  patient: string;
  accessGrantExpiration: Date | undefined;
  version: ApiVersion;
}

export class AuthorizationToken {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly tokenType: string;
  /** Seconds, as BB2 sent it (may be fractional). */
  readonly expiresIn: number;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly scope: readonly string[];
  /** The beneficiary's FHIR Patient id for `version`. */
  readonly patient: string;
  /** When the beneficiary's data-access grant ends (13-month and one-time apps); undefined for research apps. */
  readonly accessGrantExpiration: Date | undefined;
  /** The API version whose token endpoint issued it. */
  readonly version: ApiVersion;

  private constructor(fields: TokenFields) {
    this.accessToken = fields.accessToken;
    this.refreshToken = fields.refreshToken;
    this.tokenType = fields.tokenType;
    this.expiresIn = fields.expiresIn;
    this.expiresAt = fields.expiresAt;
    this.scope = Object.freeze([...fields.scope]);
    this.patient = fields.patient;
    this.accessGrantExpiration = fields.accessGrantExpiration;
    this.version = fields.version;
    // Keep the secrets out of enumeration so util.inspect and spreading do not print them.
    Object.defineProperty(this, 'accessToken', { enumerable: false });
    Object.defineProperty(this, 'refreshToken', { enumerable: false });
    Object.freeze(this);
  }

  /**
   * Builds a token from a token endpoint's JSON body.
   * @throws {InvalidResponseError} INVALID_RESPONSE when a required field is missing or mistyped.
   */
  static fromResponse(
    body: unknown,
    version: ApiVersion,
    now: number,
    url = 'token endpoint',
  ): AuthorizationToken {
    const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const problems: string[] = [];
    const str = (k: string) => (typeof b[k] === 'string' && b[k] ? (b[k] as string) : void problems.push(k));
    const accessToken = str('access_token');
    const expiresIn =
      typeof b.expires_in === 'number' && Number.isFinite(b.expires_in) ? b.expires_in : undefined;
    if (expiresIn === undefined) problems.push('expires_in');
    if (problems.length || !accessToken || expiresIn === undefined) {
      throw new InvalidResponseError(url, 200, `token response lacks ${problems.join(', ')}`);
    }
    return new AuthorizationToken({
      accessToken,
      refreshToken: typeof b.refresh_token === 'string' && b.refresh_token ? b.refresh_token : undefined,
      tokenType: typeof b.token_type === 'string' ? b.token_type : 'Bearer',
      expiresIn,
      expiresAt: now + Math.round(expiresIn * 1000),
      scope: scopeList(b.scope),
      patient: typeof b.patient === 'string' ? b.patient : '',
      accessGrantExpiration: parseGrantExpiration(b.access_grant_expiration),
      version,
    });
  }

  /**
   * Restores a token saved with `toJSON()`, or one saved by the official Node SDK (its camelCase
   * `AuthorizationToken`, as an instance or as `JSON.stringify` wrote it) or the Python SDK (`get_dict()`).
   * Their tokens carry no version: pass the one they were used with (default 2).
   * @throws {InvalidResponseError} INVALID_RESPONSE when the data is not a token.
   */
  static fromJSON(
    json: AuthorizationTokenJSON | NodeSdkTokenJSON | string,
    defaultVersion: ApiVersion = 2,
  ): AuthorizationToken {
    let j: unknown = json;
    if (typeof json === 'string') {
      try {
        j = JSON.parse(json);
      } catch {
        // No cause: V8's SyntaxError quotes the input, which is the stored token.
        throw new InvalidResponseError('stored token', 0, 'not a token: the string is not valid JSON');
      }
    }
    const o = typeof j === 'object' && j !== null ? (j as Record<string, unknown>) : {};
    // This SDK and the Python SDK write snake_case; the Node SDK camelCase. Both are read, snake_case first.
    const field = (snake: string, camel: string) => (o[snake] !== undefined ? o[snake] : o[camel]);
    const rawExpiresAt = field('expires_at', 'expiresAt');
    const expiresAt =
      typeof rawExpiresAt === 'number'
        ? rawExpiresAt
        : typeof rawExpiresAt === 'string'
          ? Date.parse(rawExpiresAt)
          : NaN;
    const accessToken = field('access_token', 'accessToken');
    if (typeof accessToken !== 'string' || !accessToken || Number.isNaN(expiresAt)) {
      throw new InvalidResponseError(
        'stored token',
        0,
        'not a token: access_token (or accessToken) and expires_at (or expiresAt) are required',
      );
    }
    const refreshToken = field('refresh_token', 'refreshToken');
    const tokenType = field('token_type', 'tokenType');
    const expiresIn = field('expires_in', 'expiresIn');
    const version = o.version === 1 || o.version === 2 || o.version === 3 ? o.version : defaultVersion;
    return new AuthorizationToken({
      accessToken,
      refreshToken: typeof refreshToken === 'string' && refreshToken ? refreshToken : undefined,
      tokenType: typeof tokenType === 'string' && tokenType ? tokenType : 'Bearer',
      expiresIn: typeof expiresIn === 'number' && Number.isFinite(expiresIn) ? expiresIn : 0,
      expiresAt,
      scope: scopeList(o.scope),
      patient: typeof o.patient === 'string' ? o.patient : '',
      accessGrantExpiration: parseGrantExpiration(field('access_grant_expiration', 'accessGrantExpiration')),
      version,
    });
  }

  /** True when the token expires within `skewMs` from `now` (default: already expired). */
  isExpired(skewMs = 0, now: number = Date.now()): boolean {
    return now + skewMs >= this.expiresAt;
  }

  /**
   * True when the granted scopes cover `scope`; SMART v1 and v2 names are equivalent
   * (`patient/Patient.read` = `.rs` = `.r` + `.s`).
   */
  hasScope(scope: string): boolean {
    const granted = new Set(this.scope.flatMap(scopeGrants));
    return scopeGrants(scope).every((s) => granted.has(s));
  }

  /** The stored form, secrets included: persist it somewhere safe (see `TokenStore`), never log it. */
  toJSON(): AuthorizationTokenJSON {
    return {
      access_token: this.accessToken,
      refresh_token: this.refreshToken,
      token_type: this.tokenType,
      expires_in: this.expiresIn,
      expires_at: this.expiresAt,
      scope: this.scope.join(' '),
      patient: this.patient,
      access_grant_expiration: this.accessGrantExpiration?.toISOString(),
      version: this.version,
    };
  }

  toString(): string {
    return `AuthorizationToken(v${this.version}, patient [redacted], expires ${new Date(this.expiresAt).toISOString()})`;
  }

  /** util.inspect: everything but the secrets. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AuthorizationToken { version: ${this.version}, tokenType: '${this.tokenType}', accessToken: '[redacted]', refreshToken: ${this.refreshToken ? "'[redacted]'" : 'undefined'}, expiresAt: ${new Date(this.expiresAt).toISOString()}, scope: [${this.scope.map((s) => `'${s}'`).join(', ')}] }`;
  }
}
