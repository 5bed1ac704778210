/**
 * Typed clients against the sandbox: what goes on the wire (headers, spec-driven serialization), what
 * comes back per version, and the refusals made before sending (INVALID_PARAMS, VERSION_MISMATCH) or
 * after (INVALID_RESPONSE).
 */
import { readFileSync } from 'node:fs';
import { CODE_SYSTEMS, isBlueButtonError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { login, session } from '../helpers/sandbox-session.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
let sandbox: Sandbox;
let s: Awaited<ReturnType<typeof session<2>>>;

beforeAll(async () => {
  s = await session(2);
  sandbox = s.sandbox;
});
afterAll(() => sandbox.close());

const lastGet = () => sandbox.requests.filter((r) => r.method === 'GET').at(-1);

describe('requests', () => {
  test('carry the bearer token, FHIR accept, gzip and the SDK name and version from package.json', async () => {
    await s.bb.client(s.token).v2.Patient.read(s.token.patient);
    const h = lastGet()?.headers ?? {};
    expect(h.authorization).toBe(`Bearer ${s.token.accessToken}`);
    expect(h.accept).toBe('application/fhir+json');
    expect(h['accept-encoding']).toContain('gzip');
    expect(h['x-bluebutton-sdk']).toBe('bluebutton-ts');
    expect(h['x-bluebutton-sdk-version']).toBe(pkg.version);
    expect(lastGet()?.query).toBe('');
  });

  test('type is sent comma-joined and dates repeated, as the spec says', async () => {
    const client = s.bb.client(s.token);
    await client.v2.ExplanationOfBenefit.search({
      type: ['carrier', 'pde'],
      'service-date': ['ge2022-01-01', 'lt2024-01-01'],
      _count: 50,
    });
    const q = new URLSearchParams(lastGet()?.query);
    expect(q.getAll('type')).toEqual(['carrier,pde']);
    expect(q.getAll('service-date')).toEqual(['ge2022-01-01', 'lt2024-01-01']);
    expect(q.get('_count')).toBe('50');
  });

  test('the filter really applies: only the asked claim types and dates come back', async () => {
    const page = await s.bb.client(s.token).v2.ExplanationOfBenefit.search({
      type: ['pde'],
      'service-date': ['ge2023-01-01', 'lt2024-01-01'],
      _count: 50,
    });
    expect(page.total).toBeGreaterThan(0);
    for (const e of page.entry ?? []) {
      const code = e.resource?.type.coding?.find((c) => c.system === CODE_SYSTEMS.eobType)?.code;
      expect(code).toBe('PDE');
      expect(e.resource?.billablePeriod?.end?.slice(0, 4)).toBe('2023');
    }
  });

  test('invalid parameters from plain JavaScript throw INVALID_PARAMS and send nothing', async () => {
    const before = sandbox.requests.length;
    const search = s.bb.client(s.token).v2.ExplanationOfBenefit.search as (p: unknown) => Promise<unknown>;
    for (const bad of [
      { types: ['pde'] },
      { type: ['drug'] },
      { 'service-date': ['2023-01-01'] },
      { _count: '10' },
      { _count: 51 },
    ]) {
      await expect(search(bad)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    }
    await expect(s.bb.client(s.token).v2.Patient.read('../metadata')).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
    });
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('responses per version', () => {
  test('v1 answers STU3 resources, v2 CARIN R4, v3 R4 with numeric EOB ids', async () => {
    const v1 = await login(sandbox, 1);
    const eob1 = await v1.bb.client(v1.token).v1.ExplanationOfBenefit.search({ _count: 1 });
    expect(eob1.entry?.[0]?.resource?.meta?.profile).toBeUndefined();
    expect(eob1.entry?.[0]?.resource?.id).toMatch(/^[a-z]+--\d+$/);

    const eob2 = await s.bb.client(s.token).v2.ExplanationOfBenefit.read(eob1.entry?.[0]?.resource?.id ?? '');
    expect(eob2.meta?.profile?.[0]).toMatch(
      /^http:\/\/hl7\.org\/fhir\/us\/carin-bb\/StructureDefinition\/C4BB-/,
    );

    const v3 = await login(sandbox, 3);
    const c3 = v3.bb.client(v3.token);
    const eob3 = await c3.v3.ExplanationOfBenefit.search({ _count: 1 });
    expect(eob3.entry?.[0]?.resource?.id).toMatch(/^-\d+$/);
    const card = await c3.v3.Patient.generateInsuranceCard();
    expect(card.type).toBe('collection');
    expect(await c3.v3.userinfo()).toMatchObject({ sub: v3.token.patient });
  });

  test('metadata is public: sent without the token', async () => {
    const cs = await s.bb.client(s.token).v2.metadata();
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(lastGet()?.headers.authorization).toBeUndefined();
  });

  test('userinfo, Patient and Coverage', async () => {
    const client = s.bb.client(s.token);
    expect((await client.v2.userinfo()).patient).toBe(s.token.patient);
    expect((await client.v2.Patient.search()).entry?.[0]?.resource?.id).toBe(s.token.patient);
    const cov = await client.v2.Coverage.searchAll();
    expect(cov.map((c) => c.id)).toEqual(expect.arrayContaining([`part-a-${s.token.patient}`]));
  });
});

describe('refusals', () => {
  test('a v2 token on v3 (and the reverse) is VERSION_MISMATCH before sending', async () => {
    const before = sandbox.requests.length;
    await expect(s.bb.client(s.token).v3.Patient.generateInsuranceCard()).rejects.toMatchObject({
      code: 'VERSION_MISMATCH',
      tokenVersion: 2,
      requestVersion: 3,
    });
    const v3 = await login(sandbox, 3);
    const mark = sandbox.requests.length;
    await expect(v3.bb.client(v3.token).v2.ExplanationOfBenefit.search()).rejects.toMatchObject({
      code: 'VERSION_MISMATCH',
    });
    expect(sandbox.requests.length).toBe(mark);
    expect(before).toBeLessThan(mark);
  });

  test('v1 and v2 tokens are interchangeable', async () => {
    await expect(s.bb.client(s.token).v1.Coverage.search()).resolves.toMatchObject({
      resourceType: 'Bundle',
    });
  });

  test('a body that is not JSON, or not the resource asked for, is INVALID_RESPONSE', async () => {
    const client = s.bb.client(s.token);
    sandbox.faults.set('GET /v2/fhir/Coverage/', ['non-json']);
    await expect(client.v2.Coverage.search()).rejects.toMatchObject({
      code: 'INVALID_RESPONSE',
      status: 200,
    });
    sandbox.faults.set('GET /v2/fhir/Coverage/{resource_id}', [
      {
        status: 200,
        body: { resourceType: 'Patient', id: 'x' },
        headers: { 'content-type': 'application/fhir+json' },
      },
    ]);
    const e = await client.v2.Coverage.read(`part-a-${s.token.patient}`).catch((x: unknown) => x);
    expect(isBlueButtonError(e) && e.message).toMatch(/expected a Coverage, got Patient/);
  });

  test('a 404 is HTTP_ERROR with BB2 detail and a redacted URL', async () => {
    const e = await s.bb
      .client(s.token)
      .v2.ExplanationOfBenefit.read('carrier--999')
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'HTTP_ERROR', status: 404, detail: 'Not found.' });
    expect(isBlueButtonError(e) && e.message).toContain('/v2/fhir/ExplanationOfBenefit/[redacted]');
  });
});
