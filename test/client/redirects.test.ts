/**
 * Data GETs follow redirects by hand, only within the configured API: a hop to another origin (or outside
 * the base path) is CROSS_ORIGIN_LINK and the other server receives nothing, even through an injected
 * fetch that would follow it and forward Authorization (node-fetch 2 does).
 */
import { isBlueButtonError } from 'bluebutton-ts';
import { afterEach, describe, expect, test } from 'vitest';
import { ACCESS_TOKEN, bbAt, closeLoopbacks, eobPage, json, loopback, tokenFor } from './helpers.js';

afterEach(closeLoopbacks);

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
}

/** A fetch that follows redirects itself unless told `manual`, re-sending every header (as node-fetch 2). */
const forwardingFetch: typeof fetch = async (input, init) => {
  let url = String(input);
  for (let hop = 0; hop < 5; hop++) {
    const r = await fetch(url, { ...init, redirect: 'manual' });
    const location = r.headers.get('location');
    if (init?.redirect === 'manual' || r.status < 300 || r.status > 399 || !location) return r;
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
};

describe('redirects of data GETs', () => {
  test.each([301, 302, 303, 307, 308])(
    'a %s to another origin is CROSS_ORIGIN_LINK; the other origin gets nothing',
    async (status) => {
      const evil = await loopback((_req, res) => json(res, 200, eobPage(['stolen'])));
      const api = await loopback((_req, res) => {
        res.writeHead(status, { location: `${evil.url}/v2/fhir/ExplanationOfBenefit/` });
        res.end();
      });
      for (const fetchImpl of [fetch, forwardingFetch]) {
        const e = await rejection(
          bbAt(api.url, { fetch: fetchImpl }).client(tokenFor()).v2.ExplanationOfBenefit.search(),
        );
        expect(isBlueButtonError(e) && e.code).toBe('CROSS_ORIGIN_LINK');
        expect(e).toMatchObject({ linkOrigin: evil.url, via: 'redirect' });
      }
      expect(evil.received).toHaveLength(0);
      expect(api.received).toHaveLength(2);
    },
  );

  test('a redirect within the configured origin is followed, with the token, and its answer returned', async () => {
    const api = await loopback((req, res) => {
      if (req.url === '/v2/fhir/ExplanationOfBenefit') {
        res.writeHead(301, { location: '/v2/fhir/ExplanationOfBenefit/' });
        res.end();
      } else json(res, 200, eobPage(['a', 'b']));
    });
    // getCustomData sends the path as given, without the trailing slash the server redirects to.
    const { response } = await bbAt(api.url).getCustomData('fhir/ExplanationOfBenefit', tokenFor());
    expect((response.data as { entry: unknown[] }).entry).toHaveLength(2);
    expect(api.received.map((r) => r.url)).toEqual([
      '/v2/fhir/ExplanationOfBenefit',
      '/v2/fhir/ExplanationOfBenefit/',
    ]);
    expect(api.received.every((r) => r.headers.authorization === `Bearer ${ACCESS_TOKEN}`)).toBe(true);
  });

  test('a redirect loop within the origin stops after 5 hops with INVALID_RESPONSE', async () => {
    const api = await loopback((req, res) => {
      res.writeHead(302, {
        location: req.url === '/v2/fhir/Patient/a' ? '/v2/fhir/Patient/b' : '/v2/fhir/Patient/a',
      });
      res.end();
    });
    const e = await rejection(bbAt(api.url).client(tokenFor()).v2.Patient.read('a'));
    expect(isBlueButtonError(e) && e.code).toBe('INVALID_RESPONSE');
    expect((e as Error).message).toContain('more than 5 redirects');
    expect(api.received).toHaveLength(6);
  });

  test('metadata (no token) refuses a cross-origin redirect too', async () => {
    const evil = await loopback((_req, res) => json(res, 200, { resourceType: 'CapabilityStatement' }));
    const api = await loopback((_req, res) => {
      res.writeHead(307, { location: `${evil.url}/v2/fhir/metadata` });
      res.end();
    });
    const e = await rejection(bbAt(api.url).client(tokenFor()).v2.metadata());
    expect(isBlueButtonError(e) && e.code).toBe('CROSS_ORIGIN_LINK');
    expect(evil.received).toHaveLength(0);
  });
});
