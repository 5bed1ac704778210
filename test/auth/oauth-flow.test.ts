/**
 * The OAuth flow against the local sandbox: what is sent to the token endpoint, what comes back, and the
 * typed errors of the callback and token steps.
 */
import { BlueButton, isBlueButtonError } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FAST_RETRY, login, received } from '../helpers/sandbox-session.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ beneficiaries: 2, eobsPerBeneficiary: 20 });
});
afterEach(() => sandbox.close());

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isBlueButtonError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('authorization code exchange', () => {
  test('exchanges the code with PKCE, form-urlencoded and HTTP Basic; parses the token as BB2 sends it', async () => {
    const bb = new BlueButton({ ...sandbox.config({ version: 2 }), retrySettings: FAST_RETRY });
    const authData = bb.generateAuthData();
    const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData));
    const token = await bb.handleCallback(authData, callback);

    const [req] = received(sandbox, 'POST /v2/o/token/');
    expect(received(sandbox, 'POST /v2/o/token/')).toHaveLength(1);
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const { clientId, clientSecret } = sandbox.client;
    expect(req?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    );
    expect(req?.headers['x-bluebutton-sdk']).toBe('bluebutton-ts');
    const form = new URLSearchParams(req?.body);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toBe(authData.verifier);
    expect(form.get('redirect_uri')).toBe(sandbox.client.redirectUri);
    expect(form.get('client_secret')).toBeNull();

    expect(token.version).toBe(2);
    expect(token.patient).toBe(sandbox.dataset.beneficiaries[0]?.patientId.v2);
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBe(3600);
    expect(token.refreshToken).toEqual(expect.any(String));
    expect(token.scope).toEqual(expect.arrayContaining(['profile', 'patient/ExplanationOfBenefit.rs']));
    expect(token.accessGrantExpiration).toBeInstanceOf(Date);
  });

  test('v3: the default scope list is sent, and the patient id is v3 one', async () => {
    const { token } = await login(sandbox, 3);
    const authorize = sandbox.requests.find((r) => r.path === '/v3/o/authorize/');
    expect(new URLSearchParams(authorize?.query).get('scope')).toContain('patient/ExplanationOfBenefit.rs');
    expect(token.version).toBe(3);
    expect(token.patient).toBe(sandbox.dataset.beneficiaries[0]?.patientId.v3);
  });

  test('a denied consent is CALLBACK_ACCESS_DENIED and sends no token request', async () => {
    const bb = new BlueButton(sandbox.config({ version: 2 }));
    const authData = bb.generateAuthData();
    const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData), { deny: true });
    expect((await errorOf(bb.handleCallback(authData, callback))).code).toBe('CALLBACK_ACCESS_DENIED');
    expect(received(sandbox, 'POST /v2/o/token/')).toHaveLength(0);
  });

  test("another session's state is CALLBACK_STATE_MISMATCH", async () => {
    const bb = new BlueButton(sandbox.config({ version: 2 }));
    const mine = bb.generateAuthData();
    const callback = await sandbox.authorize(bb.generateAuthorizeUrl(bb.generateAuthData()));
    expect((await errorOf(bb.handleCallback(mine, callback))).code).toBe('CALLBACK_STATE_MISMATCH');
    expect(received(sandbox, 'POST /v2/o/token/')).toHaveLength(0);
  });

  test('a used code is TOKEN_REQUEST_FAILED invalid_grant', async () => {
    const bb = new BlueButton(sandbox.config({ version: 2 }));
    const authData = bb.generateAuthData();
    const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData));
    await bb.handleCallback(authData, callback);
    const e = await errorOf(bb.handleCallback(authData, callback));
    expect(e).toMatchObject({ code: 'TOKEN_REQUEST_FAILED', status: 400, error: 'invalid_grant' });
  });

  test('the code exchange is never retried, whatever the failure', async () => {
    const bb = new BlueButton({ ...sandbox.config({ version: 2 }), retrySettings: FAST_RETRY });
    const authData = bb.generateAuthData();
    const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData));
    sandbox.faults.set('POST /v2/o/token/', [503]);
    expect(await errorOf(bb.handleCallback(authData, callback))).toMatchObject({
      code: 'TOKEN_REQUEST_FAILED',
      status: 503,
    });
    sandbox.faults.set('POST /v2/o/token/', ['reset']);
    expect((await errorOf(bb.handleCallback(authData, callback))).code).toBe('NETWORK_ERROR');
    expect(received(sandbox, 'POST /v2/o/token/')).toHaveLength(2);
  });

  test('a wrong client secret is TOKEN_REQUEST_FAILED invalid_client, not a reauthorization', async () => {
    const bb = new BlueButton({ ...sandbox.config({ version: 2 }), clientSecret: 'wrong-secret-value' });
    const authData = bb.generateAuthData();
    const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData));
    const e = await errorOf(bb.handleCallback(authData, callback));
    expect(e).toMatchObject({ code: 'TOKEN_REQUEST_FAILED', status: 401, error: 'invalid_client' });
    expect(e.message).not.toContain('wrong-secret-value');
  });
});

describe('refresh and revoke', () => {
  test('refresh rotates: the new token works, the old refresh token is refused as reused', async () => {
    const { bb, token } = await login(sandbox, 2);
    const fresh = await bb.refreshAuthToken(token);
    expect(fresh.accessToken).not.toBe(token.accessToken);
    expect(fresh.refreshToken).not.toBe(token.refreshToken);
    const form = new URLSearchParams(received(sandbox, 'POST /v2/o/token/').at(-1)?.body);
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('refresh_token')).toBe(token.refreshToken);
    const e = await errorOf(bb.refreshAuthToken(token));
    expect(e).toMatchObject({
      code: 'REAUTHORIZATION_REQUIRED',
      reason: 'refresh-token-reused',
      status: 400,
    });
    await expect(bb.client(fresh).v2.Patient.read(fresh.patient)).resolves.toMatchObject({
      resourceType: 'Patient',
    });
  });

  test('a v3 token refreshes at the v3 token endpoint', async () => {
    const { bb, token } = await login(sandbox, 3);
    await bb.refreshAuthToken(token);
    expect(received(sandbox, 'POST /v3/o/token/')).toHaveLength(2);
  });

  test.each([
    ['an expired 13-month grant', (s: Sandbox) => s.expireGrant(0), 'grant-expired', 401],
    ['a revoked grant', (s: Sandbox) => s.revokeGrant(0), 'grant-revoked', 403],
  ])('%s is REAUTHORIZATION_REQUIRED', async (_name, act, reason, status) => {
    const { bb, token } = await login(sandbox, 2);
    act(sandbox);
    expect(await errorOf(bb.refreshAuthToken(token))).toMatchObject({
      code: 'REAUTHORIZATION_REQUIRED',
      reason,
      status,
    });
  });

  test('a one-time app may not refresh: refresh-not-allowed', async () => {
    const oneTime = await startSandbox({ appType: 'ONE_TIME', beneficiaries: 1, eobsPerBeneficiary: 5 });
    try {
      const { bb, token } = await login(oneTime, 2);
      expect(await errorOf(bb.refreshAuthToken(token))).toMatchObject({
        code: 'REAUTHORIZATION_REQUIRED',
        reason: 'refresh-not-allowed',
        status: 403,
      });
    } finally {
      await oneTime.close();
    }
  });

  test('revokeAuthToken ends the grant: data calls get 401 and refresh is refused', async () => {
    const { bb, token } = await login(sandbox, 2);
    await bb.revokeAuthToken(token);
    const form = new URLSearchParams(received(sandbox, 'POST /v2/o/revoke/')[0]?.body);
    expect(form.get('token')).toBe(token.accessToken);
    const e = await errorOf(bb.client(token).v2.ExplanationOfBenefit.search());
    expect(e.code).toBe('REAUTHORIZATION_REQUIRED');
  });
});
