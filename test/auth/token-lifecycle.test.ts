/**
 * Token lifecycle against the sandbox: refresh before expiry, single-flight refresh under concurrency,
 * onTokenRefresh awaited before use, one forced refresh after a 401 (no loop), tokenRefreshOnExpire, and
 * a TokenStore shared by two "processes" refreshing a single-use refresh token exactly once.
 */
import { AuthorizationToken, createMemoryTokenStore, isBlueButtonError } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { login, received } from '../helpers/sandbox-session.js';

let sandbox: Sandbox;
let clock: number;
const now = () => clock;
beforeEach(async () => {
  clock = Date.UTC(2026, 10, 28, 12);
  sandbox = await startSandbox({ beneficiaries: 2, eobsPerBeneficiary: 30, now });
});
afterEach(() => sandbox.close());

const refreshes = () =>
  received(sandbox, 'POST /v2/o/token/').filter((r) => r.body.includes('grant_type=refresh_token'));
const bearerOf = (i: number) =>
  sandbox.requests.filter((r) => r.method === 'GET').at(i)?.headers.authorization;

describe('refresh before expiry', () => {
  test('refreshes 60 s before expiresAt by default, not earlier', async () => {
    const { bb, token } = await login(sandbox, 2, { now });
    const client = bb.client(token);
    clock += 3_600_000 - 61_000;
    await client.v2.Coverage.search();
    expect(refreshes()).toHaveLength(0);
    clock += 2_000;
    await client.v2.Coverage.search();
    expect(refreshes()).toHaveLength(1);
    expect(client.token.accessToken).not.toBe(token.accessToken);
    expect(bearerOf(-1)).toBe(`Bearer ${client.token.accessToken}`);
  });

  test('100 concurrent calls on an expired token make exactly one refresh request and all use its token', async () => {
    let saved = 0;
    const { bb, token } = await login(sandbox, 2, { now });
    const client = bb.client(token, {
      onTokenRefresh: async () => {
        await new Promise((r) => setTimeout(r, 30)); // a slow database write
        saved++;
      },
    });
    clock += 3_600_000;
    const before = sandbox.requests.length;
    const results = await Promise.all(
      Array.from({ length: 100 }, () => client.v2.ExplanationOfBenefit.search({ _count: 5 })),
    );
    expect(results.every((b) => b.resourceType === 'Bundle')).toBe(true);
    expect(refreshes()).toHaveLength(1);
    expect(saved).toBe(1);
    const gets = sandbox.requests.slice(before).filter((r) => r.method === 'GET');
    expect(gets).toHaveLength(100);
    // onTokenRefresh was awaited: no data request went out with the new token before it resolved, and none with the old one.
    expect(new Set(gets.map((r) => r.headers.authorization))).toEqual(
      new Set([`Bearer ${client.token.accessToken}`]),
    );
  });

  test('tokenRefreshOnExpire: false sends the expired token and does not refresh', async () => {
    const { bb, token } = await login(sandbox, 2, { now, tokenRefreshOnExpire: false });
    clock += 3_700_000;
    await expect(bb.client(token).v2.Coverage.search()).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 401,
    });
    expect(refreshes()).toHaveLength(0);
  });
});

describe('401 handling', () => {
  test('a 401 forces one refresh and one replay', async () => {
    const { bb, token } = await login(sandbox, 2, { now });
    const client = bb.client(token);
    sandbox.faults.set('GET /v2/fhir/Coverage/', ['expire-token']);
    await expect(client.v2.Coverage.search()).resolves.toMatchObject({ resourceType: 'Bundle' });
    expect(refreshes()).toHaveLength(1);
    expect(received(sandbox, 'GET /v2/fhir/Coverage/')).toHaveLength(2);
  });

  test('a second 401 after the refresh is an error, not a loop', async () => {
    const { bb, token } = await login(sandbox, 2, { now });
    sandbox.faults.set('GET /v2/fhir/Coverage/', [401, 401, 401, 401]);
    await expect(bb.client(token).v2.Coverage.search()).rejects.toMatchObject({
      code: 'HTTP_ERROR',
      status: 401,
    });
    expect(refreshes()).toHaveLength(1);
    expect(received(sandbox, 'GET /v2/fhir/Coverage/')).toHaveLength(2);
  });

  test('an expired grant turns a 401 into REAUTHORIZATION_REQUIRED grant-expired', async () => {
    const { bb, token } = await login(sandbox, 2, { now });
    sandbox.expireGrant(0);
    await expect(bb.client(token).v2.Coverage.search()).rejects.toMatchObject({
      code: 'REAUTHORIZATION_REQUIRED',
      reason: 'grant-expired',
    });
  });

  test('a token without a refresh token is REAUTHORIZATION_REQUIRED no-refresh-token', async () => {
    const { bb, token } = await login(sandbox, 2, { now });
    const bare = AuthorizationToken.fromJSON({ ...token.toJSON(), refresh_token: undefined });
    clock += 3_600_000;
    await expect(bb.client(bare).v2.Coverage.search()).rejects.toMatchObject({ reason: 'no-refresh-token' });
  });
});

describe('TokenStore across processes', () => {
  test('two instances sharing a store refresh a single-use token once and both adopt it', async () => {
    const store = createMemoryTokenStore();
    const a = await login(sandbox, 2, { now, tokenStore: store });
    const { bb: b } = await login(sandbox, 2, { now, tokenStore: store }, { beneficiary: 1 }); // a second consent by beneficiary 0 would cancel a.token
    // Both "processes" hold the same token (e.g. read from a database) when it expires.
    const clientA = a.bb.client(a.token);
    const clientB = b.client(AuthorizationToken.fromJSON(a.token.toJSON()));
    clock += 3_600_000;
    await Promise.all([
      ...Array.from({ length: 10 }, () => clientA.v2.Coverage.search()),
      ...Array.from({ length: 10 }, () => clientB.v2.Coverage.search()),
    ]);
    expect(refreshes()).toHaveLength(1);
    expect(clientA.token.accessToken).toBe(clientB.token.accessToken);
    expect(
      (await store.get(`bluebutton:${sandbox.client.clientId}:v2:${a.token.patient}`))?.token.access_token,
    ).toBe(clientA.token.accessToken);
  });

  test('a process whose token was rotated elsewhere adopts the stored one after its 401', async () => {
    const store = createMemoryTokenStore();
    const a = await login(sandbox, 2, { now, tokenStore: store });
    const { bb: b } = await login(sandbox, 2, { now, tokenStore: store }, { beneficiary: 1 }); // a second consent by beneficiary 0 would cancel a.token
    const clientA = a.bb.client(a.token);
    clock += 3_600_000;
    await clientA.v2.Coverage.search(); // A refreshes; the old access token is revoked by the rotation
    clock -= 3_000_000; // B still believes the old token is fresh
    const clientB = b.client(AuthorizationToken.fromJSON(a.token.toJSON()));
    await expect(clientB.v2.Coverage.search()).resolves.toMatchObject({ resourceType: 'Bundle' });
    expect(refreshes()).toHaveLength(1);
    expect(clientB.token.accessToken).toBe(clientA.token.accessToken);
  });

  test('without a shared store the second process gets refresh-token-reused', async () => {
    const a = await login(sandbox, 2, { now });
    const { bb: b } = await login(sandbox, 2, { now }, { beneficiary: 1 }); // a second consent by beneficiary 0 would cancel a.token
    clock += 3_600_000;
    await a.bb.client(a.token).v2.Coverage.search();
    const e = await b
      .client(AuthorizationToken.fromJSON(a.token.toJSON()))
      .v2.Coverage.search()
      .catch((x: unknown) => x);
    expect(isBlueButtonError(e) && e.code).toBe('REAUTHORIZATION_REQUIRED');
    expect(e).toMatchObject({ reason: 'refresh-token-reused' });
  });
});
