/**
 * The compat methods take what the official Node SDK's callers write (string params, its token class);
 * the typed client stays strict. Compiled, never run.
 */
import type { AuthorizationToken as OfficialToken } from 'cms-bluebutton-sdk';
import { describe, expectTypeOf, test } from 'vitest';
import { AuthorizationToken, type BlueButton, type CompatResult } from '../../src/index.js';

declare const bb: BlueButton<2>;
declare const token: AuthorizationToken;
declare const officialToken: OfficialToken;

describe('compat: the Node SDK call shapes compile', () => {
  test('string params', () => {
    bb.getExplanationOfBenefitData(token, {
      params: { type: 'carrier,pde', _count: '10', startIndex: '10', 'service-date': 'ge2020-01-01' },
    });
    bb.getPatientData(token, { params: { _count: '5' } });
    bb.getCoverageData(token, { params: { startIndex: '10', _count: 10 } });
    // The typed shapes still work there.
    bb.getExplanationOfBenefitData(token, { params: { type: ['carrier'], _count: 10 } });
  });

  test("the official SDK's token, to the compat methods and to client()", () => {
    expectTypeOf(bb.getCoverageData(officialToken)).resolves.toMatchTypeOf<CompatResult<unknown>>();
    bb.client(officialToken);
    AuthorizationToken.fromJSON(officialToken);
    AuthorizationToken.fromJSON(JSON.stringify(officialToken));
  });

  test('a misspelled parameter name still does not compile in compat', () => {
    // @ts-expect-error `servicedate` is not an EOB search parameter
    bb.getExplanationOfBenefitData(token, { params: { servicedate: 'ge2020-01-01' } });
  });
});

describe('the typed client stays strict', () => {
  test('string counts, comma strings and bare date strings do not compile', () => {
    const eob = bb.client(token).v2.ExplanationOfBenefit;
    // @ts-expect-error _count is a number in the typed API
    eob.search({ _count: '10' });
    // @ts-expect-error type is an array of claim types in the typed API
    eob.search({ type: 'carrier,pde' });
    // @ts-expect-error service-date is an array of prefixed dates in the typed API
    eob.search({ 'service-date': 'ge2020-01-01' });
  });

  test('client() takes tokens, not anything', () => {
    // @ts-expect-error a string is not a token
    bb.client('access-token-text');
    // @ts-expect-error neither is undefined
    bb.client(undefined);
  });
});
