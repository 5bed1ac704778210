/**
 * A base URL with a proxy's path prefix (`https://proxy.example.org/bb2`): every request, every re-issued
 * next link and every origin check is relative to the prefix, and ids in prefixed paths are redacted.
 */
import { isBlueButtonError } from 'bluebutton-ts';
import { afterEach, describe, expect, test } from 'vitest';
import { bbAt, closeLoopbacks, eobPage, json, loopback, PATIENT_ID, tokenFor } from './helpers.js';

afterEach(closeLoopbacks);

describe('a base URL with a path prefix', () => {
  test('searches, reads and next links go under the prefix, whichever form the link takes', async () => {
    const server = await loopback((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      if (u.pathname === '/bb2/v2/fhir/Patient/x')
        return json(res, 200, { resourceType: 'Patient', id: 'x' });
      const start = Number(u.searchParams.get('startIndex') ?? 0);
      // Page 1 links with the prefix (a rewriting proxy), page 2 without it (a proxy that passes BB2's links).
      const next =
        start === 0
          ? `${server.url}/bb2/v2/fhir/ExplanationOfBenefit/?_count=2&startIndex=2`
          : start === 2
            ? `${server.url}/v2/fhir/ExplanationOfBenefit/?_count=2&startIndex=4`
            : undefined;
      json(res, 200, eobPage([`e${start}`, `e${start + 1}`], next ? { next, total: 6 } : { total: 6 }));
    });
    const client = bbAt(`${server.url}/bb2`).client(tokenFor());
    await client.v2.Patient.read('x');
    const ids = (await client.v2.ExplanationOfBenefit.searchAll({ _count: 2 })).map((e) => e.id);
    expect(ids).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    expect(server.received.map((r) => r.url)).toEqual([
      '/bb2/v2/fhir/Patient/x',
      '/bb2/v2/fhir/ExplanationOfBenefit/?_count=2',
      '/bb2/v2/fhir/ExplanationOfBenefit/?_count=2&startIndex=2',
      '/bb2/v2/fhir/ExplanationOfBenefit/?_count=2&startIndex=4',
    ]);
  });

  test('a redirect out of the prefix on the same host is CROSS_ORIGIN_LINK and is not followed', async () => {
    const server = await loopback((req, res) => {
      if (req.url?.startsWith('/bb2/')) {
        res.writeHead(302, { location: '/other-service/v2/fhir/Patient/x' });
        res.end();
      } else json(res, 200, { resourceType: 'Patient', id: 'x' });
    });
    const e = await bbAt(`${server.url}/bb2`)
      .client(tokenFor())
      .v2.Patient.read('x')
      .catch((err: unknown) => err);
    expect(isBlueButtonError(e) && e.code).toBe('CROSS_ORIGIN_LINK');
    expect(server.received.map((r) => r.url)).toEqual(['/bb2/v2/fhir/Patient/x']);
  });

  test('the patient id in a prefixed path is redacted in errors', async () => {
    const server = await loopback((_req, res) => json(res, 404, { detail: 'Not found.' }));
    const e = await bbAt(`${server.url}/bb2`)
      .client(tokenFor())
      .v2.Patient.read(PATIENT_ID)
      .catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'HTTP_ERROR', status: 404 });
    expect(JSON.stringify(e)).not.toContain(PATIENT_ID);
    expect((e as { url: string }).url).toBe(`${server.url}/bb2/v2/fhir/Patient/[redacted]`);
  });
});
