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
    // Order, not elapsed time: the slow sandbox's answer, asked first, arrives after the fast one's.
    const slow = await sandboxWith({ latencyMs: 2_000 });
    const fast = await sandboxWith();
    const finished: string[] = [];
    const slowAnswer = fetch(`${slow.url}/v2/fhir/metadata`).then((r) => {
      finished.push('slow');
      return r;
    });
    await expect.poll(() => slow.requests.length, { interval: 5, timeout: 2_000 }).toBeGreaterThan(0);
    const fastAnswer = await fetch(`${fast.url}/v2/fhir/metadata`);
    finished.push('fast');
    expect((await slowAnswer).status).toBe(200);
    expect(fastAnswer.status).toBe(200);
    expect(finished).toEqual(['fast', 'slow']);
  });

  it('sends BB2-style security and CORS headers', async () => {
    const sandbox = await sandboxWith();
    const response = await fetch(`${sandbox.url}/v2/fhir/metadata`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
