/**
 * Registered apps (`startSandbox({ apps })`): their own client id, secret and redirect URIs, BB2's exact
 * redirect-URI match, and the data-access kinds of bb2-api 2.10.
 */
import { type SandboxApp, SandboxOptionsError } from 'bluebutton-ts/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  basic,
  bundleOf,
  closeSandboxes,
  fhirGet,
  json,
  pkce,
  postForm,
  STATE,
  sandboxWith,
  type TokenBody,
} from './helpers.js';

afterEach(closeSandboxes);

/** CMS's Node sample app registers this callback. */
const NODE_SAMPLE_CALLBACK = 'http://localhost:3001/api/bluebutton/callback/';
const NODE_SAMPLE: SandboxApp = {
  clientId: 'nodeSampleClientId0000000000000000000001',
  clientSecret: 'node-sample-secret',
  redirectUris: [NODE_SAMPLE_CALLBACK],
  name: 'CMS Node sample',
};
const OTHER: SandboxApp = {
  clientId: 'otherApp',
  clientSecret: 'other-secret',
  redirectUris: ['https://other.example.test/cb'],
};

function authorizeUrlFor(
  base: string,
  app: SandboxApp,
  challenge: string,
  redirectUri = app.redirectUris[0],
) {
  const query = new URLSearchParams({
    client_id: app.clientId,
    redirect_uri: redirectUri ?? '',
    response_type: 'code',
    state: STATE,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${base}/v2/o/authorize/?${query}`;
}

async function tokensFor(
  sandbox: Awaited<ReturnType<typeof sandboxWith>>,
  app: SandboxApp,
  beneficiary = 0,
): Promise<TokenBody> {
  const { verifier, challenge } = pkce();
  const callback = new URL(
    await sandbox.authorize(authorizeUrlFor(sandbox.url, app, challenge), { beneficiary }),
  );
  const response = await postForm(`${sandbox.url}/v2/o/token/`, {
    grant_type: 'authorization_code',
    code: callback.searchParams.get('code') ?? '',
    redirect_uri: app.redirectUris[0] ?? '',
    code_verifier: verifier,
    client_id: app.clientId,
    client_secret: app.clientSecret,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

describe('apps option', () => {
  it("runs CMS's Node sample app (own id, secret, callback): authorize, callback, EOB search", async () => {
    const sandbox = await sandboxWith({ apps: [NODE_SAMPLE] });
    const { verifier, challenge } = pkce();
    const consent = await fetch(authorizeUrlFor(sandbox.url, NODE_SAMPLE, challenge));
    expect(consent.status).toBe(200);
    expect(await consent.text()).toContain('CMS Node sample');
    const callback = new URL(await sandbox.authorize(authorizeUrlFor(sandbox.url, NODE_SAMPLE, challenge)));
    expect(`${callback.origin}${callback.pathname}`).toBe(NODE_SAMPLE_CALLBACK);
    expect(callback.searchParams.get('state')).toBe(STATE);
    const token = await postForm(`${sandbox.url}/v2/o/token/`, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: NODE_SAMPLE_CALLBACK,
      code_verifier: verifier,
      client_id: NODE_SAMPLE.clientId,
      client_secret: NODE_SAMPLE.clientSecret,
    });
    expect(token.status).toBe(200);
    const body = (await token.json()) as TokenBody;
    const eobs = await bundleOf(
      await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, body.access_token),
    );
    expect(eobs.total).toBe(sandbox.dataset.beneficiaries[0]?.eobCount);
    expect(sandbox.config()).toMatchObject({
      clientId: NODE_SAMPLE.clientId,
      callbackUrl: NODE_SAMPLE_CALLBACK,
    });
  });

  it('matches redirect URIs exactly, as oauthlib does: "Mismatching redirect URI" otherwise', async () => {
    const sandbox = await sandboxWith({ apps: [NODE_SAMPLE] });
    for (const uri of [
      'http://localhost:3001/api/bluebutton/callback',
      'http://127.0.0.1:3001/api/bluebutton/callback/',
      'http://localhost:3001/api/bluebutton/callback/?x=1',
      OTHER.redirectUris[0] ?? '',
    ]) {
      const response = await fetch(authorizeUrlFor(sandbox.url, NODE_SAMPLE, pkce().challenge, uri));
      expect(response.status, uri).toBe(400);
      expect(await response.json()).toEqual({
        status_code: 400,
        error: 'invalid_request',
        error_description: 'Mismatching redirect URI.',
      });
    }
  });

  it('lets a request pick any port for a loopback IP registered without one (RFC 8252 7.3, DOT #953)', async () => {
    const native: SandboxApp = {
      clientId: 'nativeCliClientId0000000000000000000001',
      clientSecret: 'native-secret',
      redirectUris: ['http://127.0.0.1/callback', 'http://localhost/callback', 'http://127.0.0.1:9000/fixed'],
    };
    const sandbox = await sandboxWith({ apps: [native] });
    const { verifier, challenge } = pkce();
    const chosen = 'http://127.0.0.1:54321/callback';
    const callback = new URL(
      await sandbox.authorize(authorizeUrlFor(sandbox.url, native, challenge, chosen)),
    );
    expect(`${callback.origin}${callback.pathname}`).toBe(chosen);
    const token = await postForm(
      `${sandbox.url}/v2/o/token/`,
      {
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: chosen,
        code_verifier: verifier,
      },
      { authorization: basic(native.clientId, native.clientSecret) },
    );
    expect(token.status).toBe(200);
    // localhost, another path, or a registered port: exact match only, as DOT does.
    for (const uri of [
      'http://localhost:54321/callback',
      'http://127.0.0.1:54321/other',
      'https://127.0.0.1:54321/callback',
      'http://127.0.0.1:9001/fixed',
    ]) {
      const response = await fetch(authorizeUrlFor(sandbox.url, native, pkce().challenge, uri));
      expect(response.status, uri).toBe(400);
      expect(await response.json()).toMatchObject({ error_description: 'Mismatching redirect URI.' });
    }
  });

  it('keeps apps apart: a code, a refresh token and a revoke work only for the app they belong to', async () => {
    const sandbox = await sandboxWith({ apps: [NODE_SAMPLE, OTHER] });
    const { verifier, challenge } = pkce();
    const callback = new URL(await sandbox.authorize(authorizeUrlFor(sandbox.url, NODE_SAMPLE, challenge)));
    const stolen = await postForm(`${sandbox.url}/v2/o/token/`, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: NODE_SAMPLE_CALLBACK,
      code_verifier: verifier,
      client_id: OTHER.clientId,
      client_secret: OTHER.clientSecret,
    });
    expect(stolen.status).toBe(400);
    expect(await stolen.json()).toEqual({ error: 'invalid_grant' });
    const mine = await tokensFor(sandbox, NODE_SAMPLE);
    const refresh = await postForm(
      `${sandbox.url}/v2/o/token/`,
      { grant_type: 'refresh_token', refresh_token: mine.refresh_token, client_id: OTHER.clientId },
      { authorization: basic(OTHER.clientId, OTHER.clientSecret) },
    );
    expect(refresh.status).toBe(400);
    // The other app's grant to the same beneficiary is its own: it survives NODE_SAMPLE's revoke.
    const theirs = await tokensFor(sandbox, OTHER);
    const revoke = await postForm(
      `${sandbox.url}/v2/o/revoke/`,
      { token: mine.access_token },
      { authorization: basic(NODE_SAMPLE.clientId, NODE_SAMPLE.clientSecret) },
    );
    expect(revoke.status).toBe(200);
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, mine.access_token)).status).toBe(401);
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, theirs.access_token)).status).toBe(200);
  });

  it('config(clientId) describes a registered app; an unknown one is a SandboxOptionsError', async () => {
    const sandbox = await sandboxWith({ apps: [NODE_SAMPLE, OTHER] });
    expect(sandbox.config(OTHER.clientId)).toEqual({
      clientId: OTHER.clientId,
      clientSecret: OTHER.clientSecret,
      callbackUrl: OTHER.redirectUris[0],
      baseUrl: sandbox.url,
      environment: 'LOCAL',
      version: 2,
    });
    expect(sandbox.config({ clientId: OTHER.clientId, version: 3 }).version).toBe(3);
    expect(sandbox.apps.map((a) => a.clientId)).toEqual([NODE_SAMPLE.clientId, OTHER.clientId]);
    expect(() => sandbox.config('nobody')).toThrow(SandboxOptionsError);
    expect(() => sandbox.config('nobody')).toThrow(expect.objectContaining({ code: 'UNKNOWN_SANDBOX_APP' }));
  });

  it('refuses apps it cannot register, naming the problem', async () => {
    const bad: [SandboxApp[], RegExp][] = [
      [[{ ...OTHER, redirectUris: [] }], /apps\[0\]: redirectUris needs at least one URI/],
      [[{ ...OTHER, redirectUris: ['/relative'] }], /apps\[0\]: redirectUris\[0\] is not an absolute URL/],
      [[OTHER, OTHER], /apps\[1\]: client id registered twice/],
      [[{ ...OTHER, clientSecret: '' }], /apps\[0\]: clientSecret is empty/],
    ];
    for (const [apps, message] of bad) {
      await expect(sandboxWith({ apps })).rejects.toThrow(message);
      await expect(sandboxWith({ apps })).rejects.toMatchObject({ code: 'INVALID_SANDBOX_APP' });
    }
  });
});

describe('app kinds (bb2-api 2.10)', () => {
  const start = Date.UTC(2026, 0, 31, 12, 0, 0);

  it('ten-hours: no refresh token, the grant ends 10 hours after consent', async () => {
    let now = start;
    const app = { ...OTHER, kind: 'ten-hours' as const };
    const sandbox = await sandboxWith({ apps: [app], now: () => now });
    const body = await tokensFor(sandbox, app);
    expect(body).not.toHaveProperty('refresh_token');
    expect(body.access_grant_expiration).toBe('2026-01-31T22:00:00Z');
    now += 10 * 3600_000;
    const late = await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, body.access_token);
    expect(late.status).toBe(401);
  });

  it('thirteen-months (the default): refresh token and access_grant_expiration 13 months on', async () => {
    const sandbox = await sandboxWith({ apps: [OTHER], now: () => start });
    const body = await tokensFor(sandbox, OTHER);
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(body.access_grant_expiration).toBe('2027-02-28T12:00:00Z');
  });

  it('one-time: a refresh token BB2 then refuses with 403', async () => {
    const app = { ...OTHER, kind: 'one-time' as const };
    const sandbox = await sandboxWith({ apps: [app], now: () => start });
    const body = await tokensFor(sandbox, app);
    expect(body.access_grant_expiration).toBe('2026-01-31T13:00:00Z');
    const refresh = await postForm(
      `${sandbox.url}/v2/o/token/`,
      { grant_type: 'refresh_token', refresh_token: body.refresh_token },
      { authorization: basic(app.clientId, app.clientSecret) },
    );
    expect(refresh.status).toBe(403);
    expect(await json(refresh)).toMatchObject({ error: 'invalid_client' });
  });

  it('research: refreshes and has no grant expiration', async () => {
    const app = { ...OTHER, kind: 'research' as const };
    const sandbox = await sandboxWith({ apps: [app] });
    const body = await tokensFor(sandbox, app);
    expect(body.access_grant_expiration).toBe('');
    const refresh = await postForm(
      `${sandbox.url}/v2/o/token/`,
      { grant_type: 'refresh_token', refresh_token: body.refresh_token },
      { authorization: basic(app.clientId, app.clientSecret) },
    );
    expect(refresh.status).toBe(200);
  });
});
