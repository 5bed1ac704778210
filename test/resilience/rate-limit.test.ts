/**
 * 429 handling: `Retry-After` in seconds or as an HTTP date, `X-RateLimit-Reset` when there is no
 * `Retry-After`, a wait longer than `maxDelayMs` answered at once (fail fast), and the rate-limit figures of the HttpError left at the end.
 */
import { AuthorizationToken, BlueButton, HttpError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  as,
  closeAll,
  connect,
  EOB_SEARCH,
  fields,
  openSandbox,
  received,
  recorder,
  rejectionOf,
  scriptedServer,
} from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await openSandbox();
});
afterEach(closeAll);

describe('429 Too Many Requests', () => {
  test('Retry-After: 1 waits about one second, then retries once', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    sandbox.faults.set(EOB_SEARCH, [{ status: 429, retryAfter: 1 }]);
    await client.v2.ExplanationOfBenefit.search();
    expect(received(sandbox, EOB_SEARCH)).toBe(2);
    expect(rec.retries.map(fields)).toEqual([
      { method: 'GET', path: '/v2/fhir/ExplanationOfBenefit/', attempt: 2, reason: 429, delayMs: 1000 },
    ]);
    const sent = rec.requests.filter((r) => r.path === '/v2/fhir/ExplanationOfBenefit/');
    expect(sent.map((r) => r.attempt)).toEqual([1, 2]);
  });

  test('Retry-After as an HTTP date waits until that date', async () => {
    // An HTTP date has whole seconds; with the SDK's injected clock 80 ms before one, the wait is 80 ms.
    const target = Date.parse('2031-03-04T05:06:07Z');
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks, now: () => target - 80 });
    sandbox.faults.set(EOB_SEARCH, [
      { status: 429, headers: { 'retry-after': new Date(target).toUTCString() } },
      { status: 503, headers: { 'retry-after': new Date(target - 60_000).toUTCString() } },
    ]);
    await client.v2.ExplanationOfBenefit.search();
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
    // A date in the past means "now": no wait.
    expect(rec.retries.map((r) => [r.reason, r.delayMs])).toEqual([
      [429, 80],
      [503, 0],
    ]);
  });

  test('Retry-After in seconds also applies to a retried 503', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    sandbox.faults.set(EOB_SEARCH, [{ status: 503, retryAfter: 0.05 }]);
    await client.v2.ExplanationOfBenefit.search();
    expect(rec.retries.map((r) => [r.reason, r.delayMs])).toEqual([[503, 50]]);
  });

  test('a 429 without Retry-After waits X-RateLimit-Reset seconds', async () => {
    // The sandbox always sends Retry-After with a 429, so a loopback server plays this one.
    const server = await scriptedServer([
      {
        status: 429,
        headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0.06' },
        body: JSON.stringify({ detail: 'Request was throttled.' }),
      },
      { status: 200, body: JSON.stringify({ resourceType: 'CapabilityStatement', status: 'active' }) },
    ]);
    const rec = recorder();
    const bb = new BlueButton({
      ...sandbox.config({ version: 2 }),
      baseUrl: server.url,
      retrySettings: { backoffFactor: 0.02 },
      hooks: rec.hooks,
    });
    const token = AuthorizationToken.fromJSON({
      access_token: 'unused-access-token',
      token_type: 'Bearer',
      expires_in: 3600,
      expires_at: Date.now() + 3_600_000,
      scope: 'profile',
      patient: '-20140000000000',
    });
    const capability = await bb.client(token).v2.metadata();
    expect(capability.resourceType).toBe('CapabilityStatement');
    expect(server.seen).toEqual(['GET /v2/fhir/metadata', 'GET /v2/fhir/metadata']);
    expect(rec.retries.map((r) => [r.reason, r.delayMs])).toEqual([[429, 60]]);
  });

  test.each([429, 503])(
    'a %s with Retry-After: 3600 and maxDelayMs 2000 fails fast with retryAfterMs, no retry',
    async (status) => {
      const rec = recorder();
      const { client } = await connect(sandbox, 2, {
        hooks: rec.hooks,
        retrySettings: { backoffFactor: 0.02, maxDelayMs: 2000 },
      });
      sandbox.faults.set(EOB_SEARCH, [{ status, retryAfter: 3600 }]);
      const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError);
      expect(e).toMatchObject({ code: 'HTTP_ERROR', status, retryAfterMs: 3_600_000 });
      expect(received(sandbox, EOB_SEARCH)).toBe(1);
      expect(rec.retries).toEqual([]);
    },
  );

  test('a Retry-After exactly at maxDelayMs is still waited and retried', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      hooks: rec.hooks,
      retrySettings: { backoffFactor: 0.02, maxDelayMs: 50 },
    });
    sandbox.faults.set(EOB_SEARCH, [{ status: 429, retryAfter: 0.05 }]);
    await client.v2.ExplanationOfBenefit.search();
    expect(received(sandbox, EOB_SEARCH)).toBe(2);
    expect(rec.retries.map((r) => r.delayMs)).toEqual([50]);
  });

  test('after the last retry the HttpError has status 429, retryAfterMs and the rate-limit figures', async () => {
    const { client } = await connect(sandbox, 2, {
      retrySettings: { total: 1, backoffFactor: 0.02, maxDelayMs: 10_000 },
    });
    sandbox.faults.set(EOB_SEARCH, [
      { status: 429, retryAfter: 0.02 },
      { status: 429, retryAfter: 3 },
    ]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), HttpError);
    expect(received(sandbox, EOB_SEARCH)).toBe(2);
    expect(e.code).toBe('HTTP_ERROR');
    expect(e.status).toBe(429);
    expect(e.detail).toBe('Request was throttled. Expected available in 3 seconds.');
    // What the server asked for on the last answer.
    expect(e.retryAfterMs).toBe(3000);
    expect(e.rateLimit).toEqual({ limit: 100000, remaining: 0, resetSeconds: 3 });
  });
});
