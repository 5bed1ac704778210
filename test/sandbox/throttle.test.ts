/**
 * The optional throttle (`startSandbox({ throttle })`): a token bucket per access token, on a driven
 * clock, answering like BB2's DRF throttle (429, `Retry-After`, `X-RateLimit-*`).
 */
import { SandboxOptionsError } from 'bluebutton-ts/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSandboxes, fhirGet, obtainTokens, sandboxWith } from './helpers.js';

afterEach(closeSandboxes);

describe('throttle', () => {
  it('lets a burst through, then answers 429 with Retry-After until the bucket refills', async () => {
    let now = Date.UTC(2026, 5, 1);
    const sandbox = await sandboxWith({ throttle: { requestsPerSecond: 2, burst: 3 }, now: () => now });
    const tokens = await obtainTokens(sandbox);
    const get = () => fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token);
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await get();
      statuses.push(r.status);
      remaining.push(r.headers.get('x-ratelimit-remaining'));
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(remaining).toEqual(['2', '1', '0', '0']);
    const throttled = await get();
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.headers.get('x-ratelimit-limit')).toBe('3');
    expect(await throttled.json()).toEqual({
      detail: 'Request was throttled. Expected available in 1 seconds.',
    });
    now += 500; // one request's worth at 2/s
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
    now += 1500;
    const refilled = await get();
    expect(refilled.status).toBe(200);
    expect(refilled.headers.get('x-ratelimit-remaining')).toBe('2');
    expect(refilled.headers.get('x-ratelimit-reset')).toBe('0.5');
  });

  it('keeps one bucket per access token', async () => {
    const now = Date.UTC(2026, 5, 1);
    const sandbox = await sandboxWith({ throttle: { requestsPerSecond: 1, burst: 1 }, now: () => now });
    const a = await obtainTokens(sandbox);
    const b = await obtainTokens(sandbox, { beneficiary: 1 });
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, a.access_token)).status).toBe(200);
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, a.access_token)).status).toBe(429);
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, b.access_token)).status).toBe(200);
  });

  it('refuses a throttle it cannot run', async () => {
    for (const throttle of [{ requestsPerSecond: 0 }, { requestsPerSecond: 5, burst: 0.5 }]) {
      await expect(sandboxWith({ throttle })).rejects.toThrow(SandboxOptionsError);
      await expect(sandboxWith({ throttle })).rejects.toMatchObject({ code: 'INVALID_SANDBOX_THROTTLE' });
    }
  });
});
