/**
 * The grant survives what happens around a refresh, against a fake BB2 that cancels an authorization when
 * the beneficiary consents again (bb2-api.md section 9): a refused refresh is shared by every waiting call
 * and never sent again; a cancelled stored token does not win over the token in hand; a rotated token is
 * kept and saved whatever `onTokenRefresh` or the TokenStore does; the caller's signal and deadline cover
 * the token step. Times come from a driven clock; nothing here measures elapsed time.
 */
import {
  type AuthorizationToken,
  createMemoryTokenStore,
  isBlueButtonError,
  type StoredToken,
  type TokenStore,
} from 'bluebutton-ts';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { blueButtonAt, consent } from './helpers/connect.js';
import { type FakeBb2, startFakeBb2 } from './helpers/fake-bb2.js';

let fake: FakeBb2;
let clock: number;
const now = () => clock;
const HOUR = 3_600_000;
beforeEach(async () => {
  fake = await startFakeBb2();
  clock = Date.UTC(2026, 11, 1, 12);
});
afterEach(() => fake.close());

const keyOf = (t: AuthorizationToken) => `bluebutton:fake-client-id:v2:${t.patient}`;
const settled = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);
const bearers = () => fake.reads().map((r) => r.headers.authorization);
const refreshTokensSent = () => fake.refreshes().map((r) => r.form.get('refresh_token'));

/** The caller's abort surfaces as its reason (today's transport) or as a typed ABORTED carrying it. */
function isAbortOf(e: unknown, reason: unknown): boolean {
  return e === reason || (isBlueButtonError(e) && String(e.code) === 'ABORTED' && e.cause === reason);
}

describe('re-consent: a refused refresh, and a cancelled token in the store', () => {
  /**
   * Process 1 holds authorization A and refreshed it (A', stored, long-lived); the beneficiary then
   * consents again in process 2 (B), which cancels A'. B expires first: before the fix, process 2
   * adopted A' from the store (its expires_at was later), and every 401 refreshed A' again.
   */
  async function reconsented() {
    const store = createMemoryTokenStore();
    const p1 = blueButtonAt(fake, 2, { now, tokenStore: store });
    const a = await consent(fake, p1);
    clock += HOUR;
    fake.refreshExpiresIn = 36_000;
    await p1.client(a).v2.Coverage.search(); // A -> A', written to the store
    fake.refreshExpiresIn = 3600;
    const aPrime = (await store.get(keyOf(a)))?.token.access_token;
    clock += 60_000;
    const p2 = blueButtonAt(fake, 2, { now, tokenStore: store });
    const b = await consent(fake, p2); // cancels A'
    clock += HOUR; // B is due for a refresh; A' "expires" hours later
    return { store, p2, b, aPrime, before: fake.refreshes().length };
  }

  test("50 reads on the newer token: 50/50 succeed with 2 refresh requests, and A' is never adopted again", async () => {
    const { store, p2, b, aPrime, before } = await reconsented();
    const client = p2.client(b);
    const results = await settled(Array.from({ length: 50 }, () => client.v2.Coverage.search()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(50);
    // One refusal of A' (the stored token was tried once), then B's own refresh.
    const sent = refreshTokensSent().slice(before);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(b.refreshToken);
    expect(client.token.accessToken).not.toBe(aPrime);
    expect((await store.get(keyOf(b)))?.token.access_token).toBe(client.token.accessToken);
    // Later calls use B's successor; nothing more is refreshed.
    await client.v2.Coverage.search();
    expect(bearers().at(-1)).toBe(`Bearer ${client.token.accessToken}`);
    expect(fake.refreshes().length - before).toBe(2);
  });

  test('N calls waiting on one refused refresh: 1 request, all N get the same REAUTHORIZATION_REQUIRED, later calls too', async () => {
    const bb = blueButtonAt(fake, 2, { now });
    const old = await consent(fake, bb);
    await consent(fake, bb); // re-consent elsewhere cancels `old`
    clock += HOUR;
    const client = bb.client(old);
    const results = await settled(Array.from({ length: 50 }, () => client.v2.Coverage.search()));
    const reasons = results.map((r) => (r.status === 'rejected' ? r.reason : undefined));
    const first = reasons[0];
    expect(first).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED', reason: 'grant-revoked', status: 400 });
    for (const r of reasons) expect(r).toBe(first);
    expect(fake.refreshes()).toHaveLength(1);
    expect(fake.reads()).toHaveLength(0);
    // The refusal is remembered: the refresh token BB2 refused is never sent again.
    await expect(client.v2.Coverage.search()).rejects.toBe(first);
    expect(fake.refreshes()).toHaveLength(1);
  });

  test('50 reads with a cancelled but unexpired token: 50 401s, 1 refresh request, one typed failure for all', async () => {
    const bb = blueButtonAt(fake, 2, { now });
    const old = await consent(fake, bb);
    await consent(fake, bb);
    const client = bb.client(old);
    const results = await settled(Array.from({ length: 50 }, () => client.v2.Coverage.search()));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const reasons = new Set(results.map((r) => (r.status === 'rejected' ? r.reason : undefined)));
    expect(reasons.size).toBe(1);
    expect([...reasons][0]).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED', reason: 'grant-revoked' });
    expect(fake.reads()).toHaveLength(50);
    expect(fake.refreshes()).toHaveLength(1);
  });
});

describe('the grant survives a failed save', () => {
  test('onTokenRefresh throws once: the call gets TOKEN_SAVE_FAILED carrying the new token; it is stored and used next', async () => {
    const store = createMemoryTokenStore();
    const saved: string[] = [];
    let failures = 1;
    const bb = blueButtonAt(fake, 2, { now, tokenStore: store });
    const old = await consent(fake, bb);
    const client = bb.client(old, {
      onTokenRefresh: (t) => {
        saved.push(t.accessToken);
        if (failures-- > 0) throw new Error('database is down');
      },
    });
    clock += HOUR;
    const e = await client.v2.Coverage.search().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'TOKEN_SAVE_FAILED', failed: ['onTokenRefresh'] });
    const fresh = (e as { token: AuthorizationToken }).token;
    expect(fresh.accessToken).not.toBe(old.accessToken);
    expect(fresh.refreshToken).not.toBe(old.refreshToken);
    expect((e as Error).cause).toMatchObject({ message: 'database is down' });
    // The token is on the error for code, never in its text.
    expect(Object.keys(e as object)).not.toContain('token');
    for (const text of [JSON.stringify(e), (e as Error).message, String(e)]) {
      expect(text).not.toContain(fresh.accessToken);
      expect(text).not.toContain(fresh.refreshToken);
    }
    // Written to the store whatever the hook did, and in use at once.
    expect((await store.get(keyOf(old)))?.token.access_token).toBe(fresh.accessToken);
    expect(client.token.accessToken).toBe(fresh.accessToken);
    // The next call tries the hook again, then reads with the new token; the spent refresh token is not sent.
    await expect(client.v2.Coverage.search()).resolves.toMatchObject({ resourceType: 'Bundle' });
    expect(saved).toEqual([fresh.accessToken, fresh.accessToken]);
    expect(bearers().at(-1)).toBe(`Bearer ${fresh.accessToken}`);
    expect(refreshTokensSent()).toEqual([old.refreshToken]);
    // And the rotation after that works: the grant survived.
    clock += HOUR;
    await client.v2.Coverage.search();
    expect(refreshTokensSent()).toEqual([old.refreshToken, fresh.refreshToken]);
  });

  test('the TokenStore fails to write the rotated token: TOKEN_SAVE_FAILED, the hook still saved it, the write is retried', async () => {
    const memory = createMemoryTokenStore();
    let writesToFail = 0;
    const store: TokenStore = {
      get: (k) => memory.get(k),
      async compareAndSet(k, expected, next) {
        if (!next.lease && writesToFail-- > 0) throw new Error('ECONNREFUSED 127.0.0.1:5432');
        return memory.compareAndSet(k, expected, next);
      },
    };
    const hooked: string[] = [];
    const bb = blueButtonAt(fake, 2, { now, tokenStore: store });
    const old = await consent(fake, bb);
    const client = bb.client(old, { onTokenRefresh: (t) => void hooked.push(t.accessToken) });
    clock += HOUR;
    writesToFail = 1;
    const e = await client.v2.Coverage.search().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'TOKEN_SAVE_FAILED', failed: ['tokenStore'] });
    expect((e as Error).cause).toMatchObject({ code: 'TOKEN_STORE_FAILED', operation: 'compareAndSet' });
    const fresh = (e as { token: AuthorizationToken }).token;
    expect(hooked).toEqual([fresh.accessToken]);
    await expect(client.v2.Coverage.search()).resolves.toMatchObject({ resourceType: 'Bundle' });
    expect((await memory.get(keyOf(old)))?.token.access_token).toBe(fresh.accessToken);
    expect(hooked).toEqual([fresh.accessToken]);
    expect(fake.refreshes()).toHaveLength(1);
  });

  test('a store outage before the refresh is TOKEN_STORE_FAILED, not the driver error; nothing is sent', async () => {
    const driver = new Error('connect ECONNREFUSED 127.0.0.1:6379');
    const store: TokenStore = {
      get: async () => {
        throw driver;
      },
      compareAndSet: async () => {
        throw driver;
      },
    };
    const bb = blueButtonAt(fake, 2, { now, tokenStore: store });
    const old = await consent(fake, bb);
    const client = bb.client(old);
    clock += HOUR;
    const e = await client.v2.Coverage.search().catch((x: unknown) => x);
    expect(isBlueButtonError(e)).toBe(true);
    expect(e).toMatchObject({ code: 'TOKEN_STORE_FAILED', operation: 'get' });
    expect((e as Error).cause).toBe(driver);
    expect(fake.refreshes()).toHaveLength(0);
    expect(fake.reads()).toHaveLength(0);
    expect(client.token).toBe(old);
  });
});

describe("the caller's signal and deadline cover the token step", () => {
  /** A store where another process holds the lease for ten minutes; `onGet` runs on every read. */
  function leasedStore(token: AuthorizationToken, onGet: (n: number) => void) {
    const memory = createMemoryTokenStore();
    let gets = 0;
    const store: TokenStore = {
      async get(k) {
        onGet(++gets);
        return memory.get(k);
      },
      compareAndSet: (k, e, n) => memory.compareAndSet(k, e, n),
    };
    const held = (): StoredToken => ({
      token: token.toJSON(),
      revision: 1,
      lease: { owner: 'another-process', until: clock + 600_000 },
    });
    return { store, gets: () => gets, hold: () => memory.compareAndSet(keyOf(token), undefined, held()) };
  }

  test('an abort during the lease wait rejects at once; no refresh and no read is sent', async () => {
    const controller = new AbortController();
    const reason = new Error('the user left');
    let leased: ReturnType<typeof leasedStore> | undefined;
    const bb = blueButtonAt(fake, 2, {
      now,
      tokenStore: {
        get: (k) => (leased as ReturnType<typeof leasedStore>).store.get(k),
        compareAndSet: (k, e, n) => (leased as ReturnType<typeof leasedStore>).store.compareAndSet(k, e, n),
      },
    });
    const old = await consent(fake, bb);
    leased = leasedStore(old, (n) => {
      if (n === 3) controller.abort(reason);
    });
    clock += HOUR;
    await leased.hold();
    const e = await bb
      .client(old)
      .v2.Coverage.search({}, { signal: controller.signal })
      .catch((x: unknown) => x);
    expect(isAbortOf(e, reason)).toBe(true);
    expect(leased.gets()).toBe(3);
    expect(fake.refreshes()).toHaveLength(0);
    expect(fake.reads()).toHaveLength(0);
  });

  test('deadlineMs on a driven clock ends the lease wait with TIMEOUT; no refresh and no read is sent', async () => {
    let leased: ReturnType<typeof leasedStore> | undefined;
    const bb = blueButtonAt(fake, 2, {
      now,
      tokenStore: {
        get: (k) => (leased as ReturnType<typeof leasedStore>).store.get(k),
        compareAndSet: (k, e, n) => (leased as ReturnType<typeof leasedStore>).store.compareAndSet(k, e, n),
      },
    });
    const old = await consent(fake, bb);
    // Each store read costs 400 ms of the driven clock.
    leased = leasedStore(old, () => {
      clock += 400;
    });
    clock += HOUR;
    await leased.hold();
    const e = await bb
      .client(old)
      .v2.Coverage.search({}, { deadlineMs: 1000 })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'TIMEOUT', timeoutMs: 1000 });
    // Reads at +400 and +800 waited; the one at +1200 is past the deadline: no fourth read.
    expect(leased.gets()).toBe(3);
    expect(fake.refreshes()).toHaveLength(0);
    expect(fake.reads()).toHaveLength(0);
  });

  test('a refresh that spends the deadline leaves the read nothing: TIMEOUT, the new token kept', async () => {
    const bb = blueButtonAt(fake, 2, { now });
    const old = await consent(fake, bb);
    const client = bb.client(old);
    clock += HOUR;
    fake.override = (r) => {
      if (r.form.get('grant_type') === 'refresh_token') clock += 5_000; // the refresh takes 5 s of the clock
      return undefined;
    };
    const e = await client.v2.Coverage.search({}, { deadlineMs: 2_000 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'TIMEOUT' });
    expect(fake.refreshes()).toHaveLength(1);
    expect(fake.reads()).toHaveLength(0);
    expect(client.token.accessToken).not.toBe(old.accessToken);
  });
});
