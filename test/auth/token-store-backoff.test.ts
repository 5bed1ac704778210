/**
 * A compare-and-set that keeps failing does not spin: each retry waits longer (recorded, not timed), the
 * number of store calls is bounded, and the end is a typed TOKEN_STORE_FAILED with nothing sent to the
 * token endpoint. The manager is wired as BlueButton wires it, to a real loopback token endpoint; only
 * its wait is injected, so the test can record the delays instead of sleeping them.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AuthorizationToken } from '../../src/auth/authorization-token.js';
import { createTokenEndpoint } from '../../src/auth/token-endpoint.js';
import { backoffMs, createTokenManager } from '../../src/auth/token-manager.js';
import type { TokenStore } from '../../src/auth/token-store.js';
import { SDK_HEADERS } from '../../src/client/sdk-headers.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createTransport } from '../../src/resilience/transport.js';
import { blueButtonAt, consent } from './helpers/connect.js';
import { type FakeBb2, startFakeBb2 } from './helpers/fake-bb2.js';

let fake: FakeBb2;
let clock: number;
const now = () => clock;
beforeEach(async () => {
  fake = await startFakeBb2();
  clock = Date.UTC(2026, 11, 1, 12);
});
afterEach(() => fake.close());

function managerFor(token: AuthorizationToken, store: TokenStore, delays: number[]) {
  const c = loadConfig({
    clientId: 'fake-client-id',
    clientSecret: 'fake-client-secret-value',
    callbackUrl: 'http://127.0.0.1/callback',
    baseUrl: fake.url,
    version: 2,
    now,
  });
  const transport = createTransport({
    retry: c.retry,
    timeoutMs: c.timeoutMs,
    deadlineMs: c.deadlineMs,
    circuitBreaker: c.circuitBreaker,
    hooks: c.hooks,
    fetch: c.fetch,
    now: c.now,
    origin: new URL(c.baseUrl).origin,
  });
  const endpoint = createTokenEndpoint({
    baseUrl: c.baseUrl,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    callbackUrl: c.callbackUrl,
    transport,
    now: c.now,
    headers: SDK_HEADERS,
  });
  return createTokenManager(token, {
    endpoint,
    store,
    clientId: c.clientId,
    refreshOnExpire: true,
    skewMs: 60_000,
    now,
    onRefresh: [],
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
}

describe('compare-and-set backoff', () => {
  test('a store whose compare-and-set always loses: 8 tries with doubling delays, then TOKEN_STORE_FAILED, no refresh', async () => {
    const token = await consent(fake, blueButtonAt(fake, 2, { now }));
    let gets = 0;
    let sets = 0;
    const store: TokenStore = {
      get: async () => {
        gets++;
        return undefined;
      },
      compareAndSet: async () => {
        sets++;
        return false;
      },
    };
    const delays: number[] = [];
    const manager = managerFor(token, store, delays);
    clock += 3_600_000;
    const e = await manager.current().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'TOKEN_STORE_FAILED', operation: 'compareAndSet' });
    expect(delays).toEqual([25, 50, 100, 200, 400, 800, 1000]);
    expect(sets).toBe(8);
    expect(gets).toBe(8);
    expect(fake.refreshes()).toHaveLength(0);
  });

  test('one lost race, then a win: one 25 ms wait and one refresh', async () => {
    const token = await consent(fake, blueButtonAt(fake, 2, { now }));
    let lose = 1;
    const records = new Map<string, Parameters<TokenStore['compareAndSet']>[2]>();
    const store: TokenStore = {
      get: async (k) => records.get(k),
      compareAndSet: async (k, expected, next) => {
        if (lose-- > 0) return false;
        if (records.get(k)?.revision !== expected?.revision) return false;
        records.set(k, next);
        return true;
      },
    };
    const delays: number[] = [];
    const manager = managerFor(token, store, delays);
    clock += 3_600_000;
    const fresh = await manager.current();
    expect(fresh.accessToken).not.toBe(token.accessToken);
    expect(delays).toEqual([25]);
    expect(fake.refreshes()).toHaveLength(1);
  });

  test('the backoff doubles from 25 ms and stops growing at 1 s', () => {
    expect([1, 2, 3, 6, 7, 8, 20].map(backoffMs)).toEqual([25, 50, 100, 800, 1000, 1000, 1000]);
  });
});
