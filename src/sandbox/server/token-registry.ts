/**
 * The sandbox's OAuth state for its one registered application: pending consents, authorization codes,
 * data-access grants (one per beneficiary) and access/refresh tokens. v1 and v2 share tokens; v3 tokens
 * are a separate family, as BB2's crosswalk keeps separate v2 and v3 patient ids.
 */
import type { SandboxAppType } from '../sandbox-types.js';
import { randomId, randomToken } from './ids.js';

export type TokenFamily = 'v2' | 'v3';

export function familyOf(version: number): TokenFamily {
  return version === 3 ? 'v3' : 'v2';
}

export interface PendingConsent {
  readonly id: string;
  readonly version: number;
  readonly redirectUri: string;
  readonly state: string;
  /** undefined: no `scope` parameter, so the app's default scopes apply. */
  readonly requestedScopes: readonly string[] | undefined;
  readonly codeChallenge: string;
}

export interface AuthCodeRecord {
  readonly version: number;
  readonly beneficiary: number;
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly expiresAt: number;
}

export interface GrantRecord {
  readonly beneficiary: number;
  readonly grantedAt: number;
  /** undefined: never expires (research apps). */
  expiresAt: number | undefined;
}

export interface AccessTokenRecord {
  readonly value: string;
  readonly family: TokenFamily;
  readonly beneficiary: number;
  readonly scopes: readonly string[];
  expiresAt: number;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  readonly value: string;
  readonly family: TokenFamily;
  readonly beneficiary: number;
  readonly scopes: readonly string[];
  accessToken: string | undefined;
  /** Rotated (used once) or revoked: still known to the server, so reuse is `invalid_grant`. */
  revoked: boolean;
}

export interface IssuedTokens {
  readonly access: AccessTokenRecord;
  readonly refresh: RefreshTokenRecord;
}

/** django-oauth-toolkit's `AUTHORIZATION_CODE_EXPIRE_SECONDS` default. */
const CODE_LIFETIME_MS = 60_000;
const MAX_PENDING = 1000;

export type TokenRegistry = ReturnType<typeof createTokenRegistry>;

export function createTokenRegistry(now: () => number, appType: SandboxAppType, tokenExpiresIn: number) {
  const pending = new Map<string, PendingConsent>();
  const codes = new Map<string, AuthCodeRecord>();
  const grants = new Map<number, GrantRecord>();
  const accessTokens = new Map<string, AccessTokenRecord>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();

  function revokeAllOf(beneficiary: number): void {
    for (const token of accessTokens.values()) if (token.beneficiary === beneficiary) token.revoked = true;
    for (const token of refreshTokens.values()) if (token.beneficiary === beneficiary) token.revoked = true;
  }

  function issueTokens(family: TokenFamily, beneficiary: number, scopes: readonly string[]): IssuedTokens {
    const access: AccessTokenRecord = {
      value: randomToken(),
      family,
      beneficiary,
      scopes,
      expiresAt: now() + tokenExpiresIn * 1000,
      revoked: false,
    };
    const refresh: RefreshTokenRecord = {
      value: randomToken(),
      family,
      beneficiary,
      scopes,
      accessToken: access.value,
      revoked: false,
    };
    accessTokens.set(access.value, access);
    refreshTokens.set(refresh.value, refresh);
    return { access, refresh };
  }

  return {
    addPending(consent: Omit<PendingConsent, 'id'>): PendingConsent {
      if (pending.size >= MAX_PENDING) {
        const oldest = pending.keys().next().value;
        if (oldest !== undefined) pending.delete(oldest);
      }
      const record = { ...consent, id: randomId() };
      pending.set(record.id, record);
      return record;
    },
    pending: (id: string) => pending.get(id),
    takePending(id: string): PendingConsent | undefined {
      const record = pending.get(id);
      pending.delete(id);
      return record;
    },

    issueCode(record: Omit<AuthCodeRecord, 'expiresAt'>): string {
      for (const [code, old] of codes) if (old.expiresAt <= now()) codes.delete(code);
      const code = randomToken();
      codes.set(code, { ...record, expiresAt: now() + CODE_LIFETIME_MS });
      return code;
    },
    /** An unexpired code; it stays usable until {@link consumeCode} (django-oauth-toolkit deletes on success). */
    findCode(code: string): AuthCodeRecord | undefined {
      const record = codes.get(code);
      return record !== undefined && record.expiresAt > now() ? record : undefined;
    },
    consumeCode(code: string): void {
      codes.delete(code);
    },

    grant: (beneficiary: number) => grants.get(beneficiary),
    grantState(beneficiary: number): 'active' | 'expired' | 'missing' {
      const grant = grants.get(beneficiary);
      if (grant === undefined) return 'missing';
      return grant.expiresAt !== undefined && grant.expiresAt <= now() ? 'expired' : 'active';
    },
    /** A consent (re)creates the grant; declining demographics also resets earlier tokens, as BB2 does. */
    recordConsent(beneficiary: number, resetTokens: boolean): GrantRecord {
      if (resetTokens) revokeAllOf(beneficiary);
      const grantedAt = now();
      const expiresAt = appType === 'THIRTEEN_MONTH' ? addMonthsUtc(grantedAt, 13) : undefined;
      const grant: GrantRecord = { beneficiary, grantedAt, expiresAt };
      grants.set(beneficiary, grant);
      return grant;
    },
    expireGrant(beneficiary: number): boolean {
      const grant = grants.get(beneficiary);
      if (grant !== undefined) grant.expiresAt = now();
      return grant !== undefined;
    },
    /** The grant is deleted and every token of the beneficiary dies with it. */
    revokeGrant(beneficiary: number): void {
      grants.delete(beneficiary);
      revokeAllOf(beneficiary);
    },

    issueTokens,
    access: (value: string) => accessTokens.get(value),
    refresh: (value: string) => refreshTokens.get(value),
    accessState(record: AccessTokenRecord): 'live' | 'expired' | 'revoked' {
      if (record.revoked) return 'revoked';
      return record.expiresAt <= now() ? 'expired' : 'live';
    },
    /** Refresh-token rotation: the old refresh token and its access token stop working. */
    rotate(old: RefreshTokenRecord, scopes: readonly string[]): IssuedTokens {
      old.revoked = true;
      if (old.accessToken !== undefined) this.revokeAccess(old.accessToken);
      return issueTokens(old.family, old.beneficiary, scopes);
    },
    revokeAccess(value: string): void {
      const record = accessTokens.get(value);
      if (record !== undefined) record.revoked = true;
    },
    /** RFC 7009 on a refresh token also revokes its access token (django-oauth-toolkit). */
    revokeRefresh(value: string): void {
      const record = refreshTokens.get(value);
      if (record === undefined) return;
      record.revoked = true;
      if (record.accessToken !== undefined) this.revokeAccess(record.accessToken);
    },
    expireAccess(value: string): void {
      const record = accessTokens.get(value);
      if (record !== undefined) record.expiresAt = Math.min(record.expiresAt, now());
    },
    expireAllAccess(): void {
      const t = now();
      for (const record of accessTokens.values()) record.expiresAt = Math.min(record.expiresAt, t);
    },
  };
}

/** `relativedelta(months=+13)`: same day of month, clamped to the month's last day. */
export function addMonthsUtc(epochMs: number, months: number): number {
  const date = new Date(epochMs);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/** `YYYY-MM-DDTHH:MM:SSZ`, BB2's `access_grant_expiration` format since 2026-07. */
export function formatGrantExpiration(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
