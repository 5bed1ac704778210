/**
 * What CMS's server code answered when run locally (bb2-api section 9), as the sandbox must answer it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  authorizeCode,
  authorizeUrl,
  basic,
  closeSandboxes,
  exchangeCode,
  fhirGet,
  obtainTokens,
  postForm,
  refreshWith,
  sandboxWith,
} from './helpers.js';

afterEach(closeSandboxes);

const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
const rateHeaders = (r: Response) => RATE_HEADERS.map((h) => r.headers.get(h));

describe('userinfo content negotiation', () => {
  it('answers Accept: application/fhir+json with 406 before checking the token', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    for (const token of [tokens.access_token, undefined]) {
      const refused = await fhirGet(`${sandbox.url}/v2/connect/userinfo`, token, {
        accept: 'application/fhir+json',
      });
      expect(refused.status).toBe(406);
      expect(await refused.json()).toEqual({ detail: 'Could not satisfy the request Accept header.' });
    }
    for (const accept of ['application/json', '*/*', 'application/fhir+json, application/json']) {
      const ok = await fhirGet(`${sandbox.url}/v2/connect/userinfo`, tokens.access_token, { accept });
      expect(ok.status, accept).toBe(200);
      expect(ok.headers.get('content-type')).toBe('application/json');
    }
  });
});

describe('re-consent', () => {
  it('v2: a second consent cancels the first tokens (access 401, refresh "Refresh token not found.")', async () => {
    const sandbox = await sandboxWith();
    const first = await obtainTokens(sandbox);
    const second = await obtainTokens(sandbox);
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, first.access_token)).status).toBe(401);
    const refresh = await refreshWith(sandbox, first.refresh_token);
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Refresh token not found.',
    });
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, second.access_token)).status).toBe(200);
    expect((await refreshWith(sandbox, second.refresh_token)).status).toBe(200);
  });

  it('v3: the cancelled refresh token is 403 "Request denied"; another beneficiary is untouched', async () => {
    const sandbox = await sandboxWith();
    const first = await obtainTokens(sandbox, { version: 3 });
    const other = await obtainTokens(sandbox, { version: 3, beneficiary: 1 });
    await obtainTokens(sandbox, { version: 3 });
    const refresh = await refreshWith(sandbox, first.refresh_token, 3);
    expect(refresh.status).toBe(403);
    expect(await refresh.json()).toEqual({ status_code: 403, message: 'Request denied' });
    expect((await fhirGet(`${sandbox.url}/v3/fhir/Coverage/`, first.access_token)).status).toBe(401);
    expect((await fhirGet(`${sandbox.url}/v3/fhir/Coverage/`, other.access_token)).status).toBe(200);
  });

  it('denying a later consent keeps the earlier tokens (bb2-api 2.4)', async () => {
    const sandbox = await sandboxWith();
    const first = await obtainTokens(sandbox);
    await sandbox.authorize(authorizeUrl(sandbox), { deny: true });
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, first.access_token)).status).toBe(200);
  });
});

describe('code exchange', () => {
  it('a wrong code_verifier does not use the code up', async () => {
    const sandbox = await sandboxWith();
    const grant = await authorizeCode(sandbox);
    const wrong = await exchangeCode(sandbox, { ...grant, verifier: 'x'.repeat(43) });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await exchangeCode(sandbox, grant)).status).toBe(200);
    expect((await exchangeCode(sandbox, grant)).status).toBe(400);
  });
});

describe('X-RateLimit-* headers', () => {
  it('are None on unauthenticated, 401, 403 and metadata answers, numbers on authenticated ones', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox, { shareDemographics: false });
    const none = ['None', 'None', 'None'];
    expect(rateHeaders(await fetch(`${sandbox.url}/v2/fhir/metadata`))).toEqual(none);
    expect(rateHeaders(await fetch(`${sandbox.url}/.well-known/openid-configuration-v2`))).toEqual(none);
    expect(rateHeaders(await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, undefined))).toEqual(none);
    expect(rateHeaders(await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, 'not-a-token'))).toEqual(none);
    const forbidden = await fhirGet(`${sandbox.url}/v2/fhir/Patient/`, tokens.access_token);
    expect(forbidden.status).toBe(403);
    expect(rateHeaders(forbidden)).toEqual(none);
    const token = await postForm(`${sandbox.url}/v2/o/token/`, { grant_type: 'refresh_token' });
    expect(rateHeaders(token)).toEqual(none);
    const ok = await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token);
    expect(rateHeaders(ok)).toEqual(['100000', '99999', '86400.0']);
  });
});

describe('revoke', () => {
  it('a revoked token leaves refresh invalid_grant-style refusals and a 500 on revoking it again', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const auth = { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) };
    expect(
      (await postForm(`${sandbox.url}/v2/o/revoke/`, { token: tokens.refresh_token }, auth)).status,
    ).toBe(200);
    const again = await postForm(`${sandbox.url}/v2/o/revoke/`, { token: tokens.refresh_token }, auth);
    expect(again.status).toBe(500);
    expect(await again.json()).toEqual({ error: 'Server Error (500)' });
    const refresh = await refreshWith(sandbox, tokens.refresh_token);
    expect(refresh.status).toBe(403);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
