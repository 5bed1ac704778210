/**
 * Keeps one beneficiary's token fresh for a client. BB2 refresh tokens rotate and work once, so:
 * - a refresh is single-flight within the process (100 concurrent calls on an expired token make one
 *   refresh request and all get its result);
 * - across processes sharing a TokenStore, one process takes a lease and refreshes while the others wait
 *   and adopt the token it stored;
 * - `onTokenRefresh` is awaited before the new token is used, so a crash cannot lose the only valid
 *   refresh token;
 * - after a 401 the token is refreshed once (forced), never in a loop.
 */
import { ReauthorizationRequiredError } from '../errors/oauth-error.js';
import { AuthorizationToken } from './authorization-token.js';
import type { TokenEndpoint } from './token-endpoint.js';
import type { StoredToken, TokenStore } from './token-store.js';

export interface TokenManagerSettings {
  readonly endpoint: TokenEndpoint;
  readonly store: TokenStore;
  /** Namespaces store keys (one BB2 application). */
  readonly clientId: string;
  readonly refreshOnExpire: boolean;
  readonly skewMs: number;
  readonly now: () => number;
  readonly onRefresh: readonly ((token: AuthorizationToken) => void | Promise<void>)[];
  /** How long another process's lease is honoured before we refresh anyway. */
  readonly leaseMs?: number;
}

export interface TokenManager {
  /** The latest token (after any refresh). */
  readonly token: AuthorizationToken;
  /** The token to send now: refreshed first when it expires within the skew (unless refresh is off). */
  current(): Promise<AuthorizationToken>;
  /** After a 401 with `used`: refresh once unless someone already replaced it. Undefined when refresh is off. */
  afterUnauthorized(used: AuthorizationToken): Promise<AuthorizationToken | undefined>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function storeKey(clientId: string, token: AuthorizationToken): string {
  return `bluebutton:${clientId}:v${token.version === 3 ? 3 : 2}:${token.patient}`;
}

export function createTokenManager(initial: AuthorizationToken, s: TokenManagerSettings): TokenManager {
  let token = initial;
  let inflight: Promise<AuthorizationToken> | undefined;
  const owner = `${s.clientId.slice(0, 8)}-${crypto.randomUUID()}`;
  const leaseMs = s.leaseMs ?? 30_000;
  const key = storeKey(s.clientId, initial);

  async function adopt(next: AuthorizationToken, refreshedHere: boolean): Promise<AuthorizationToken> {
    if (refreshedHere) for (const hook of s.onRefresh) await hook(next);
    token = next;
    return next;
  }

  /** Refreshes `from` under a store lease; adopts a newer token another process stored instead. */
  async function refreshCoordinated(from: AuthorizationToken): Promise<AuthorizationToken> {
    let mine = from;
    for (;;) {
      const rec = await s.store.get(key);
      const theirs =
        rec && rec.token.access_token !== mine.accessToken
          ? AuthorizationToken.fromJSON(rec.token, mine.version)
          : undefined;
      // Only a newer token is adopted: after a re-consent the store can still hold an older session's dead one.
      if (theirs && theirs.expiresAt > mine.expiresAt) {
        if (!theirs.isExpired(s.skewMs, s.now())) return adopt(theirs, false);
        mine = theirs;
      }
      if (rec?.lease && rec.lease.owner !== owner && rec.lease.until > s.now()) {
        await sleep(25);
        continue;
      }
      const leased: StoredToken = {
        token: rec?.token ?? mine.toJSON(),
        revision: (rec?.revision ?? 0) + 1,
        lease: { owner, until: s.now() + leaseMs },
      };
      if (!(await s.store.compareAndSet(key, rec, leased))) continue;
      let fresh: AuthorizationToken;
      try {
        fresh = await s.endpoint.refresh(mine);
      } catch (e) {
        await s.store.compareAndSet(key, leased, { token: leased.token, revision: leased.revision + 1 });
        throw e;
      }
      await adopt(fresh, true);
      // Ours is the newest token whatever happened to the lease; write it even if the lease was broken.
      const stored = { token: fresh.toJSON(), revision: leased.revision + 1 };
      if (!(await s.store.compareAndSet(key, leased, stored))) {
        const now = await s.store.get(key);
        await s.store.compareAndSet(key, now, { token: fresh.toJSON(), revision: (now?.revision ?? 0) + 1 });
      }
      return fresh;
    }
  }

  function refresh(from: AuthorizationToken): Promise<AuthorizationToken> {
    if (!from.refreshToken) return Promise.reject(new ReauthorizationRequiredError('no-refresh-token'));
    inflight ??= refreshCoordinated(from).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    get token() {
      return token;
    },
    async current() {
      if (inflight) return inflight;
      if (s.refreshOnExpire && token.isExpired(s.skewMs, s.now())) return refresh(token);
      return token;
    },
    async afterUnauthorized(used) {
      if (!s.refreshOnExpire) return undefined;
      if (inflight) return inflight;
      if (token.accessToken !== used.accessToken) return token;
      return refresh(token);
    },
  };
}
