import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSandboxes, fhirGet, obtainTokens, sandboxWith } from './helpers.js';

afterEach(closeSandboxes);

/** A raw GET that leaves the body compressed, to see what went over the wire. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('gzip', () => {
  it('compresses bodies of 1 KB and more when the client accepts gzip', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const auth = { authorization: `Bearer ${tokens.access_token}` };
    const big = await rawGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, {
      ...auth,
      'accept-encoding': 'gzip, deflate',
    });
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.headers['content-length']).toBe(String(big.body.length));
    const bundle = JSON.parse(gunzipSync(big.body).toString('utf8')) as { resourceType: string };
    expect(bundle.resourceType).toBe('Bundle');
    const plain = await rawGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, auth);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const small = await rawGet(`${sandbox.url}/v2/connect/userinfo`, { ...auth, 'accept-encoding': 'gzip' });
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});

describe('rate limiting (bb2-api 4.3)', () => {
  it('stamps X-RateLimit-* on FHIR responses', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const first = await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token);
    expect(first.headers.get('x-ratelimit-limit')).toBe('100000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('99999');
    expect(first.headers.get('x-ratelimit-reset')).toBe('86400.0');
    const second = await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token);
    expect(second.headers.get('x-ratelimit-remaining')).toBe('99998');
  });

  it('answers 429 with Retry-After past the limit, until the window frees', async () => {
    let now = Date.UTC(2026, 0, 1);
    const sandbox = await sandboxWith({ rateLimit: { limit: 2, windowSeconds: 60 }, now: () => now });
    const tokens = await obtainTokens(sandbox);
    const url = `${sandbox.url}/v2/fhir/ExplanationOfBenefit/`;
    expect((await fhirGet(url, tokens.access_token)).status).toBe(200);
    now += 20_000;
    expect((await fhirGet(url, tokens.access_token)).status).toBe(200);
    const throttled = await fhirGet(url, tokens.access_token);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('40');
    expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await throttled.json()).toEqual({
      detail: 'Request was throttled. Expected available in 40 seconds.',
    });
    now += 40_000;
    expect((await fhirGet(url, tokens.access_token)).status).toBe(200);
  });
});

describe('latency and headers', () => {
  it('adds latencyMs to every response', async () => {
    const sandbox = await sandboxWith({ latencyMs: 60 });
    const started = performance.now();
    const response = await fetch(`${sandbox.url}/v2/fhir/metadata`);
    expect(response.status).toBe(200);
    // A lower bound only: the timer cannot fire early, however slow the machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('sends BB2-style security and CORS headers', async () => {
    const sandbox = await sandboxWith();
    const response = await fetch(`${sandbox.url}/v2/fhir/metadata`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
