import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import {
  authorizeCode,
  closeSandboxes,
  exchangeCode,
  fhirGet,
  obtainTokens,
  refreshWith,
  sandboxWith,
  type TokenBody,
} from './helpers.js';

const EOB_SEARCH = 'GET /v2/fhir/ExplanationOfBenefit/';

let sandbox: Sandbox;
let tokens: TokenBody;

beforeEach(async () => {
  sandbox = await sandboxWith();
  tokens = await obtainTokens(sandbox);
});
afterEach(closeSandboxes);

function search(path = '/v2/fhir/ExplanationOfBenefit/', init: RequestInit = {}) {
  return fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
}

describe('fault scripts', () => {
  it('plays 503, 503, then behaves normally', async () => {
    sandbox.faults.set(EOB_SEARCH, [503, 503]);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(2);
    const first = await search();
    expect(first.status).toBe(503);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await first.text()).toContain('503 Service Temporarily Unavailable');
    // A next-link style path (no trailing slash) is the same route.
    expect((await search('/v2/fhir/ExplanationOfBenefit?_count=5')).status).toBe(503);
    expect((await search()).status).toBe(200);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(0);
  });

  it("answers BB2's bodies for 500 and 502", async () => {
    sandbox.faults.set(EOB_SEARCH, [500, 502]);
    const serverError = await search();
    expect(serverError.status).toBe(500);
    expect(await serverError.json()).toEqual({ error: 'Server Error (500)' });
    const badGateway = await search();
    expect(badGateway.status).toBe(502);
    expect(await badGateway.json()).toEqual({ detail: 'A failure occurred contacting the upstream server' });
  });

  it('throttles with Retry-After and X-RateLimit-* headers', async () => {
    sandbox.faults.set(EOB_SEARCH, [{ status: 429, retryAfter: 1 }]);
    const response = await search();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('x-ratelimit-limit')).toBe('100000');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('x-ratelimit-reset')).toBe('1.0');
    expect(await response.json()).toEqual({
      detail: 'Request was throttled. Expected available in 1 seconds.',
    });
  });

  it('sends a custom status, headers and body', async () => {
    sandbox.faults.set('GET /v2/fhir/ExplanationOfBenefit', [
      { status: 418, headers: { 'x-test': 'yes' }, body: { hello: 1 } },
    ]);
    const response = await search();
    expect(response.status).toBe(418);
    expect(response.headers.get('x-test')).toBe('yes');
    expect(await response.json()).toEqual({ hello: 1 });
  });

  it('resets the connection', async () => {
    sandbox.faults.set(EOB_SEARCH, ['reset']);
    await expect(search()).rejects.toThrow();
    expect((await search()).status).toBe(200);
  });

  it('delays, then answers normally', async () => {
    // Order, not elapsed time: a request sent after the delayed one, and answered at once, finishes first.
    sandbox.faults.set(EOB_SEARCH, [{ delayMs: 2_000 }]);
    const finished: string[] = [];
    const delayed = search().then((r) => {
      finished.push('delayed');
      return r;
    });
    await expect.poll(() => sandbox.requests.length, { interval: 5, timeout: 2_000 }).toBeGreaterThan(0);
    const prompt = await search();
    finished.push('prompt');
    expect((await delayed).status).toBe(200);
    expect(prompt.status).toBe(200);
    expect(finished).toEqual(['prompt', 'delayed']);
  });

  it('hangs until the client gives up, and close() still ends the hung socket', async () => {
    sandbox.faults.set(EOB_SEARCH, ['hang']);
    await expect(
      search('/v2/fhir/ExplanationOfBenefit/', { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    sandbox.faults.set(EOB_SEARCH, ['hang']);
    const pending = search().then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await sandbox.close();
    expect(await pending).toBe('failed');
  });

  it('truncates the body below the announced length', async () => {
    sandbox.faults.set(EOB_SEARCH, ['truncate']);
    const response = await search();
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    await expect(response.text()).rejects.toThrow();
  });

  it('answers 200 with an HTML page for non-json', async () => {
    sandbox.faults.set(EOB_SEARCH, ['non-json']);
    const response = await search();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    await expect(response.clone().json()).rejects.toThrow();
    expect(await response.text()).toContain('<html>');
  });

  it('expires the presented token mid-walk, which refresh then replaces', async () => {
    sandbox.faults.set(EOB_SEARCH, ['pass', 'expire-token']);
    expect((await search()).status).toBe(200);
    const expired = await search();
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('The access token has expired.');
    const refreshed = (await (await refreshWith(sandbox, tokens.refresh_token)).json()) as TokenBody;
    expect(
      (await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, refreshed.access_token)).status,
    ).toBe(200);
  });

  it('scripts the token endpoint without using the code up', async () => {
    sandbox.faults.set('POST /v2/o/token', [503]);
    const grant = await authorizeCode(sandbox);
    expect((await exchangeCode(sandbox, grant)).status).toBe(503);
    expect((await exchangeCode(sandbox, grant)).status).toBe(200);
  });

  it('clears one script or all, and refuses unknown route keys and steps', async () => {
    sandbox.faults.set(EOB_SEARCH, [503]);
    sandbox.faults.set('GET /v2/fhir/Coverage/', [503]);
    sandbox.faults.clear(EOB_SEARCH);
    expect((await search()).status).toBe(200);
    sandbox.faults.clear();
    expect((await search('/v2/fhir/Coverage/')).status).toBe(200);
    expect(() => sandbox.faults.set('GET /v2/fhir/Observation/', [503])).toThrow(TypeError);
    expect(() => sandbox.faults.set(EOB_SEARCH, [42])).toThrow(TypeError);
    expect(() => sandbox.faults.set(EOB_SEARCH, ['explode' as 'pass'])).toThrow(TypeError);
  });
});
