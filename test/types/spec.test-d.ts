/**
 * The generated contract: versions map to the right FHIR release, parameters are typed as BB2 accepts them,
 * and every path has a typed 200 response.
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import { describe, expectTypeOf, test } from 'vitest';
import type {
  CapabilityStatementOf,
  ClaimType,
  GetPath,
  InsuranceCardBundle,
  PathsFor,
  PrefixedDate,
  ResourceOf,
  ResponseBody,
  SearchBundle,
  SearchParams,
  TokenResponseBody,
  UserInfo,
} from '../../src/types.js';

describe('FHIR release per version', () => {
  test('v1 is STU3', () => {
    expectTypeOf<SearchBundle<1, 'ExplanationOfBenefit'>>().toEqualTypeOf<
      fhir3.Bundle<fhir3.ExplanationOfBenefit>
    >();
    expectTypeOf<ResourceOf<1, 'ExplanationOfBenefit'>>().toEqualTypeOf<fhir3.ExplanationOfBenefit>();
    expectTypeOf<ResourceOf<1, 'Patient'>>().toEqualTypeOf<fhir3.Patient>();
    expectTypeOf<SearchBundle<1, 'Coverage'>>().toEqualTypeOf<fhir3.Bundle<fhir3.Coverage>>();
    expectTypeOf<CapabilityStatementOf<1>>().toEqualTypeOf<fhir3.CapabilityStatement>();
  });
  test('v2 is R4', () => {
    expectTypeOf<SearchBundle<2, 'ExplanationOfBenefit'>>().toEqualTypeOf<
      fhir4.Bundle<fhir4.ExplanationOfBenefit>
    >();
    expectTypeOf<ResourceOf<2, 'ExplanationOfBenefit'>>().toEqualTypeOf<fhir4.ExplanationOfBenefit>();
    expectTypeOf<ResourceOf<2, 'Coverage'>>().toEqualTypeOf<fhir4.Coverage>();
    expectTypeOf<SearchBundle<2, 'Patient'>>().toEqualTypeOf<fhir4.Bundle<fhir4.Patient>>();
    expectTypeOf<CapabilityStatementOf<2>>().toEqualTypeOf<fhir4.CapabilityStatement>();
  });
  test('v3 is R4, with the insurance card', () => {
    expectTypeOf<SearchBundle<3, 'ExplanationOfBenefit'>>().toEqualTypeOf<
      fhir4.Bundle<fhir4.ExplanationOfBenefit>
    >();
    expectTypeOf<ResourceOf<3, 'Patient'>>().toEqualTypeOf<fhir4.Patient>();
    expectTypeOf<InsuranceCardBundle>().toEqualTypeOf<
      fhir4.Bundle<fhir4.Patient | fhir4.Organization | fhir4.Coverage>
    >();
    expectTypeOf<ResourceOf<3, 'Patient'>>().not.toEqualTypeOf<fhir3.Patient>();
  });
  test('userinfo and token bodies', () => {
    expectTypeOf<UserInfo<2>['sub']>().toEqualTypeOf<string>();
    expectTypeOf<UserInfo<3>['patient']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<TokenResponseBody['expires_in']>().toEqualTypeOf<number>();
    expectTypeOf<TokenResponseBody['scope']>().toEqualTypeOf<string>();
  });
});

describe('search parameters as BB2 accepts them', () => {
  type Eob2 = SearchParams<2, 'ExplanationOfBenefit'>;
  test('type is a list of claim types', () => {
    expectTypeOf<ClaimType>().toEqualTypeOf<
      'carrier' | 'dme' | 'hha' | 'hospice' | 'inpatient' | 'outpatient' | 'pde' | 'snf'
    >();
    expectTypeOf<{ type: ['carrier', 'pde'] }>().toExtend<Eob2>();
    expectTypeOf<{
      type: ['https://bluebutton.cms.gov/resources/codesystem/eob-type|pde'];
    }>().toExtend<Eob2>();
    expectTypeOf<{ type: ['carriers'] }>().not.toExtend<Eob2>();
    expectTypeOf<{ type: 'carrier' }>().not.toExtend<Eob2>();
  });
  test('dates need a comparator', () => {
    expectTypeOf<'ge2023-01-01'>().toExtend<PrefixedDate>();
    expectTypeOf<'lt2024-01-01T00:00:00Z'>().toExtend<PrefixedDate>();
    expectTypeOf<'2023-01-01'>().not.toExtend<PrefixedDate>();
    expectTypeOf<'eq2023-01-01'>().not.toExtend<PrefixedDate>();
    expectTypeOf<{ 'service-date': ['ge2023-01-01', 'lt2024-01-01'] }>().toExtend<Eob2>();
    expectTypeOf<{ 'service-date': ['2023-01-01'] }>().not.toExtend<Eob2>();
    expectTypeOf<{ _lastUpdated: ['gt2020-02-13T08:00:00-05:00'] }>().toExtend<Eob2>();
  });
  test('_count and startIndex are numbers', () => {
    expectTypeOf<{ _count: 50 }>().toExtend<Eob2>();
    expectTypeOf<{ _count: '10' }>().not.toExtend<Eob2>();
    expectTypeOf<{ startIndex: '10' }>().not.toExtend<Eob2>();
  });
  test('v3-only parameters', () => {
    expectTypeOf<{ _offset: 10 }>().toExtend<SearchParams<3, 'ExplanationOfBenefit'>>();
    expectTypeOf<{ _source: ['NCH', 'DDPS'] }>().toExtend<SearchParams<3, 'ExplanationOfBenefit'>>();
    expectTypeOf<SearchParams<2, 'ExplanationOfBenefit'>>().not.toHaveProperty('_offset');
    expectTypeOf<SearchParams<1, 'ExplanationOfBenefit'>>().not.toHaveProperty('_tag');
  });
  test('each resource has its own parameters', () => {
    expectTypeOf<SearchParams<2, 'Coverage'>>().toHaveProperty('beneficiary');
    expectTypeOf<SearchParams<2, 'Coverage'>>().not.toHaveProperty('type');
    expectTypeOf<SearchParams<2, 'Patient'>>().toHaveProperty('_id');
    expectTypeOf<SearchParams<2, 'Patient'>>().toHaveProperty('identifier');
    expectTypeOf<SearchParams<2, 'ExplanationOfBenefit'>>().toHaveProperty('patient');
  });
  test('a misspelled parameter is an excess property', () => {
    const ok: Eob2 = { _count: 10 };
    // @ts-expect-error `service_date` is not a parameter (it is `service-date`)
    const bad: Eob2 = { service_date: ['ge2023-01-01'] };
    // @ts-expect-error `count` is BB2's alias, deliberately not exposed
    const bad2: Eob2 = { count: 10 };
    expectTypeOf(ok).toEqualTypeOf<Eob2>();
    expectTypeOf(bad).toEqualTypeOf<Eob2>();
    expectTypeOf(bad2).toEqualTypeOf<Eob2>();
  });
});

describe('paths', () => {
  test('v3-only endpoints are absent from v1 and v2', () => {
    expectTypeOf<PathsFor<3>>().toHaveProperty('/v3/fhir/Patient/$generate-insurance-card');
    expectTypeOf<PathsFor<2>>().not.toHaveProperty('/v2/fhir/Patient/$generate-insurance-card');
    expectTypeOf<PathsFor<1>>().not.toHaveProperty('/v1/fhir/Patient/$generate-insurance-card');
    expectTypeOf<PathsFor<2>>().not.toHaveProperty('/v2/fhir/ExplanationOfBenefit');
  });
  test('every path of every version has a typed success response', () => {
    // 200 with a body, 200 declared empty (revoke), or 302 with a Location header (authorize).
    type Success<Op> = Op extends { responses: { 200: { content: infer C } } }
      ? C[keyof C]
      : Op extends { responses: { 200: { content?: never } } }
        ? 'empty'
        : Op extends { responses: { 302: { headers: { Location: infer L } } } }
          ? L
          : never;
    type Ops<V extends 1 | 2 | 3> = {
      [P in keyof PathsFor<V>]: {
        [M in 'get' | 'post']: PathsFor<V>[P] extends Record<M, infer Op> ? [P, Op] : never;
      }['get' | 'post'];
    }[keyof PathsFor<V>];
    type Untyped<V extends 1 | 2 | 3> =
      Ops<V> extends infer E
        ? E extends [infer P, infer Op]
          ? unknown extends Success<Op>
            ? P
            : [Success<Op>] extends [never]
              ? P
              : never
          : never
        : never;
    expectTypeOf<Untyped<1>>().toBeNever();
    expectTypeOf<Untyped<2>>().toBeNever();
    expectTypeOf<Untyped<3>>().toBeNever();
    expectTypeOf<Ops<3>[0]>().toExtend<string>();
    expectTypeOf<Extract<Ops<2>[0], '/v2/o/token/'>>().toEqualTypeOf<'/v2/o/token/'>();
    expectTypeOf<ResponseBody<2, '/v2/fhir/metadata'>>().toEqualTypeOf<fhir4.CapabilityStatement>();
    expectTypeOf<GetPath<2>>().toExtend<string>();
  });
});
