import { afterEach, describe, expect, it } from 'vitest';
import {
  basic,
  closeSandboxes,
  fhirGet,
  json,
  obtainTokens,
  postForm,
  refreshWith,
  sandboxWith,
} from './helpers.js';

afterEach(closeSandboxes);

const REAUTH = 'To refresh Medicare data, end user must re-authenticate and consent to share their data.';
const NOT_AUTHENTICATED = { detail: 'Authentication credentials were not provided.' };

describe('revoke endpoints (bb2-api 2.9)', () => {
  it('/o/revoke/ ends the grant: tokens die, refresh is 403, unknown or revoked tokens are 500 (bb2-api 9)', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const auth = { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) };
    const revoked = await postForm(`${sandbox.url}/v2/o/revoke/`, { token: tokens.access_token }, auth);
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toBe('');
    const fhir = await fhirGet(`${sandbox.url}/v2/fhir/Patient/`, tokens.access_token);
    expect(fhir.status).toBe(401);
    expect(await fhir.json()).toEqual(NOT_AUTHENTICATED);
    const refresh = await refreshWith(sandbox, tokens.refresh_token);
    expect(refresh.status).toBe(403);
    expect((await json(refresh)).error_description).toBe(`User access cannot be found. ${REAUTH}`);
    // CMS's code raises an uncaught "Token not found" for these, whatever the docs' "always 200" says.
    for (const token of ['unknown', tokens.access_token, tokens.refresh_token]) {
      const again = await postForm(`${sandbox.url}/v2/o/revoke/`, { token }, auth);
      expect(again.status).toBe(500);
      expect(await again.json()).toEqual({ error: 'Server Error (500)' });
    }
  });

  it('/o/revoke/ needs client credentials and a token', async () => {
    const sandbox = await sandboxWith();
    const noClient = await postForm(`${sandbox.url}/v2/o/revoke/`, { token: 'x' });
    expect(noClient.status).toBe(401);
    expect(await noClient.json()).toEqual({ error: 'invalid_client' });
    const noToken = await postForm(`${sandbox.url}/v2/o/revoke/`, {
      client_id: sandbox.client.clientId,
      client_secret: sandbox.client.clientSecret,
    });
    expect(noToken.status).toBe(400);
    expect(await noToken.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Missing token parameter.',
    });
  });

  it('/o/revoke_token/ revokes one access token and keeps the grant', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const response = await postForm(`${sandbox.url}/v2/o/revoke_token/`, {
      token: tokens.access_token,
      client_id: sandbox.client.clientId,
      client_secret: sandbox.client.clientSecret,
    });
    expect(response.status).toBe(200);
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Patient/`, tokens.access_token)).status).toBe(401);
    expect((await refreshWith(sandbox, tokens.refresh_token)).status).toBe(200);
  });

  it('/o/revoke_token/ on a refresh token makes it invalid_grant', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const auth = { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) };
    const response = await postForm(
      `${sandbox.url}/v2/o/revoke_token/`,
      { token: tokens.refresh_token, token_type_hint: 'refresh_token' },
      auth,
    );
    expect(response.status).toBe(200);
    const refresh = await refreshWith(sandbox, tokens.refresh_token);
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });
  });

  it('answers the slash-less OAuth paths with 401; only authorize redirects (bb2-api 9)', async () => {
    const sandbox = await sandboxWith();
    for (const path of ['revoke_token', 'revoke', 'introspect', 'token']) {
      const response = await postForm(`${sandbox.url}/v2/o/${path}`, { token: 'x' });
      expect(response.status, path).toBe(401);
      expect(response.headers.get('location'), path).toBeNull();
    }
    const authorize = await fetch(`${sandbox.url}/v3/o/authorize?client_id=x`, { redirect: 'manual' });
    expect(authorize.status).toBe(301);
    expect(authorize.headers.get('location')).toBe('/v3/o/authorize/?client_id=x');
  });
});

describe('introspection', () => {
  it('describes live tokens and reports dead ones as inactive', async () => {
    const now = Date.UTC(2026, 3, 1, 0, 0, 0);
    const sandbox = await sandboxWith({ now: () => now });
    const tokens = await obtainTokens(sandbox);
    const auth = { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) };
    const live = await postForm(`${sandbox.url}/v2/o/introspect/`, { token: tokens.access_token }, auth);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({
      active: true,
      scope: tokens.scope,
      exp: now / 1000 + 3600,
      client_id: sandbox.client.clientId,
      username: 'BBUser00000',
    });
    sandbox.expireAccessTokens();
    const dead = await postForm(`${sandbox.url}/v2/o/introspect/`, { token: tokens.access_token }, auth);
    expect(await dead.json()).toEqual({ active: false });
    const anonymous = await postForm(`${sandbox.url}/v2/o/introspect/`, { token: tokens.access_token });
    expect(anonymous.status).toBe(403);
  });
});

describe('expire_authenticated_user (sandbox testing endpoint)', () => {
  it('expires the grant of a patient id of that version', async () => {
    const sandbox = await sandboxWith();
    const v2 = await obtainTokens(sandbox, { version: 2 });
    const bene = sandbox.dataset.beneficiaries[0];
    const auth = { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) };
    const wrongVersion = await postForm(
      `${sandbox.url}/v3/o/expire_authenticated_user/${bene?.patientId.v2}/`,
      {},
      auth,
    );
    expect(wrongVersion.status).toBe(404);
    expect(await wrongVersion.text()).toBe(
      'Patient was Not Found. Please check the id number and try again.',
    );
    const response = await postForm(
      `${sandbox.url}/v2/o/expire_authenticated_user/${bene?.patientId.v2}/`,
      {},
      auth,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('success');
    const fhir = await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, v2.access_token);
    expect(fhir.status).toBe(401);
    expect(await fhir.json()).toEqual({ detail: `User access has timed out. ${REAUTH}` });
    expect((await refreshWith(sandbox, v2.refresh_token)).status).toBe(401);
  });

  it('answers 404 without a grant and 403 without Basic credentials', async () => {
    const sandbox = await sandboxWith();
    const bene = sandbox.dataset.beneficiaries[1];
    const url = `${sandbox.url}/v2/o/expire_authenticated_user/${bene?.patientId.v2}/`;
    const auth = { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) };
    const noGrant = await postForm(url, {}, auth);
    expect(noGrant.status).toBe(404);
    expect(await noGrant.text()).toBe('Data Access Grant was Not Found.');
    expect((await postForm(url, {})).status).toBe(403);
  });
});

describe('sandbox controls', () => {
  it('expireAccessTokens() expires every token issued so far, not later ones', async () => {
    const sandbox = await sandboxWith();
    const before = await obtainTokens(sandbox);
    sandbox.expireAccessTokens();
    // Another beneficiary: a second consent by the same one would cancel the first tokens.
    const after = await obtainTokens(sandbox, { beneficiary: 1 });
    const expired = await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, before.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe(
      'Bearer realm="api",error="invalid_token",error_description="The access token has expired."',
    );
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, after.access_token)).status).toBe(200);
    expect((await refreshWith(sandbox, before.refresh_token)).status).toBe(200);
  });

  it('tokens expire by the injected clock', async () => {
    let now = Date.UTC(2026, 0, 1);
    const sandbox = await sandboxWith({ now: () => now, tokenExpiresIn: 60 });
    const tokens = await obtainTokens(sandbox);
    now += 59_000;
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token)).status).toBe(200);
    now += 1_000;
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token)).status).toBe(401);
  });

  it('expireGrant() and revokeGrant() accept an index, username or patient id', async () => {
    const sandbox = await sandboxWith();
    const bene = sandbox.dataset.beneficiaries[1];
    const tokens = await obtainTokens(sandbox, { beneficiary: 1 });
    sandbox.expireGrant(bene?.username ?? '');
    const expired = await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ detail: `User access has timed out. ${REAUTH}` });
    const again = await obtainTokens(sandbox, { beneficiary: 1 });
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, again.access_token)).status).toBe(200);
    sandbox.revokeGrant(bene?.patientId.v3 ?? '');
    const revoked = await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, again.access_token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual(NOT_AUTHENTICATED);
    expect(() => sandbox.revokeGrant('nobody')).toThrow(RangeError);
  });
});
