import { afterEach, describe, expect, it } from 'vitest';
import { SandboxAuthorizeError } from '../../src/sandbox/index.js';
import {
  authorizeUrl,
  closeSandboxes,
  exchangeCode,
  json,
  pkce,
  postForm,
  STATE,
  sandboxWith,
} from './helpers.js';

afterEach(closeSandboxes);

async function refusal(promise: Promise<unknown>): Promise<SandboxAuthorizeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxAuthorizeError);
  return error as SandboxAuthorizeError;
}

describe('authorize validation (bb2-api 2.3)', () => {
  it('lists every missing BB2-required parameter together', async () => {
    const sandbox = await sandboxWith();
    const url = authorizeUrl(sandbox, {
      set: { code_challenge: undefined, code_challenge_method: undefined },
    });
    const response = await fetch(url);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status_code: 400,
      message: 'Missing Required Parameter(s): code_challenge, code_challenge_method',
    });
  });

  it('requires state, at least 16 characters long', async () => {
    const sandbox = await sandboxWith();
    const missing = await fetch(authorizeUrl(sandbox, { set: { state: undefined } }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      status_code: 400,
      message: 'Missing Required Parameter(s): state',
    });
    const short = await fetch(authorizeUrl(sandbox, { set: { state: 'fifteen-chars-x' } }));
    expect(short.status).toBe(400);
    expect(await short.json()).toEqual({
      status_code: 400,
      message: 'State parameter should have a minimum of 16 characters',
    });
  });

  it('requires scope on v3 only', async () => {
    const sandbox = await sandboxWith();
    const v3 = await fetch(authorizeUrl(sandbox, { version: 3, set: { scope: undefined } }));
    expect(v3.status).toBe(400);
    expect(await v3.json()).toEqual({ status_code: 400, message: 'Missing Required Parameter(s): scope' });
    const v2 = await fetch(authorizeUrl(sandbox, { version: 2 }));
    expect(v2.status).toBe(200);
    expect(v2.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('accepts S256 only', async () => {
    const sandbox = await sandboxWith();
    const response = await fetch(authorizeUrl(sandbox, { set: { code_challenge_method: 'plain' } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status_code: 400,
      error: 'invalid_request',
      error_description: 'code_challenge_method must be S256',
    });
  });

  it('refuses unknown clients and unregistered redirect URIs without redirecting', async () => {
    const sandbox = await sandboxWith();
    const client = await fetch(authorizeUrl(sandbox, { set: { client_id: 'x'.repeat(40) } }));
    expect(client.status).toBe(400);
    expect(await client.json()).toEqual({
      status_code: 400,
      error: 'invalid_request',
      error_description: 'Invalid client_id parameter value.',
    });
    const redirect = await fetch(
      authorizeUrl(sandbox, { set: { redirect_uri: 'https://evil.example/cb' } }),
      {
        redirect: 'manual',
      },
    );
    expect(redirect.status).toBe(400);
    expect(await redirect.json()).toEqual({
      status_code: 400,
      error: 'invalid_request',
      error_description: 'Mismatching redirect URI.',
    });
  });

  it('refuses a client_secret in the query as plain text', async () => {
    const sandbox = await sandboxWith();
    const response = await fetch(
      authorizeUrl(sandbox, { set: { client_secret: sandbox.client.clientSecret } }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Illegal query parameter [client_secret] detected');
  });

  it('refuses unknown scopes', async () => {
    const sandbox = await sandboxWith();
    const response = await fetch(authorizeUrl(sandbox, { scope: 'profile patient/Observation.read' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status_code: 400, message: 'Invalid scopes.' });
  });

  it('sends a bad response_type back to the callback, as oauthlib does', async () => {
    const sandbox = await sandboxWith();
    const response = await fetch(authorizeUrl(sandbox, { set: { response_type: 'token' } }), {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(sandbox.client.redirectUri);
    expect(location.searchParams.get('error')).toBe('unsupported_response_type');
    expect(location.searchParams.get('state')).toBe(STATE);
  });

  it('redirects the slash-less authorize path with a 301 (Django APPEND_SLASH)', async () => {
    const sandbox = await sandboxWith();
    const url = authorizeUrl(sandbox, { path: 'authorize' });
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`/v2/o/authorize/?${new URL(url).search.slice(1)}`);
    expect(sandbox.requests.at(-1)?.routeKey).toBeUndefined();
  });

  it('accepts authorize as a form POST (SMART authorize-post) and needs state in the body', async () => {
    const sandbox = await sandboxWith();
    const params = Object.fromEntries(new URL(authorizeUrl(sandbox)).searchParams);
    const ok = await postForm(`${sandbox.url}/v2/o/authorize/`, params);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(
      /<form id="consent" method="post" action="\/v2\/o\/authorize\/[0-9a-f-]{36}\/"/,
    );
    const { state: _state, ...withoutState } = params;
    const refused = await postForm(`${sandbox.url}/v2/o/authorize/`, withoutState);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ status_code: 401, message: 'State required in POST body.' });
  });

  it('rejects sandbox.authorize() with BB2 status and body for an invalid request', async () => {
    const sandbox = await sandboxWith();
    const error = await refusal(sandbox.authorize(authorizeUrl(sandbox, { set: { state: 'short' } })));
    expect(error.status).toBe(400);
    expect(JSON.parse(error.body)).toEqual({
      status_code: 400,
      message: 'State parameter should have a minimum of 16 characters',
    });
    expect(error.message).toContain('HTTP 400');
  });
});

describe('consent (bb2-api 2.4)', () => {
  it('serves a human-usable consent page listing the synthetic beneficiaries', async () => {
    const sandbox = await sandboxWith();
    const html = await (await fetch(authorizeUrl(sandbox))).text();
    for (const bene of sandbox.dataset.beneficiaries) expect(html).toContain(`value="${bene.username}"`);
    expect(html).toContain('name="share_demographics" value="false"');
    expect(html).toContain('type="submit" name="allow" value="true">Allow</button>');
    expect(html).toContain('type="submit" name="allow" value="false">Deny access</button>');
  });

  it('redirects to the callback with code and state on allow', async () => {
    const sandbox = await sandboxWith();
    const callback = new URL(await sandbox.authorize(authorizeUrl(sandbox)));
    expect(`${callback.origin}${callback.pathname}`).toBe(sandbox.client.redirectUri);
    expect(callback.searchParams.get('state')).toBe(STATE);
    expect(callback.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{30}$/);
  });

  it('redirects with error=access_denied on deny', async () => {
    const sandbox = await sandboxWith();
    const callback = new URL(await sandbox.authorize(authorizeUrl(sandbox), { deny: true }));
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: 'access_denied', state: STATE });
  });

  it('denies when declining demographics leaves no scope to grant', async () => {
    const sandbox = await sandboxWith();
    const url = authorizeUrl(sandbox, { scope: 'profile patient/Patient.read' });
    const callback = new URL(await sandbox.authorize(url, { shareDemographics: false }));
    expect(callback.searchParams.get('error')).toBe('access_denied');
  });

  it('removes patient/Patient.* and profile when demographics are declined', async () => {
    const sandbox = await sandboxWith();
    const { verifier, challenge } = pkce();
    const callback = new URL(
      await sandbox.authorize(authorizeUrl(sandbox, { challenge }), { shareDemographics: false }),
    );
    const response = await exchangeCode(sandbox, {
      code: callback.searchParams.get('code') ?? '',
      verifier,
      version: 2,
    });
    const body = await json(response);
    expect(body.scope).toBe('patient/ExplanationOfBenefit.rs patient/Coverage.rs');
    expect(body.patient).toBe(sandbox.dataset.beneficiaries[0]?.patientId.v2);
  });

  it('condenses .r plus .s into .rs, as BB2 does', async () => {
    const sandbox = await sandboxWith();
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(sandbox, {
      challenge,
      scope: 'patient/Coverage.r profile patient/Coverage.s openid',
    });
    const callback = new URL(await sandbox.authorize(url));
    const grant = { code: callback.searchParams.get('code') ?? '', verifier, version: 2 as const };
    expect((await json(await exchangeCode(sandbox, grant))).scope).toBe('patient/Coverage.rs profile openid');
  });

  it('grants the default scopes when v1/v2 authorize has no scope', async () => {
    const sandbox = await sandboxWith();
    const { verifier, challenge } = pkce();
    const callback = new URL(await sandbox.authorize(authorizeUrl(sandbox, { version: 1, challenge })));
    const grant = { code: callback.searchParams.get('code') ?? '', verifier, version: 1 as const };
    const body = await json(await exchangeCode(sandbox, grant));
    expect(body.scope).toBe('profile patient/Patient.rs patient/ExplanationOfBenefit.rs patient/Coverage.rs');
  });

  it('answers 404 for an unknown or used consent instance', async () => {
    const sandbox = await sandboxWith();
    const unknown = await postForm(`${sandbox.url}/v2/o/authorize/00000000-0000-4000-8000-000000000000/`, {
      allow: 'true',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ status_code: 404, message: 'Not found.' });
    const html = await (await fetch(authorizeUrl(sandbox))).text();
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
    const first = await postForm(`${sandbox.url}${action}`, { allow: 'true' }, {});
    expect(first.status).toBe(302);
    const again = await fetch(`${sandbox.url}${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'allow=true',
    });
    expect(again.status).toBe(404);
  });

  it('lets the beneficiary be chosen by index, username or patient id', async () => {
    const sandbox = await sandboxWith();
    const bene = sandbox.dataset.beneficiaries[1];
    for (const key of [1, bene?.username ?? '', bene?.patientId.v3 ?? '']) {
      const { verifier, challenge } = pkce();
      const callback = new URL(
        await sandbox.authorize(authorizeUrl(sandbox, { challenge }), { beneficiary: key }),
      );
      const grant = { code: callback.searchParams.get('code') ?? '', verifier, version: 2 as const };
      expect((await json(await exchangeCode(sandbox, grant))).patient).toBe(bene?.patientId.v2);
    }
    await expect(sandbox.authorize(authorizeUrl(sandbox), { beneficiary: 'BBUser99999' })).rejects.toThrow(
      RangeError,
    );
  });
});
