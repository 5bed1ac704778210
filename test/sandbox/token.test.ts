import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  authorizeCode,
  authorizeUrl,
  basic,
  closeSandboxes,
  exchangeCode,
  json,
  obtainTokens,
  postForm,
  refreshWith,
  sandboxWith,
} from './helpers.js';

afterEach(closeSandboxes);

const REAUTH = 'To refresh Medicare data, end user must re-authenticate and consent to share their data.';

describe('authorization_code exchange (bb2-api 2.5, 2.6)', () => {
  it("returns BB2's token response", async () => {
    const sandbox = await sandboxWith({ now: () => Date.UTC(2026, 0, 31, 12, 0, 0) });
    const response = await exchangeCode(sandbox, await authorizeCode(sandbox));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await json(response);
    expect(Object.keys(body)).toEqual([
      'access_token',
      'expires_in',
      'token_type',
      'scope',
      'refresh_token',
      'patient',
      'access_grant_expiration',
    ]);
    expect(body).toMatchObject({
      expires_in: 3600,
      token_type: 'Bearer',
      scope: 'profile patient/Patient.rs patient/ExplanationOfBenefit.rs patient/Coverage.rs',
      patient: sandbox.dataset.beneficiaries[0]?.patientId.v2,
      // 13 months after consent, clamped to the month's end.
      access_grant_expiration: '2027-02-28T12:00:00Z',
    });
    expect(body.access_token).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9]{30}$/);
  });

  it('gives v3 tokens the v3 patient id and v1 tokens the v2 one', async () => {
    const sandbox = await sandboxWith();
    const bene = sandbox.dataset.beneficiaries[0];
    expect((await obtainTokens(sandbox, { version: 3 })).patient).toBe(bene?.patientId.v3);
    expect((await obtainTokens(sandbox, { version: 1 })).patient).toBe(bene?.patientId.v2);
  });

  it('honours tokenExpiresIn', async () => {
    const sandbox = await sandboxWith({ tokenExpiresIn: 120 });
    expect((await obtainTokens(sandbox)).expires_in).toBe(120);
  });

  it('answers a token POST without its trailing slash with 401, not a redirect (bb2-api 9)', async () => {
    const sandbox = await sandboxWith();
    const grant = await authorizeCode(sandbox);
    const form = {
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: sandbox.client.redirectUri,
      code_verifier: grant.verifier,
      client_id: sandbox.client.clientId,
      client_secret: sandbox.client.clientSecret,
    };
    const response = await postForm(`${sandbox.url}/v2/o/token`, form);
    expect(response.status).toBe(401);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    // The code was not touched: the slashed endpoint still takes it.
    expect((await postForm(`${sandbox.url}/v2/o/token/`, form)).status).toBe(200);
  });

  it('authenticates the client with HTTP Basic instead of body credentials', async () => {
    const sandbox = await sandboxWith();
    const grant = await authorizeCode(sandbox);
    const response = await postForm(
      `${sandbox.url}/v2/o/token/`,
      {
        grant_type: 'authorization_code',
        code: grant.code,
        redirect_uri: sandbox.client.redirectUri,
        code_verifier: grant.verifier,
      },
      { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) },
    );
    expect(response.status).toBe(200);
  });

  it('refuses a Basic client that differs from the body client_id', async () => {
    const sandbox = await sandboxWith();
    const grant = await authorizeCode(sandbox);
    const response = await postForm(
      `${sandbox.url}/v2/o/token/`,
      {
        grant_type: 'authorization_code',
        code: grant.code,
        client_id: 'someoneElse0000000000000000000000000000000',
      },
      { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status_code: 400,
      error: 'invalid_request',
      error_description: 'different app in headers than in request data',
    });
  });

  it('refuses wrong, unknown or missing client credentials', async () => {
    const sandbox = await sandboxWith();
    const grant = await authorizeCode(sandbox);
    const wrong = await exchangeCode(sandbox, grant, { client_secret: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_client' });
    const unknownBody = await exchangeCode(sandbox, grant, { client_id: 'unknown' });
    expect(unknownBody.status).toBe(400);
    expect(await unknownBody.json()).toEqual({
      status_code: 400,
      error: 'invalid_client',
      error_description: 'Application does not exist (client_id)',
    });
    const unknownBasic = await postForm(
      `${sandbox.url}/v2/o/token/`,
      { grant_type: 'authorization_code', code: grant.code },
      { authorization: basic('unknown', 'x') },
    );
    expect(unknownBasic.status).toBe(401);
    expect(await unknownBasic.json()).toEqual({
      status_code: 401,
      error: 'invalid_client',
      error_description: 'Application does not exist',
    });
    const none = await postForm(`${sandbox.url}/v2/o/token/`, {
      grant_type: 'authorization_code',
      code: grant.code,
    });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      status_code: 401,
      error: 'invalid_client',
      error_description: 'App id failed',
    });
    // None of those attempts used the code up.
    expect((await exchangeCode(sandbox, grant)).status).toBe(200);
  });

  it('answers a Bearer Authorization header with a 500, as BB2 would', async () => {
    const sandbox = await sandboxWith();
    const grant = await authorizeCode(sandbox);
    const response = await postForm(
      `${sandbox.url}/v2/o/token/`,
      { grant_type: 'authorization_code', code: grant.code },
      { authorization: 'Bearer stale' },
    );
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Server Error (500)' });
  });

  it('takes form-urlencoded bodies only', async () => {
    const sandbox = await sandboxWith();
    const response = await fetch(`${sandbox.url}/v2/o/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toBe('invalid_request');
  });

  it('refuses unsupported grant types', async () => {
    const sandbox = await sandboxWith();
    const response = await postForm(`${sandbox.url}/v2/o/token/`, {
      grant_type: 'password',
      client_id: sandbox.client.clientId,
      client_secret: sandbox.client.clientSecret,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'unsupported_grant_type' });
  });

  it('uses a code once', async () => {
    const sandbox = await sandboxWith();
    const grant = await authorizeCode(sandbox);
    expect((await exchangeCode(sandbox, grant)).status).toBe(200);
    const reuse = await exchangeCode(sandbox, grant);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({ error: 'invalid_grant' });
  });

  it('expires codes after 60 seconds', async () => {
    let now = Date.UTC(2026, 5, 1);
    const sandbox = await sandboxWith({ now: () => now });
    const grant = await authorizeCode(sandbox);
    now += 60_000;
    const response = await exchangeCode(sandbox, grant);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_grant' });
  });

  it('requires the authorize redirect_uri and a code of the same token family', async () => {
    const sandbox = await sandboxWith({ redirectUri: 'http://127.0.0.1/callback http://127.0.0.1/other' });
    const grant = await authorizeCode(sandbox);
    const mismatch = await exchangeCode(sandbox, grant, { redirect_uri: 'http://127.0.0.1/other' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toEqual({ error: 'invalid_grant' });
    const v3 = await exchangeCode(sandbox, { ...grant, version: 3 });
    expect(v3.status).toBe(400);
    // A v2 code works at the v1 endpoint: v1 and v2 share tokens.
    expect((await exchangeCode(sandbox, { ...grant, version: 1 })).status).toBe(200);
  });

  it('checks PKCE: verifier present, 43-128 characters, matching the challenge', async () => {
    const sandbox = await sandboxWith();
    const grant = await authorizeCode(sandbox);
    const cases: [string | undefined, object][] = [
      [undefined, { error: 'invalid_request', error_description: 'code_verifier required for this request' }],
      ['a'.repeat(42), { error: 'invalid_request', error_description: 'code_verifier min length is 43' }],
      ['a'.repeat(129), { error: 'invalid_request', error_description: 'code_verifier max length is 128' }],
      ['a'.repeat(43), { error: 'invalid_grant', error_description: 'code_challenge does not match' }],
    ];
    for (const [verifier, body] of cases) {
      const response = await exchangeCode(
        sandbox,
        { ...grant, verifier: '' },
        verifier === undefined ? {} : { code_verifier: verifier },
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(body);
    }
    expect((await exchangeCode(sandbox, grant)).status).toBe(200);
  });

  it('accepts a padded challenge', async () => {
    const sandbox = await sandboxWith();
    const verifier = 'v'.repeat(50);
    const padded = createHash('sha256').update(verifier).digest('base64url').concat('=');
    const callback = new URL(await sandbox.authorize(authorizeUrl(sandbox, { challenge: padded })));
    const grant = { code: callback.searchParams.get('code') ?? '', verifier, version: 2 as const };
    expect((await exchangeCode(sandbox, grant)).status).toBe(200);
  });
});

describe('refresh (bb2-api 2.7, 2.8)', () => {
  it('rotates refresh tokens: each works once, the old access token dies', async () => {
    const sandbox = await sandboxWith();
    const first = await obtainTokens(sandbox);
    const response = await refreshWith(sandbox, first.refresh_token);
    expect(response.status).toBe(200);
    const second = (await response.json()) as typeof first;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.patient).toBe(first.patient);
    expect(second.scope).toBe(first.scope);
    expect(second.access_grant_expiration).toBe(first.access_grant_expiration);
    const reuse = await refreshWith(sandbox, first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({ error: 'invalid_grant' });
    const old = await fetch(`${sandbox.url}/v2/fhir/Patient/`, {
      headers: { authorization: `Bearer ${first.access_token}` },
    });
    expect(old.status).toBe(401);
    expect((await refreshWith(sandbox, second.refresh_token)).status).toBe(200);
  });

  it('refreshes with body credentials too', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const response = await postForm(`${sandbox.url}/v2/o/token/`, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: sandbox.client.clientId,
      client_secret: sandbox.client.clientSecret,
    });
    expect(response.status).toBe(200);
  });

  it("reports unknown refresh tokens the way BB2's app lookup does", async () => {
    const sandbox = await sandboxWith();
    // Basic auth only: BB2 finds the app through the refresh token, which does not exist.
    const basicOnly = await refreshWith(sandbox, 'unknown-refresh-token');
    expect(basicOnly.status).toBe(400);
    expect(await basicOnly.json()).toEqual({
      status_code: 400,
      error: 'invalid_request',
      error_description: 'Refresh token not found.',
    });
    // With a body client_id the app is found first; the token lookup then fails.
    const withClientId = await refreshWith(sandbox, 'unknown-refresh-token', 2, {
      client_id: sandbox.client.clientId,
    });
    expect(withClientId.status).toBe(400);
    expect(await withClientId.json()).toEqual({
      status_code: 400,
      error: 'invalid_request',
      error_description: 'Missing refresh token parameter',
    });
  });

  it('narrows scopes on request and refuses widening', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const narrowed = await refreshWith(sandbox, tokens.refresh_token, 2, { scope: 'patient/Coverage.r' });
    expect(narrowed.status).toBe(200);
    const body = (await narrowed.json()) as typeof tokens;
    expect(body.scope).toBe('patient/Coverage.r');
    const widened = await refreshWith(sandbox, body.refresh_token, 2, { scope: 'patient/Patient.r' });
    expect(widened.status).toBe(400);
    expect(await widened.json()).toEqual({ error: 'invalid_scope' });
  });

  it('refuses a refresh token of the other token family', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox, { version: 3 });
    const response = await refreshWith(sandbox, tokens.refresh_token, 2);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_grant' });
    expect((await refreshWith(sandbox, tokens.refresh_token, 3)).status).toBe(200);
  });
});

describe('application types (bb2-api 2.10)', () => {
  it('ONE_TIME: grant expiration is now + expires_in and refresh is forbidden', async () => {
    const now = Date.UTC(2026, 2, 1, 8, 30, 0);
    const sandbox = await sandboxWith({ appType: 'ONE_TIME', now: () => now });
    const tokens = await obtainTokens(sandbox);
    expect(tokens.access_grant_expiration).toBe('2026-03-01T09:30:00Z');
    expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9]{30}$/);
    const response = await refreshWith(sandbox, tokens.refresh_token);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      status_code: 403,
      error: 'invalid_client',
      error_description: `Your application is not allowed to refresh tokens. ${REAUTH} If your application needs to refresh tokens, contact us at BlueButtonAPI@cms.hhs.gov.`,
    });
  });

  it('RESEARCH_STUDY: no grant expiration', async () => {
    const sandbox = await sandboxWith({ appType: 'RESEARCH_STUDY' });
    const tokens = await obtainTokens(sandbox);
    expect(tokens.access_grant_expiration).toBe('');
    expect((await refreshWith(sandbox, tokens.refresh_token)).status).toBe(200);
  });

  it('THIRTEEN_MONTH: an expired grant refuses refresh with 401', async () => {
    let now = Date.UTC(2026, 0, 15);
    const sandbox = await sandboxWith({ now: () => now });
    const tokens = await obtainTokens(sandbox);
    expect(tokens.access_grant_expiration).toBe('2027-02-15T00:00:00Z');
    now = Date.UTC(2027, 1, 15);
    const response = await refreshWith(sandbox, tokens.refresh_token);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      status_code: 401,
      error: 'invalid_grant',
      error_description: `User access has timed out. ${REAUTH}`,
    });
  });

  it('a revoked grant refuses refresh with 403', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    sandbox.revokeGrant(0);
    const response = await refreshWith(sandbox, tokens.refresh_token);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      status_code: 403,
      error: 'invalid_grant',
      error_description: `User access cannot be found. ${REAUTH}`,
    });
  });
});
