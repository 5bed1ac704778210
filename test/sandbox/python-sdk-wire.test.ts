/**
 * CMS's Python SDK (cms-bluebutton-sdk 1.0.5) on the wire: its token requests are `multipart/form-data`
 * as `requests` builds them (`files=`-less `data=` with a boundary), its PKCE values carry `=` padding.
 * The README flow (consent, code exchange, EOB, get_pages, Patient, Coverage, profile) runs on that.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { basic, closeSandboxes, fhirGet, json, STATE, sandboxWith, type TokenBody } from './helpers.js';

afterEach(closeSandboxes);

/** `requests`' `encode_multipart_formdata`: one part per field, CRLF lines, a hex boundary. */
function multipart(fields: Readonly<Record<string, string>>): { body: string; contentType: string } {
  const boundary = randomBytes(16).toString('hex');
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: `${parts.join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function postMultipart(
  url: string,
  fields: Readonly<Record<string, string>>,
  headers: Record<string, string> = {},
) {
  const { body, contentType } = multipart(fields);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'X-BLUEBUTTON-SDK': 'python',
      'X-BLUEBUTTON-SDK-VERSION': '1.0.5',
      ...headers,
    },
    body,
  });
}

/** The Python SDK's `generate_auth_data`: padded urlsafe base64 verifier and challenge. */
function pythonAuthData() {
  const verifier = Buffer.from(randomBytes(24).toString('base64url').slice(0, 32)).toString('base64');
  const urlsafe = verifier.replace(/\+/g, '-').replace(/\//g, '_');
  const challenge = createHash('sha256')
    .update(urlsafe)
    .digest('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  return { verifier: urlsafe, challenge };
}

async function pythonLogin(version: 2 | 3, shareDemographics = true) {
  const sandbox = await sandboxWith({ beneficiaries: 2, eobsPerBeneficiary: 23 });
  const auth = pythonAuthData();
  const { clientId, clientSecret, redirectUri } = sandbox.client;
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    state: STATE,
    response_type: 'code',
    code_challenge_method: 'S256',
    code_challenge: auth.challenge,
    ...(version === 3
      ? { scope: 'profile patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs' }
      : {}),
  });
  const callback = new URL(
    await sandbox.authorize(`${sandbox.url}/v${version}/o/authorize?${query}`, { shareDemographics }),
  );
  const response = await postMultipart(`${sandbox.url}/v${version}/o/token/`, {
    client_id: clientId,
    client_secret: clientSecret,
    code: callback.searchParams.get('code') ?? '',
    grant_type: 'authorization_code',
    redirect_uri: redirectUri,
    code_verifier: auth.verifier,
  });
  expect(response.status).toBe(200);
  return { sandbox, token: (await response.json()) as TokenBody };
}

describe('multipart token requests', () => {
  it('runs the README flow: exchange, EOB, get_pages, Patient, Coverage, profile', async () => {
    const { sandbox, token } = await pythonLogin(2);
    expect(sandbox.requests.find((r) => r.routeKey === 'POST /v2/o/token/')?.headers['content-type']).toMatch(
      /^multipart\/form-data; boundary=/,
    );
    const get = (path: string) => fhirGet(`${sandbox.url}/v2/${path}`, token.access_token);
    const eob = await json(await get('fhir/ExplanationOfBenefit/'));
    const pages = [eob];
    for (let next = nextUrl(eob); next !== undefined; next = nextUrl(pages.at(-1))) {
      pages.push(await json(await fhirGet(next, token.access_token)));
    }
    expect(pages).toHaveLength(3);
    expect(pages.flatMap((p) => (p.entry as unknown[] | undefined) ?? [])).toHaveLength(23);
    expect((await get('fhir/Patient/')).status).toBe(200);
    expect((await get('fhir/Coverage/')).status).toBe(200);
    const profile = await json(await get('connect/userinfo'));
    expect(profile.patient).toBe(token.patient);
  });

  it('refreshes v2 with a multipart body and Basic auth', async () => {
    const { sandbox, token } = await pythonLogin(2);
    const { clientId, clientSecret } = sandbox.client;
    const response = await postMultipart(
      `${sandbox.url}/v2/o/token/`,
      { client_id: clientId, grant_type: 'refresh_token', refresh_token: token.refresh_token },
      { authorization: basic(clientId, clientSecret) },
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as TokenBody).refresh_token).not.toBe(token.refresh_token);
  });

  it("v3's refresh pre-check reads the raw body as a query string: multipart is 403 Request denied (bb2-api 6.3)", async () => {
    const { sandbox, token } = await pythonLogin(3);
    const { clientId, clientSecret } = sandbox.client;
    const fields = { client_id: clientId, grant_type: 'refresh_token', refresh_token: token.refresh_token };
    const denied = await postMultipart(`${sandbox.url}/v3/o/token/`, fields, {
      authorization: basic(clientId, clientSecret),
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ status_code: 403, message: 'Request denied' });
    const urlencoded = await fetch(`${sandbox.url}/v3/o/token/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(clientId, clientSecret),
      },
      body: new URLSearchParams(fields),
    });
    expect(urlencoded.status).toBe(200);
  });

  it('refuses bodies that are neither form encoding, and a multipart body without its closing boundary', async () => {
    const sandbox = await sandboxWith();
    const asJson = await fetch(`${sandbox.url}/v2/o/token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":"authorization_code"}',
    });
    expect(asJson.status).toBe(400);
    const { body, contentType } = multipart({ grant_type: 'authorization_code' });
    const cut = await fetch(`${sandbox.url}/v2/o/token/`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: body.slice(0, body.lastIndexOf('--') - 10),
    });
    expect(cut.status).toBe(400);
    expect(await cut.json()).toMatchObject({ error: 'invalid_request' });
  });
});

function nextUrl(bundle: Record<string, unknown> | undefined): string | undefined {
  const links = (bundle?.link ?? []) as { relation: string; url: string }[];
  return links.find((l) => l.relation === 'next')?.url;
}
