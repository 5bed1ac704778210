/**
 * Retries of data GETs against the sandbox's fault scripts: the official SDKs' backoff schedule (scaled
 * down), which statuses are retried, and the HttpError left when retrying gives up.
 */
import { HttpError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  as,
  closeAll,
  connect,
  EOB_SEARCH,
  fields,
  openSandbox,
  PATIENT_READ,
  received,
  recorder,
  rejectionOf,
  TOKEN_V2,
} from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await openSandbox();
});
afterEach(closeAll);

describe('backoff schedule', () => {
  test('503, 503, 200 succeeds after two retries with waits of backoffFactor * 2 ** (i - 1) s', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      retrySettings: { backoffFactor: 0.02, jitter: false },
      hooks: rec.hooks,
    });
    sandbox.faults.set(EOB_SEARCH, [503, 503]);
    const bundle = await client.v2.ExplanationOfBenefit.search();
    expect(bundle.resourceType).toBe('Bundle');
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(0);
    // 0.02 s * 2 ** -1 = 10 ms before retry 0, 0.02 s * 2 ** 0 = 20 ms before retry 1.
    expect(rec.retries.map(fields)).toEqual([
      { method: 'GET', path: '/v2/fhir/ExplanationOfBenefit/', attempt: 2, reason: 503, delayMs: 10 },
      { method: 'GET', path: '/v2/fhir/ExplanationOfBenefit/', attempt: 3, reason: 503, delayMs: 20 },
    ]);
    const eob = rec.requests.filter((r) => r.path === '/v2/fhir/ExplanationOfBenefit/');
    expect(eob.map((r) => r.attempt)).toEqual([1, 2, 3]);
    const statuses = rec.responses.filter((r) => r.path === '/v2/fhir/ExplanationOfBenefit/');
    expect(statuses.map((r) => [r.attempt, r.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
  });

  test('the third wait doubles again (10, 20, 40 ms) before giving up after total retries', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      retrySettings: { total: 3, backoffFactor: 0.02 },
      hooks: rec.hooks,
    });
    sandbox.faults.set(EOB_SEARCH, [502, 502, 502, 502, 502]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError);
    expect(e.code).toBe('HTTP_ERROR');
    expect(e.status).toBe(502);
    expect(e.detail).toBe('A failure occurred contacting the upstream server');
    expect(rec.retries.map((r) => r.delayMs)).toEqual([10, 20, 40]);
    expect(received(sandbox, EOB_SEARCH)).toBe(4);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(1);
  });

  test('exhausting retries throws HTTP_ERROR with the last status', async () => {
    const { client } = await connect(sandbox, 2, { retrySettings: { total: 2, backoffFactor: 0.02 } });
    sandbox.faults.set(EOB_SEARCH, [503, 502, 504]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError);
    expect(e.status).toBe(504);
    expect(e.method).toBe('GET');
    expect(e.url).toBe(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`);
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
  });

  test('jitter keeps each wait within [wait / 2, wait]', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      retrySettings: { total: 3, backoffFactor: 0.04, jitter: true },
      hooks: rec.hooks,
    });
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503]);
    await client.v2.ExplanationOfBenefit.search();
    const waits = rec.retries.map((r) => r.delayMs);
    expect(waits).toHaveLength(3);
    [20, 40, 80].forEach((full, i) => {
      expect(waits[i]).toBeGreaterThanOrEqual(full / 2);
      expect(waits[i]).toBeLessThanOrEqual(full);
    });
  });
});

describe("the official SDKs' defaults", () => {
  test('the first wait is 2.5 s (backoffFactor 5): seen in onRetry, then cut short by an abort', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { retrySettings: {}, hooks: rec.hooks });
    sandbox.faults.set(EOB_SEARCH, [503]);
    const controller = new AbortController();
    const call = rejectionOf(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => rec.retries.length, { interval: 5, timeout: 2000 }).toBe(1);
    controller.abort();
    await call;
    expect(rec.retries.map((r) => [r.reason, r.delayMs])).toEqual([[503, 2500]]);
  });

  test('total defaults to 3 retries and statusForcelist to [500, 502, 503, 504]', async () => {
    // maxDelayMs 0 removes the waits without touching the other defaults.
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { retrySettings: { maxDelayMs: 0 }, hooks: rec.hooks });
    sandbox.faults.set(EOB_SEARCH, [500, 502, 503]);
    await client.v2.ExplanationOfBenefit.search();
    expect(rec.retries.map((r) => r.reason)).toEqual([500, 502, 503]);
    sandbox.faults.set(EOB_SEARCH, [504, 504, 504, 504, 504]);
    expect(as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError).status).toBe(504);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(1);
    sandbox.faults.set(EOB_SEARCH, [501]);
    expect(as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError).status).toBe(501);
    expect(received(sandbox, EOB_SEARCH)).toBe(4 + 4 + 1);
  });

  test('X-RateLimit-Reset on a retried 503 describes the rate window, not this failure: ignored', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      hooks: rec.hooks,
      retrySettings: { backoffFactor: 0.02, maxDelayMs: 3000 },
    });
    sandbox.faults.set(EOB_SEARCH, [{ status: 503, headers: { 'x-ratelimit-reset': '86400.0' } }]);
    await client.v2.ExplanationOfBenefit.search();
    expect(rec.retries.map((r) => r.delayMs)).toEqual([10]);
  });
});

describe('what is retried', () => {
  test('userinfo and metadata are retried like FHIR searches', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    sandbox.faults.set('GET /v2/connect/userinfo', [503]);
    sandbox.faults.set('GET /v2/fhir/metadata', [500, 502]);
    expect((await client.v2.userinfo()).patient).toBeDefined();
    expect((await client.v2.metadata()).resourceType).toBe('CapabilityStatement');
    expect(received(sandbox, 'GET /v2/connect/userinfo')).toBe(2);
    expect(received(sandbox, 'GET /v2/fhir/metadata')).toBe(3);
    expect(rec.retries.map((r) => [r.path, r.reason])).toEqual([
      ['/v2/connect/userinfo', 503],
      ['/v2/fhir/metadata', 500],
      ['/v2/fhir/metadata', 502],
    ]);
  });

  test.each([400, 403, 404])('%i is not retried', async (status) => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    sandbox.faults.set(EOB_SEARCH, [status, status]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError);
    expect(e.status).toBe(status);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
    expect(rec.retries).toEqual([]);
  });

  test('total: 0 disables retries (503 and 429 alike)', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      retrySettings: { total: 0, backoffFactor: 0.02 },
      hooks: rec.hooks,
    });
    sandbox.faults.set(EOB_SEARCH, [503, { status: 429, retryAfter: 0 }]);
    expect(as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError).status).toBe(503);
    expect(as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError).status).toBe(429);
    expect(received(sandbox, EOB_SEARCH)).toBe(2);
    expect(rec.retries).toEqual([]);
  });

  test('statusForcelist is respected: 500 is not retried when the list is [503], 503 is', async () => {
    const { client } = await connect(sandbox, 2, {
      retrySettings: { backoffFactor: 0.02, statusForcelist: [503] },
    });
    sandbox.faults.set(EOB_SEARCH, [500, 500]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError);
    expect(e.status).toBe(500);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
    sandbox.faults.set(EOB_SEARCH, [503]);
    await client.v2.ExplanationOfBenefit.search();
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
  });

  test('429 is retried even when statusForcelist does not name it', async () => {
    const { client } = await connect(sandbox, 2, {
      retrySettings: { backoffFactor: 0.02, statusForcelist: [503] },
    });
    sandbox.faults.set(EOB_SEARCH, [{ status: 429, retryAfter: 0 }]);
    await client.v2.ExplanationOfBenefit.search();
    expect(received(sandbox, EOB_SEARCH)).toBe(2);
  });

  test('a read is retried too, and its hook path hides the id', async () => {
    const rec = recorder();
    const { client, token } = await connect(sandbox, 2, { hooks: rec.hooks });
    sandbox.faults.set(PATIENT_READ, [503]);
    const patient = await client.v2.Patient.read(token.patient);
    expect(patient.id).toBe(token.patient);
    expect(received(sandbox, PATIENT_READ)).toBe(2);
    expect(rec.retries.map(fields)).toEqual([
      { method: 'GET', path: '/v2/fhir/Patient/[redacted]', attempt: 2, reason: 503, delayMs: 10 },
    ]);
  });
});

describe('401: the token layer refreshes once and replays once (never the retry policy)', () => {
  test('401 is not retried by the policy: one refresh and one replay, then HTTP_ERROR 401', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    const tokenCalls = received(sandbox, TOKEN_V2);
    sandbox.faults.set(EOB_SEARCH, [401, 401, 401]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError);
    expect(e.status).toBe(401);
    expect(received(sandbox, EOB_SEARCH)).toBe(2);
    expect(received(sandbox, TOKEN_V2) - tokenCalls).toBe(1);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(1);
    expect(rec.retries).toEqual([]);
  });

  test('after a re-consent, a 401 refreshes the new token, not an older session token left in the store', async () => {
    // Session 1 refreshes once (the client's token store now holds its token), then the beneficiary
    // revokes access and consents again: session 2 has a new grant and a new token.
    const { bb, client: first } = await connect(sandbox, 2);
    sandbox.faults.set(EOB_SEARCH, [401]);
    await first.v2.ExplanationOfBenefit.search();
    sandbox.revokeGrant(0);
    const authData = bb.generateAuthData();
    const token = await bb.handleCallback(
      authData,
      await sandbox.authorize(bb.generateAuthorizeUrl(authData)),
    );
    const second = bb.client(token);
    const tokenCalls = received(sandbox, TOKEN_V2);
    sandbox.faults.set(EOB_SEARCH, [401]);
    // One refresh of session 2's own refresh token, then one replay that succeeds.
    const bundle = await second.v2.ExplanationOfBenefit.search();
    expect(bundle.resourceType).toBe('Bundle');
    expect(received(sandbox, TOKEN_V2) - tokenCalls).toBe(1);
    expect(second.token.accessToken).not.toBe(first.token.accessToken);
  });
});
