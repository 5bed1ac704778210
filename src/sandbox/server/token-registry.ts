/**
 * The sandbox's OAuth state across its registered apps: pending consents, authorization codes,
 * data-access grants (one per app and beneficiary) and access/refresh tokens. v1 and v2 share tokens; v3
 * tokens are a separate family, as BB2's crosswalk keeps separate v2 and v3 patient ids.
 */
import { randomId, randomToken } from './ids.js';
import type { RegisteredApp } from './settings.js';

export type TokenFamily = 'v2' | 'v3';

export function familyOf(version: number): TokenFamily {
  return version === 3 ? 'v3' : 'v2';
}

export interface PendingConsent {
  readonly id: string;
  readonly clientId: string;
  readonly version: number;
  readonly redirectUri: string;
  readonly state: string;
  /** undefined: no `scope` parameter, so the app's default scopes apply. */
  readonly requestedScopes: readonly string[] | undefined;
  readonly codeChallenge: string;
}

export interface AuthCodeRecord {
  readonly clientId: string;
  readonly version: number;
  readonly beneficiary: number;
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly expiresAt: number;
}

export interface GrantRecord {
  readonly clientId: string;
  readonly beneficiary: number;
  readonly grantedAt: number;
  /** undefined: never expires (research apps). */
  expiresAt: number | undefined;
}

export interface AccessTokenRecord {
  readonly value: string;
  readonly clientId: string;
  /** The API version whose consent issued it (a later consent there cancels it). */
  readonly version: number;
  readonly family: TokenFamily;
  readonly beneficiary: number;
  readonly scopes: readonly string[];
  expiresAt: number;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  readonly value: string;
  readonly clientId: string;
  readonly version: number;
  readonly family: TokenFamily;
  readonly beneficiary: number;
  readonly scopes: readonly string[];
  accessToken: string | undefined;
  /** Rotated (used once) or revoked: still known to the server, so reuse is `invalid_grant`. */
  revoked: boolean;
  /** A later consent of the same beneficiary to the same app cancelled it (bb2-api 9, "Grants"). */
  cancelled: boolean;
}

export interface IssuedTokens {
  readonly access: AccessTokenRecord;
  /** undefined for `ten-hours` apps, which BB2 gives no refresh token. */
  readonly refresh: RefreshTokenRecord | undefined;
}

/** django-oauth-toolkit's `AUTHORIZATION_CODE_EXPIRE_SECONDS` default. */
const CODE_LIFETIME_MS = 60_000;
const TEN_HOURS_MS = 10 * 3600_000;
const MAX_PENDING = 1000;

export type TokenRegistry = ReturnType<typeof createTokenRegistry>;

const grantKey = (clientId: string, beneficiary: number): string => `${clientId}\n${beneficiary}`;

export function createTokenRegistry(now: () => number, tokenExpiresIn: number) {
  const pending = new Map<string, PendingConsent>();
  const codes = new Map<string, AuthCodeRecord>();
  const grants = new Map<string, GrantRecord>();
  const accessTokens = new Map<string, AccessTokenRecord>();
  const refreshTokens = new Map<string, RefreshTokenRecord>();

  const owns = (t: { clientId: string; beneficiary: number }, clientId: string | undefined, bene: number) =>
    t.beneficiary === bene && (clientId === undefined || t.clientId === clientId);

  function revokeAllOf(clientId: string | undefined, beneficiary: number): void {
    for (const token of accessTokens.values()) if (owns(token, clientId, beneficiary)) token.revoked = true;
    for (const token of refreshTokens.values()) if (owns(token, clientId, beneficiary)) token.revoked = true;
  }

  /**
   * BB2 deletes the earlier authorization's access tokens and cancels its refresh tokens. Only those of a
   * consent through the same API version: CMS observed it within one version (bb2-api 9), and an app
   * holding a v2 and a v3 (or v1) authorization for one beneficiary keeps both.
   */
  function cancelAllOf(clientId: string, beneficiary: number, version: number): void {
    const same = (t: AccessTokenRecord | RefreshTokenRecord) =>
      t.version === version && owns(t, clientId, beneficiary);
    for (const [value, token] of accessTokens) if (same(token)) accessTokens.delete(value);
    for (const token of refreshTokens.values()) {
      if (same(token)) {
        token.revoked = true;
        token.cancelled = true;
      }
    }
  }

  function issueTokens(
    app: RegisteredApp,
    version: number,
    beneficiary: number,
    scopes: readonly string[],
  ): IssuedTokens {
    const family = familyOf(version);
    const access: AccessTokenRecord = {
      value: randomToken(),
      clientId: app.clientId,
      version,
      family,
      beneficiary,
      scopes,
      expiresAt: now() + tokenExpiresIn * 1000,
      revoked: false,
    };
    accessTokens.set(access.value, access);
    if (app.kind === 'ten-hours') return { access, refresh: undefined };
    const refresh: RefreshTokenRecord = {
      value: randomToken(),
      clientId: app.clientId,
      version,
      family,
      beneficiary,
      scopes,
      accessToken: access.value,
      revoked: false,
      cancelled: false,
    };
    refreshTokens.set(refresh.value, refresh);
    return { access, refresh };
  }

  function grantsOf(clientId: string | undefined, beneficiary: number): GrantRecord[] {
    return [...grants.values()].filter((g) => owns(g, clientId, beneficiary));
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

    grant: (clientId: string, beneficiary: number) => grants.get(grantKey(clientId, beneficiary)),
    grantState(clientId: string, beneficiary: number): 'active' | 'expired' | 'missing' {
      const grant = grants.get(grantKey(clientId, beneficiary));
      if (grant === undefined) return 'missing';
      return grant.expiresAt !== undefined && grant.expiresAt <= now() ? 'expired' : 'active';
    },
    /** A consent (re)creates the grant and cancels what an earlier consent to the same app issued. */
    recordConsent(app: RegisteredApp, beneficiary: number, version: number): GrantRecord {
      cancelAllOf(app.clientId, beneficiary, version);
      const grantedAt = now();
      const grant: GrantRecord = {
        clientId: app.clientId,
        beneficiary,
        grantedAt,
        expiresAt: grantExpiry(app, grantedAt),
      };
      grants.set(grantKey(app.clientId, beneficiary), grant);
      return grant;
    },
    /** Whether the beneficiary had a grant to expire (to the app, or to any app). */
    expireGrant(beneficiary: number, clientId?: string): boolean {
      const found = grantsOf(clientId, beneficiary);
      for (const grant of found) grant.expiresAt = now();
      return found.length > 0;
    },
    /** The grant is deleted and every token of the beneficiary (for the app, or every app) dies with it. */
    revokeGrant(beneficiary: number, clientId?: string): void {
      for (const grant of grantsOf(clientId, beneficiary))
        grants.delete(grantKey(grant.clientId, beneficiary));
      revokeAllOf(clientId, beneficiary);
    },

    issueTokens,
    access: (value: string) => accessTokens.get(value),
    refresh: (value: string) => refreshTokens.get(value),
    accessState(record: AccessTokenRecord): 'live' | 'expired' | 'revoked' {
      if (record.revoked) return 'revoked';
      return record.expiresAt <= now() ? 'expired' : 'live';
    },
    /** Refresh-token rotation with no grace period: the old refresh token and its access token stop working. */
    rotate(app: RegisteredApp, old: RefreshTokenRecord, scopes: readonly string[]): IssuedTokens {
      old.revoked = true;
      if (old.accessToken !== undefined) this.revokeAccess(old.accessToken);
      return issueTokens(app, old.version, old.beneficiary, scopes);
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

function grantExpiry(app: RegisteredApp, grantedAt: number): number | undefined {
  if (app.kind === 'thirteen-months') return addMonthsUtc(grantedAt, 13);
  if (app.kind === 'ten-hours') return grantedAt + TEN_HOURS_MS;
  return undefined;
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
