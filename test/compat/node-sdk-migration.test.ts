/**
 * Migrating from the official Node SDK (`cms-bluebutton-sdk@1.0.13`, a devDependency): its real
 * AuthorizationToken, obtained by the official SDK itself from the local sandbox, works with
 * `bb.client()`, the compat methods and `AuthorizationToken.fromJSON` (instance and `JSON.stringify`
 * form); its string `params` work in the compat methods, validated and normalised; every mistake a user
 * can make there is a typed BlueButtonError with nothing sent.
 */
import { AuthorizationToken, BlueButton, isBlueButtonError } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import {
  Environments,
  BlueButton as OfficialBlueButton,
  AuthorizationToken as OfficialToken,
} from 'cms-bluebutton-sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FAST_RETRY, received } from '../helpers/sandbox-session.js';

let sandbox: Sandbox;
let bb: BlueButton<2>;
let official: OfficialToken;
beforeAll(async () => {
  sandbox = await startSandbox({ beneficiaries: 1, eobsPerBeneficiary: 25 });
  const cfg = sandbox.config({ version: 2 });
  bb = new BlueButton({ ...cfg, retrySettings: FAST_RETRY, version: 2 });
  // The official SDK logs in by itself: what it keeps is exactly what a migrating app has stored.
  const old = new OfficialBlueButton({
    clientId: cfg.clientId,
    clientSecret: String(cfg.clientSecret),
    callbackUrl: cfg.callbackUrl,
    version: '2',
    environment: Environments.LOCAL,
  });
  old.baseUrl = sandbox.url;
  const authData = old.generateAuthData();
  const callback = new URL(await sandbox.authorize(bb.generateAuthorizeUrl(authData)), 'http://x');
  official = await old.getAuthorizationToken(
    authData,
    callback.searchParams.get('code') ?? '',
    callback.searchParams.get('state') ?? '',
    '',
  );
});
afterAll(() => sandbox.close());

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe("the official SDK's AuthorizationToken", () => {
  test('is the camelCase class this test expects (guards the premise)', () => {
    expect(official).toBeInstanceOf(OfficialToken);
    expect(Object.keys(JSON.parse(JSON.stringify(official))).sort()).toEqual(
      ['accessToken', 'expiresAt', 'expiresIn', 'patient', 'refreshToken', 'scope', 'tokenType'].sort(),
    );
  });

  test('fromJSON reads the instance and its JSON.stringify form', () => {
    for (const input of [official, JSON.parse(JSON.stringify(official)), JSON.stringify(official)]) {
      const t = AuthorizationToken.fromJSON(input);
      expect(t.accessToken).toBe(official.accessToken);
      expect(t.refreshToken).toBe(official.refreshToken);
      expect(t.expiresAt).toBe(official.expiresAt);
      expect(t.expiresIn).toBe(official.expiresIn);
      expect(t.patient).toBe(official.patient);
      expect(t.tokenType).toBe('Bearer');
      expect(t.scope).toContain('patient/ExplanationOfBenefit.rs');
      expect(t.version).toBe(2);
    }
  });

  test('bb.client(officialToken) reads data with it', async () => {
    const client = bb.client(official);
    const bundle = await client.v2.ExplanationOfBenefit.search({ _count: 5 });
    expect(bundle.resourceType).toBe('Bundle');
    expect(received(sandbox, 'GET /v2/fhir/ExplanationOfBenefit/').at(-1)?.headers.authorization).toBe(
      `Bearer ${official.accessToken}`,
    );
    expect(client.token).toBeInstanceOf(AuthorizationToken);
  });

  test("the compat methods take it too and hand back this SDK's token", async () => {
    const r = await bb.getCoverageData(official);
    expect(r.response.data.resourceType).toBe('Bundle');
    expect(r.token).toBeInstanceOf(AuthorizationToken);
    expect(r.token.accessToken).toBe(official.accessToken);
  });
});

describe("the Node SDK's string params in the compat methods", () => {
  test("{ type: 'carrier,pde', _count: '10', startIndex: '10', 'service-date': 'ge2020-01-01' } is sent as typed", async () => {
    const r = await bb.getExplanationOfBenefitData(official, {
      params: { type: 'carrier,pde', _count: '10', startIndex: '10', 'service-date': 'ge2020-01-01' },
    });
    expect(r.response.status).toBe(200);
    const q = new URLSearchParams(received(sandbox, 'GET /v2/fhir/ExplanationOfBenefit/').at(-1)?.query);
    expect(q.get('type')).toBe('carrier,pde');
    expect(q.get('_count')).toBe('10');
    expect(q.get('startIndex')).toBe('10');
    expect(q.getAll('service-date')).toEqual(['ge2020-01-01']);
  });

  test.each([
    [{ type: 'carrier,nope' }, 'type value "nope"'],
    [{ _count: 'ten' }, '_count must be an integer'],
    [{ _count: '99' }, '_count must be at most 50'],
    [{ 'service-date': '2020-01-01' }, 'needs a ge|gt|le|lt prefix'],
    [{ servicedate: 'ge2020-01-01' }, 'unknown parameter "servicedate"'],
  ])('%o is INVALID_PARAMS (%s), nothing sent', async (params, problem) => {
    const before = sandbox.requests.length;
    const e = await rejection(
      bb.getExplanationOfBenefitData(official, { params: params as Record<string, string> }),
    );
    expect(e).toMatchObject({ code: 'INVALID_PARAMS' });
    expect((e as Error).message).toContain(problem);
    expect(sandbox.requests.length).toBe(before);
  });

  test('the typed client stays strict: a string count is INVALID_PARAMS from plain JavaScript', async () => {
    const search = bb.client(official).v2.ExplanationOfBenefit.search as (p: unknown) => Promise<unknown>;
    expect(await rejection(search({ _count: '10' }))).toMatchObject({ code: 'INVALID_PARAMS' });
    expect(await rejection(search({ type: 'carrier,pde' }))).toMatchObject({ code: 'INVALID_PARAMS' });
  });
});

describe('every mistake is a BlueButtonError, with nothing sent', () => {
  const loose = () => bb as unknown as Record<string, (...args: unknown[]) => unknown>;

  test.each([
    ['getCustomData(123)', () => loose().getCustomData?.(123, official), 'INVALID_PARAMS'],
    [
      "getCustomData('http://127.0.0.1:8000.evil/')",
      () => loose().getCustomData?.('http://127.0.0.1:8000.evil/', official),
      'INVALID_PARAMS',
    ],
    [
      'getCustomData(another origin)',
      () => loose().getCustomData?.('http://127.0.0.1.evil.example/v2/fhir/Patient/', official),
      'CROSS_ORIGIN_LINK',
    ],
    [
      "getCustomData(path, token, { params: 'x' })",
      () => loose().getCustomData?.('fhir/Coverage/', official, { params: 'x' }),
      'INVALID_PARAMS',
    ],
    ['getPatientData(undefined)', () => loose().getPatientData?.(undefined), 'INVALID_PARAMS'],
    ['refreshAuthToken({})', () => loose().refreshAuthToken?.({}), 'INVALID_PARAMS'],
  ])('%s rejects with %s', async (_name, call, code) => {
    const before = sandbox.requests.length;
    const e = await rejection(Promise.resolve().then(call));
    expect(isBlueButtonError(e)).toBe(true);
    expect(e).toMatchObject({ code });
    expect(sandbox.requests.length).toBe(before);
  });

  test.each([undefined, null, 'a-string', 42, {}])('bb.client(%o) throws INVALID_PARAMS', (value) => {
    let caught: unknown;
    try {
      (bb.client as (t: unknown) => unknown)(value);
    } catch (e) {
      caught = e;
    }
    expect(isBlueButtonError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'INVALID_PARAMS' });
    expect((caught as Error).message).toContain('client(token)');
  });
});
