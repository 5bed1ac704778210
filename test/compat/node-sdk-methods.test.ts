/**
 * The official Node SDK's method names and result shapes, against the sandbox, and the behaviours that
 * change on purpose: errors throw, the latest token is threaded through getPages.
 */
import { AuthorizationToken, isBlueButtonError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { login, received, session } from '../helpers/sandbox-session.js';

let s: Awaited<ReturnType<typeof session<2>>>;
let sandbox: Sandbox;
beforeAll(async () => {
  s = await session(2, { beneficiaries: 1, eobsPerBeneficiary: 35 });
  sandbox = s.sandbox;
});
afterAll(() => sandbox.close());

describe('data methods return { token, response: { status, headers, data } }', () => {
  test('getExplanationOfBenefitData with axios-style params, getPatientData, getCoverageData, getProfileData', async () => {
    const eob = await s.bb.getExplanationOfBenefitData(s.token, { params: { _count: 5, type: ['carrier'] } });
    expect(eob.token).toBeInstanceOf(AuthorizationToken);
    expect(eob.response.status).toBe(200);
    expect(eob.response.headers['content-type']).toContain('application/fhir+json');
    expect(eob.response.data.entry?.every((e) => e.resource?.id?.startsWith('carrier--'))).toBe(true);
    expect(
      new URLSearchParams(received(sandbox, 'GET /v2/fhir/ExplanationOfBenefit/').at(-1)?.query).get('type'),
    ).toBe('carrier');
    expect((await s.bb.getPatientData(s.token)).response.data.entry?.[0]?.resource?.id).toBe(s.token.patient);
    expect((await s.bb.getCoverageData(s.token)).response.data.resourceType).toBe('Bundle');
    expect((await s.bb.getProfileData(s.token)).response.data.sub).toBe(s.token.patient);
  });

  test('getCustomData takes a path under /v<version>/ or an absolute URL under the base URL', async () => {
    const rel = await s.bb.getCustomData(`fhir/Patient/${s.token.patient}`, s.token);
    expect(rel.response.data).toMatchObject({ resourceType: 'Patient', id: s.token.patient });
    const abs = await s.bb.getCustomData(`${sandbox.url}/v2/fhir/Coverage/`, s.token, {
      params: { _count: 2 },
    });
    expect(abs.response.data).toMatchObject({ resourceType: 'Bundle' });
    await expect(
      s.bb.getCustomData('https://elsewhere.example/v2/fhir/Patient/', s.token),
    ).rejects.toMatchObject({
      code: 'CROSS_ORIGIN_LINK',
    });
  });

  test('getInsuranceCardData always calls v3 and needs a v3 token', async () => {
    await expect(s.bb.getInsuranceCardData(s.token)).rejects.toMatchObject({ code: 'VERSION_MISMATCH' });
    const v3 = await login(sandbox, 3);
    const card = await v3.bb.getInsuranceCardData(v3.token);
    expect(card.response.data.type).toBe('collection');
  });
});

describe('paging helpers', () => {
  test('getPages returns the first page and every next one; extract*Url read the links', async () => {
    const first = (await s.bb.getExplanationOfBenefitData(s.token)).response.data;
    expect(s.bb.extractNextPageUrl(first)).toContain('startIndex=10');
    expect(s.bb.extractPageNavUrl(first, 'last')).toContain('startIndex=30');
    expect(s.bb.extractPageNavUrl({ sub: 'x' }, 'next')).toBeNull();
    const { pages, token } = await s.bb.getPages(first, s.token);
    expect(pages).toHaveLength(4);
    expect(pages[0]).toBe(first);
    expect(pages.reduce((n, p) => n + (p.entry?.length ?? 0), 0)).toBe(35);
    expect(s.bb.extractNextPageUrl(pages[3])).toBeNull();
    expect(token.accessToken).toBe(s.token.accessToken);
  });

  test('a refresh during getPages is threaded to later pages and returned (the official SDKs reuse the stale token)', async () => {
    const first = (await s.bb.getExplanationOfBenefitData(s.token)).response.data;
    sandbox.faults.set('GET /v2/fhir/ExplanationOfBenefit/', ['pass', 'expire-token']);
    const { pages, token } = await s.bb.getPages(first, s.token);
    expect(pages).toHaveLength(4);
    expect(token.accessToken).not.toBe(s.token.accessToken);
    const auth = received(sandbox, 'GET /v2/fhir/ExplanationOfBenefit/')
      .slice(-2)
      .map((r) => r.headers.authorization);
    expect(auth).toEqual([`Bearer ${token.accessToken}`, `Bearer ${token.accessToken}`]);
  });
});

describe('behaviour that changes: failures throw typed errors', () => {
  test('a 404 throws HTTP_ERROR instead of returning the error response', async () => {
    const e = await s.bb
      .getCustomData('fhir/ExplanationOfBenefit/carrier--1', s.token)
      .catch((x: unknown) => x);
    expect(isBlueButtonError(e) && e.code).toBe('HTTP_ERROR');
    expect(e).toMatchObject({ status: 404 });
  });

  test('a network failure throws NETWORK_ERROR instead of returning undefined', async () => {
    sandbox.faults.set('GET /v2/fhir/Coverage/', ['reset', 'reset', 'reset', 'reset']);
    await expect(s.bb.getCoverageData(s.token)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});
