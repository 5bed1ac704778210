import { describe, expect, test } from 'vitest';
import { findLink, rebaseLink } from '../../src/pagination/next-link.js';

const base = { baseUrl: 'https://sandbox.bluebutton.cms.gov', origin: 'https://sandbox.bluebutton.cms.gov' };
const bundle = {
  resourceType: 'Bundle',
  link: [
    { relation: 'first', url: `${base.baseUrl}/v2/fhir/ExplanationOfBenefit?startIndex=0&_count=10` },
    {
      relation: 'next',
      url: `${base.baseUrl}/v2/fhir/ExplanationOfBenefit?_format=application%2Fjson%2Bfhir&startIndex=10&_count=10&patient=-1`,
    },
  ],
};

describe('Bundle links', () => {
  test('findLink is safe on anything', () => {
    expect(findLink(bundle, 'next')).toContain('startIndex=10');
    expect(findLink(bundle, 'last')).toBeNull();
    expect(findLink({ sub: 'x' }, 'next')).toBeNull();
    expect(findLink(undefined, 'next')).toBeNull();
    expect(findLink({ link: 'nope' }, 'next')).toBeNull();
  });

  test('a next link is re-issued on the base URL, with its query, on the spec path', () => {
    const next = findLink(bundle, 'next') as string;
    expect(rebaseLink(next, base, 2, '/v2/fhir/ExplanationOfBenefit/')).toBe(
      `${base.baseUrl}/v2/fhir/ExplanationOfBenefit/?_format=application%2Fjson%2Bfhir&startIndex=10&_count=10&patient=-1`,
    );
  });

  test("v3 links naming BFD's internal host are rebased, never fetched there", () => {
    const leak = 'http://sandbox.fhirv3.bfd.cmscloud.local/v3/fhir/ExplanationOfBenefit?_count=10&_offset=10';
    expect(rebaseLink(leak, base, 3, '/v3/fhir/ExplanationOfBenefit/')).toBe(
      `${base.baseUrl}/v3/fhir/ExplanationOfBenefit/?_count=10&_offset=10`,
    );
  });

  test.each([
    ['https://evil.example.com/v2/fhir/ExplanationOfBenefit?startIndex=10', 2],
    ['http://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit?startIndex=10', 2],
    ['https://sandbox.bluebutton.cms.gov:8443/v2/fhir/ExplanationOfBenefit?startIndex=10', 2],
    ['http://sandbox.fhirv3.bfd.cmscloud.local/v2/fhir/ExplanationOfBenefit?startIndex=10', 2],
  ])('%s is refused with CROSS_ORIGIN_LINK', (link, version) => {
    expect(() => rebaseLink(link, base, version as 2, '/v2/fhir/ExplanationOfBenefit/')).toThrow(
      expect.objectContaining({ code: 'CROSS_ORIGIN_LINK' }),
    );
  });

  test('a link to another endpoint is an invalid response', () => {
    expect(() =>
      rebaseLink(`${base.baseUrl}/v2/fhir/Patient?x=1`, base, 2, '/v2/fhir/ExplanationOfBenefit/'),
    ).toThrow(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
  });
});
