/**
 * OAuth calls are never retried: authorization codes and refresh tokens are single-use, so a failed
 * token request surfaces at once, after exactly one request, whatever the retry settings say.
 */
import { BlueButton, type BlueButtonConfig, NetworkError, OAuthError, TimeoutError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { as, closeAll, connect, openSandbox, received, recorder, rejectionOf, TOKEN_V2 } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await openSandbox();
});
afterEach(closeAll);

/** A BlueButton with generous retries and a consented callback URL, before any token request. */
async function consented(config: Omit<BlueButtonConfig, 'version'> = {}) {
  const rec = recorder();
  const bb = new BlueButton({
    ...sandbox.config({ version: 2 }),
    retrySettings: { total: 3, backoffFactor: 0.02, statusForcelist: [500, 502, 503, 504] },
    hooks: rec.hooks,
    ...config,
  });
  const authData = bb.generateAuthData();
  const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData));
  return { bb, authData, callback, rec };
}

describe('the token endpoint is never retried', () => {
  test('a 503 on the code exchange throws TOKEN_REQUEST_FAILED after one request', async () => {
    const { bb, authData, callback, rec } = await consented();
    sandbox.faults.set(TOKEN_V2, [503, 503]);
    const e = as(await rejectionOf(bb.handleCallback(authData, callback)), OAuthError);
    expect(e.code).toBe('TOKEN_REQUEST_FAILED');
    expect(e.status).toBe(503);
    expect(received(sandbox, TOKEN_V2)).toBe(1);
    expect(sandbox.faults.pending(TOKEN_V2)).toBe(1);
    expect(rec.retries).toEqual([]);
  });

  test('getAuthorizationToken behaves the same (500 with BB2 body)', async () => {
    const { bb, authData, callback } = await consented();
    const url = new URL(callback);
    sandbox.faults.set(TOKEN_V2, [500]);
    const e = as(
      await rejectionOf(
        bb.getAuthorizationToken(authData, url.searchParams.get('code'), url.searchParams.get('state')),
      ),
      OAuthError,
    );
    expect(e.status).toBe(500);
    expect(received(sandbox, TOKEN_V2)).toBe(1);
  });

  test('a reset connection on the token endpoint is NETWORK_ERROR after one request', async () => {
    const { bb, authData, callback, rec } = await consented();
    sandbox.faults.set(TOKEN_V2, ['reset']);
    const e = as(await rejectionOf(bb.handleCallback(authData, callback)), NetworkError);
    expect(e.code).toBe('NETWORK_ERROR');
    expect(e.method).toBe('POST');
    expect(e.cause).toBeInstanceOf(Error);
    expect(received(sandbox, TOKEN_V2)).toBe(1);
    expect(rec.retries).toEqual([]);
  });

  test('a hung token request times out after one request', async () => {
    const { bb, authData, callback } = await consented({ timeoutMs: 50 });
    sandbox.faults.set(TOKEN_V2, ['hang']);
    const e = as(await rejectionOf(bb.handleCallback(authData, callback)), TimeoutError);
    expect(e.code).toBe('TIMEOUT');
    expect(received(sandbox, TOKEN_V2)).toBe(1);
  });

  test('a 429 on the token endpoint is not retried either', async () => {
    const { bb, authData, callback } = await consented();
    sandbox.faults.set(TOKEN_V2, [{ status: 429, retryAfter: 0 }]);
    const e = as(await rejectionOf(bb.handleCallback(authData, callback)), OAuthError);
    expect(e.status).toBe(429);
    expect(received(sandbox, TOKEN_V2)).toBe(1);
  });

  test('a refresh that meets a 503 is not retried', async () => {
    const { bb, token } = await connect(sandbox, 2);
    const before = received(sandbox, TOKEN_V2);
    sandbox.faults.set(TOKEN_V2, [503]);
    const e = as(await rejectionOf(bb.refreshAuthToken(token)), OAuthError);
    expect(e.status).toBe(503);
    expect(received(sandbox, TOKEN_V2) - before).toBe(1);
    // The refresh token was not spent: a later refresh works.
    const fresh = await bb.refreshAuthToken(token);
    expect(fresh.accessToken).not.toBe(token.accessToken);
  });

  test("the client's own refresh after a 401 is not retried either", async () => {
    const { client } = await connect(sandbox, 2);
    const before = received(sandbox, TOKEN_V2);
    sandbox.faults.set('GET /v2/fhir/ExplanationOfBenefit/', [401]);
    sandbox.faults.set(TOKEN_V2, [502, 502]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), OAuthError);
    expect(e.code).toBe('TOKEN_REQUEST_FAILED');
    expect(e.status).toBe(502);
    expect(received(sandbox, TOKEN_V2) - before).toBe(1);
    expect(received(sandbox, 'GET /v2/fhir/ExplanationOfBenefit/')).toBe(1);
  });

  test('a revoke that meets a 503 is sent once', async () => {
    const { bb, token } = await connect(sandbox, 2);
    sandbox.faults.set('POST /v2/o/revoke/', [503]);
    const e = as(await rejectionOf(bb.revokeAuthToken(token)), OAuthError);
    expect(e.status).toBe(503);
    expect(received(sandbox, 'POST /v2/o/revoke/')).toBe(1);
  });

  test('a failing token endpoint never opens the data circuit', async () => {
    const opened: string[] = [];
    const { bb, authData, callback } = await consented({
      circuitBreaker: { threshold: 1, halfOpenAfterMs: 60_000 },
      hooks: { onCircuitOpen: (info) => void opened.push(info.origin) },
    });
    sandbox.faults.set(TOKEN_V2, [503]);
    await rejectionOf(bb.handleCallback(authData, callback));
    const fresh = bb.generateAuthData();
    const token = await bb.handleCallback(fresh, await sandbox.authorize(bb.generateAuthorizeUrl(fresh)));
    expect((await bb.client(token).v2.ExplanationOfBenefit.search()).resourceType).toBe('Bundle');
    expect(opened).toEqual([]);
  });
});
