/**
 * Keeps one beneficiary's token fresh for a client. BB2 refresh tokens rotate and work once, so:
 * - a refresh is single-flight within the process, and so is its failure: N calls waiting on one refused
 *   refresh make one request and all get the same REAUTHORIZATION_REQUIRED; a refresh token BB2 refused
 *   is never sent again;
 * - across processes sharing a TokenStore, one process takes a lease and refreshes while the others wait
 *   and adopt the token it stored. Adoption is on trial: when BB2 refuses to refresh an adopted token (a
 *   re-consent cancelled the authorization it came from), the token in hand wins and is never replaced by
 *   that stored one again;
 * - the grant survives a failed save: a rotated token is used at once (the spent refresh token is never
 *   sent again) and written to the TokenStore whatever `onTokenRefresh` does; a failed store write or hook
 *   rejects the call with TOKEN_SAVE_FAILED carrying the new token, and is tried again before the next
 *   request;
 * - the caller's signal and deadline cover the token step: lease waits and backoffs end at once, and a
 *   refresh is not sent once the call is cancelled. A refresh already sent is let finish so its answer
 *   (the only copy of the new grant) is kept, while the cancelled caller stops waiting for it;
 * - after a 401 the token is refreshed once (forced), never in a loop.
 */
import { ReauthorizationRequiredError } from '../errors/oauth-error.js';
import { AuthorizationToken } from './authorization-token.js';
import { type CallContext, cancellation, pause, startCall, unboundedCall, within } from './call-context.js';
import type { TokenEndpoint } from './token-endpoint.js';
import { TokenSaveFailedError, type TokenSaveTarget, TokenStoreError } from './token-save-error.js';
import type { StoredToken, TokenStore } from './token-store.js';

type RefreshHook = (token: AuthorizationToken) => void | Promise<void>;

export interface TokenManagerSettings {
  readonly endpoint: TokenEndpoint;
  readonly store: TokenStore;
  /** Namespaces store keys (one BB2 application). */
  readonly clientId: string;
  readonly refreshOnExpire: boolean;
  readonly skewMs: number;
  readonly now: () => number;
  readonly onRefresh: readonly RefreshHook[];
  /** How long another process's lease is honoured before we refresh anyway. */
  readonly leaseMs?: number;
  /** The configured overall deadline of a call (`deadlineMs`), when the call names none. */
  readonly deadlineMs?: number | undefined;
  /** Lease waits and compare-and-set backoff (injectable so tests can record the delays). */
  readonly sleep?: (ms: number, call: CallContext) => Promise<void>;
}

export interface TokenManager {
  /** The latest token (after any refresh). */
  readonly token: AuthorizationToken;
  /** The context of one call: its signal and deadline (default the configured one), on the configured clock. */
  startCall(options: { readonly signal?: AbortSignal; readonly deadlineMs?: number }): CallContext;
  /** The token to send now: refreshed first when it expires within the skew (unless refresh is off). */
  current(call?: CallContext): Promise<AuthorizationToken>;
  /** After a 401 with `used`: refresh once unless someone already replaced it. Undefined when refresh is off. */
  afterUnauthorized(used: AuthorizationToken, call?: CallContext): Promise<AuthorizationToken | undefined>;
}

/** How the token step names itself in a TIMEOUT. */
const WHAT = 'token refresh';
/** First backoff after a lost compare-and-set (doubles, up to MAX_BACKOFF_MS); also the lease poll. */
const FIRST_BACKOFF_MS = 25;
const MAX_BACKOFF_MS = 1_000;
/** Lost compare-and-set races in a row before the store is reported as failing. */
const MAX_CONFLICTS = 8;

export const backoffMs = (n: number) => Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (n - 1));

export function storeKey(clientId: string, token: AuthorizationToken): string {
  return `bluebutton:${clientId}:v${token.version === 3 ? 3 : 2}:${token.patient}`;
}

/** One refresh in progress, shared by every call that needs it. */
interface Flight {
  promise: Promise<AuthorizationToken>;
  /** The call that started it: its cancellation before the POST ends the flight, not the others' calls. */
  readonly call: CallContext;
  cancelledWith?: unknown;
}

/** A rotated token whose saves failed: retried before the next request. */
interface Unsaved {
  readonly token: AuthorizationToken;
  store: boolean;
  hooks: RefreshHook[];
}

export function createTokenManager(initial: AuthorizationToken, s: TokenManagerSettings): TokenManager {
  /** What requests use: the token in hand, or one adopted from the store. */
  let token = initial;
  /** The token in hand: the one we were given or refreshed here, never one merely adopted. */
  let own = initial;
  /** Refresh tokens BB2 refused, with the refusal every later attempt gets without a request. */
  const refused = new Map<string, ReauthorizationRequiredError>();
  /** Access tokens of stored tokens BB2 refused to refresh: never adopted again. */
  const dead = new Set<string>();
  let flight: Flight | undefined;
  let unsaved: Unsaved | undefined;
  let saving: Promise<void> | undefined;
  const owner = `${s.clientId.slice(0, 8)}-${crypto.randomUUID()}`;
  const leaseMs = s.leaseMs ?? 30_000;
  const key = storeKey(s.clientId, initial);
  const sleep = s.sleep ?? ((ms: number, call: CallContext) => pause(ms, call, WHAT));
  const unbounded = unboundedCall(s.now);

  async function storeOp<T>(op: 'get' | 'compareAndSet', f: () => Promise<T>, when: string): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw new TokenStoreError(op, `threw ${when}`, e);
    }
  }
  const getRecord = (when: string) => storeOp('get', () => s.store.get(key), when);

  /** Writes `t` as the stored token whatever the record holds now (ours is the newest). */
  async function writeStore(t: AuthorizationToken, expected: StoredToken | undefined): Promise<void> {
    let exp = expected;
    for (let n = 1; ; n++) {
      const next: StoredToken = { token: t.toJSON(), revision: (exp?.revision ?? 0) + 1 };
      const when = 'while saving a refreshed token';
      if (await storeOp('compareAndSet', () => s.store.compareAndSet(key, exp, next), when)) return;
      if (n >= MAX_CONFLICTS) {
        throw new TokenStoreError('compareAndSet', `lost ${n} races in a row ${when}`);
      }
      await sleep(backoffMs(n), unbounded);
      exp = await getRecord(when);
    }
  }

  /** Runs hooks, each once; returns those that threw and the first error. */
  async function runHooks(t: AuthorizationToken, hooks: readonly RefreshHook[]) {
    const failed: RefreshHook[] = [];
    let error: unknown;
    for (const hook of hooks) {
      try {
        await hook(t);
      } catch (e) {
        if (!failed.length) error = e;
        failed.push(hook);
      }
    }
    return { failed, error };
  }

  function saveFailure(u: Unsaved, cause: unknown): TokenSaveFailedError {
    const failed: TokenSaveTarget[] = [];
    if (u.store) failed.push('tokenStore');
    if (u.hooks.length) failed.push('onTokenRefresh');
    return new TokenSaveFailedError(u.token, failed, cause);
  }

  /** A refresh succeeded: use the new token at once, then save it everywhere, reporting what failed. */
  async function land(fresh: AuthorizationToken, leased: StoredToken): Promise<AuthorizationToken> {
    token = fresh;
    own = fresh;
    let cause: unknown;
    let storeFailed = false;
    try {
      await writeStore(fresh, leased);
    } catch (e) {
      storeFailed = true;
      cause = e;
    }
    const hooks = await runHooks(fresh, s.onRefresh);
    if (!storeFailed && !hooks.failed.length) return fresh;
    const u: Unsaved = { token: fresh, store: storeFailed, hooks: hooks.failed };
    unsaved = u;
    throw saveFailure(u, cause ?? hooks.error);
  }

  /** Before a request: the saves that failed for the token in use are tried again (once for all callers). */
  async function retrySaves(): Promise<void> {
    const u = unsaved;
    if (!u || u.token !== token) {
      unsaved = undefined;
      return;
    }
    let cause: unknown;
    if (u.store) {
      try {
        await writeStore(u.token, await getRecord('while saving a refreshed token'));
        u.store = false;
      } catch (e) {
        cause = e;
      }
    }
    const hooks = await runHooks(u.token, u.hooks);
    u.hooks = hooks.failed;
    cause ??= hooks.error;
    if (!u.store && !u.hooks.length) {
      if (unsaved === u) unsaved = undefined;
      return;
    }
    throw saveFailure(u, cause);
  }

  function settleSaves(call: CallContext): Promise<void> | undefined {
    if (!unsaved) return undefined;
    saving ??= retrySaves().finally(() => {
      saving = undefined;
    });
    return within(saving, call, WHAT);
  }

  async function wait(ms: number, call: CallContext, f: Flight): Promise<void> {
    try {
      await sleep(ms, call);
    } catch (e) {
      f.cancelledWith = e;
      throw e;
    }
  }

  /** Refreshes `from` under a store lease; adopts a newer token another process stored instead. */
  async function coordinated(from: AuthorizationToken, call: CallContext, f: Flight) {
    let mine = from;
    // Waiting out another process's lease is normal (a dead worker's lease runs to its end); only lost
    // compare-and-sets count towards giving up, or a long lease would end a call that had only waited.
    let conflicts = 0;
    let leaseWaits = 0;
    for (;;) {
      const stop = cancellation(call, WHAT);
      if (stop !== undefined) {
        f.cancelledWith = stop;
        throw stop;
      }
      const rec = await getRecord('before a refresh; nothing was sent to the token endpoint');
      const theirs =
        rec && rec.token.access_token !== mine.accessToken && !dead.has(rec.token.access_token)
          ? AuthorizationToken.fromJSON(rec.token, mine.version)
          : undefined;
      // Only a newer token is adopted, and only one BB2 has not refused: after a re-consent the store can
      // still hold an earlier authorization's cancelled one.
      if (theirs && theirs.expiresAt > mine.expiresAt && !refused.has(theirs.refreshToken ?? '')) {
        if (!theirs.isExpired(s.skewMs, s.now())) {
          token = theirs;
          return theirs;
        }
        mine = theirs;
      }
      if (rec?.lease && rec.lease.owner !== owner && rec.lease.until > s.now()) {
        leaseWaits++;
        await wait(Math.max(1, Math.min(backoffMs(leaseWaits), rec.lease.until - s.now())), call, f);
        continue;
      }
      const leased: StoredToken = {
        token: rec?.token ?? mine.toJSON(),
        revision: (rec?.revision ?? 0) + 1,
        lease: { owner, until: s.now() + leaseMs },
      };
      const when = 'before a refresh; nothing was sent to the token endpoint';
      if (!(await storeOp('compareAndSet', () => s.store.compareAndSet(key, rec, leased), when))) {
        conflicts++;
        if (conflicts >= MAX_CONFLICTS) {
          throw new TokenStoreError('compareAndSet', `lost ${conflicts} races in a row ${when}`);
        }
        await wait(backoffMs(conflicts), call, f);
        continue;
      }
      let fresh: AuthorizationToken;
      try {
        fresh = await s.endpoint.refresh(mine);
      } catch (e) {
        if (e instanceof ReauthorizationRequiredError && mine.refreshToken) {
          refused.set(mine.refreshToken, e);
          if (mine.accessToken !== own.accessToken) dead.add(mine.accessToken);
        }
        // Best effort: if the store is down too, the lease simply ends at `until`; the refusal is what matters.
        await s.store
          .compareAndSet(key, leased, { token: leased.token, revision: leased.revision + 1 })
          .catch(() => false);
        throw e;
      }
      return land(fresh, leased);
    }
  }

  /** The token in hand can replace `from` (a stored token BB2 refused) if BB2 has not refused it too. */
  const canFallBack = (from: AuthorizationToken) =>
    from.accessToken !== own.accessToken && !!own.refreshToken && !refused.has(own.refreshToken);

  async function renew(from: AuthorizationToken, call: CallContext, f: Flight) {
    const known = from.refreshToken ? refused.get(from.refreshToken) : undefined;
    if (known === undefined) {
      try {
        return await coordinated(from, call, f);
      } catch (e) {
        if (!(e instanceof ReauthorizationRequiredError) || !canFallBack(from)) throw e;
      }
    } else if (!canFallBack(from)) {
      throw known;
    }
    // An adopted token was cancelled by BB2 (a newer authorization exists): the token in hand wins.
    token = own;
    return coordinated(own, call, f);
  }

  async function shared(call: CallContext): Promise<AuthorizationToken> {
    for (;;) {
      if (!flight) {
        if (!token.refreshToken && !canFallBack(token))
          throw new ReauthorizationRequiredError('no-refresh-token');
        const f: Flight = { call, promise: Promise.resolve(token) };
        f.promise = renew(token, call, f).finally(() => {
          if (flight === f) flight = undefined;
        });
        // A caller may stop waiting (its signal); the flight still settles, and is never unhandled.
        f.promise.catch(() => {});
        flight = f;
      }
      const f = flight;
      try {
        return await within(f.promise, call, WHAT);
      } catch (e) {
        // The call that started the flight was cancelled before sending anything: not ours to share.
        if (f.call !== call && f.cancelledWith !== undefined && f.cancelledWith === e) continue;
        throw e;
      }
    }
  }

  return {
    get token() {
      return token;
    },
    startCall(options) {
      return startCall(options, s.deadlineMs, s.now);
    },
    async current(call = unbounded) {
      await settleSaves(call);
      if (flight) return shared(call);
      if (s.refreshOnExpire && token.isExpired(s.skewMs, s.now())) return shared(call);
      return token;
    },
    async afterUnauthorized(used, call = unbounded) {
      if (!s.refreshOnExpire) return undefined;
      if (flight) return shared(call);
      if (token.accessToken !== used.accessToken) return token;
      return shared(call);
    },
  };
}
