/**
 * The public client API at the type level: every method's parameters and results for v1, v2 and v3, and
 * what must not compile (misspelled parameters, bad claim types, unprefixed dates, string counts, v3-only
 * operations on v1/v2).
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import { describe, expectTypeOf, test } from 'vitest';
import {
  type AuthorizationToken,
  BlueButton,
  type BlueButtonClient,
  type CompatResult,
  type InsuranceCardBundle,
  type UserInfo,
} from '../../src/index.js';

declare const token: AuthorizationToken;
declare const client: BlueButtonClient<2>;

describe('search, read, pages, all, searchAll per version', () => {
  test('v1 is STU3', () => {
    expectTypeOf(client.v1.ExplanationOfBenefit.search()).resolves.toEqualTypeOf<
      fhir3.Bundle<fhir3.ExplanationOfBenefit>
    >();
    expectTypeOf(
      client.v1.ExplanationOfBenefit.read('carrier--1'),
    ).resolves.toEqualTypeOf<fhir3.ExplanationOfBenefit>();
    expectTypeOf(client.v1.Patient.read('-1')).resolves.toEqualTypeOf<fhir3.Patient>();
    expectTypeOf(client.v1.Coverage.search()).resolves.toEqualTypeOf<fhir3.Bundle<fhir3.Coverage>>();
    expectTypeOf(client.v1.metadata()).resolves.toEqualTypeOf<fhir3.CapabilityStatement>();
    expectTypeOf(client.v1.ExplanationOfBenefit.all()).toEqualTypeOf<
      AsyncIterableIterator<fhir3.ExplanationOfBenefit>
    >();
  });
  test('v2 is R4', () => {
    expectTypeOf(client.v2.ExplanationOfBenefit.search({ _count: 50 })).resolves.toEqualTypeOf<
      fhir4.Bundle<fhir4.ExplanationOfBenefit>
    >();
    expectTypeOf(
      client.v2.ExplanationOfBenefit.read('carrier--1'),
    ).resolves.toEqualTypeOf<fhir4.ExplanationOfBenefit>();
    expectTypeOf(client.v2.Patient.search()).resolves.toEqualTypeOf<fhir4.Bundle<fhir4.Patient>>();
    expectTypeOf(client.v2.Coverage.read('part-a--1')).resolves.toEqualTypeOf<fhir4.Coverage>();
    expectTypeOf(client.v2.ExplanationOfBenefit.pages()).toEqualTypeOf<
      AsyncIterableIterator<fhir4.Bundle<fhir4.ExplanationOfBenefit>>
    >();
    expectTypeOf(client.v2.ExplanationOfBenefit.all({}, { concurrency: 4 })).toEqualTypeOf<
      AsyncIterableIterator<fhir4.ExplanationOfBenefit>
    >();
    expectTypeOf(client.v2.Coverage.searchAll()).resolves.toEqualTypeOf<fhir4.Coverage[]>();
    expectTypeOf(client.v2.userinfo()).resolves.toEqualTypeOf<UserInfo<2>>();
    expectTypeOf(client.v2.metadata()).resolves.toEqualTypeOf<fhir4.CapabilityStatement>();
  });
  test('v3 is R4 with the insurance card', () => {
    expectTypeOf(client.v3.ExplanationOfBenefit.search({ _offset: 10 })).resolves.toEqualTypeOf<
      fhir4.Bundle<fhir4.ExplanationOfBenefit>
    >();
    expectTypeOf(client.v3.Patient.generateInsuranceCard()).resolves.toEqualTypeOf<InsuranceCardBundle>();
    expectTypeOf(client.v3.Patient.generateInsuranceCard()).resolves.toEqualTypeOf<
      fhir4.Bundle<fhir4.Patient | fhir4.Organization | fhir4.Coverage>
    >();
    expectTypeOf(client.v3.Coverage.searchAll()).resolves.toEqualTypeOf<fhir4.Coverage[]>();
  });
  test('pages(bundle) continues with the same Bundle type', async () => {
    const page = await client.v2.ExplanationOfBenefit.search();
    expectTypeOf(client.v2.pages(page)).toEqualTypeOf<
      AsyncIterableIterator<fhir4.Bundle<fhir4.ExplanationOfBenefit>>
    >();
  });
  test('client.fhir is the configured version; client.token is a token', () => {
    expectTypeOf(client.fhir.version).toEqualTypeOf<2>();
    expectTypeOf(
      client.fhir.ExplanationOfBenefit.read('x'),
    ).resolves.toEqualTypeOf<fhir4.ExplanationOfBenefit>();
    expectTypeOf(client.token).toEqualTypeOf<AuthorizationToken>();
    const bb3 = new BlueButton({
      clientId: 'a',
      clientSecret: 'b',
      callbackUrl: 'https://x.test/cb',
      version: 3,
    });
    expectTypeOf(bb3.client(token).fhir.version).toEqualTypeOf<3>();
    const fromFile = new BlueButton('settings.yaml');
    expectTypeOf(fromFile.client(token).fhir.version).toEqualTypeOf<1 | 2 | 3>();
  });
});

describe('what must not compile', () => {
  test('parameters', () => {
    // @ts-expect-error misspelled parameter
    client.v2.ExplanationOfBenefit.search({ service_date: ['ge2023-01-01'] });
    // @ts-expect-error a claim type that does not exist
    client.v2.ExplanationOfBenefit.search({ type: ['carriers'] });
    // @ts-expect-error an unprefixed date
    client.v2.ExplanationOfBenefit.search({ 'service-date': ['2023-01-01'] });
    // @ts-expect-error _count is a number
    client.v2.ExplanationOfBenefit.search({ _count: '10' });
    // @ts-expect-error type takes a list
    client.v2.ExplanationOfBenefit.search({ type: 'carrier' });
    // @ts-expect-error _offset is v3 only
    client.v2.ExplanationOfBenefit.search({ _offset: 10 });
    // @ts-expect-error Coverage has no claim type
    client.v2.Coverage.search({ type: ['pde'] });
    // @ts-expect-error Patient search takes no service-date
    client.v1.Patient.search({ 'service-date': ['ge2023-01-01'] });
    // @ts-expect-error unknown options key
    client.v2.ExplanationOfBenefit.all({}, { concurency: 4 });
    expectTypeOf(client.v2.ExplanationOfBenefit.search)
      .parameter(0)
      .toEqualTypeOf<Parameters<typeof client.v2.ExplanationOfBenefit.search>[0]>();
  });
  test('v3-only operations on v1 and v2', () => {
    // @ts-expect-error no insurance card on v2
    client.v2.Patient.generateInsuranceCard();
    // @ts-expect-error no insurance card on v1
    client.v1.Patient.generateInsuranceCard();
    expectTypeOf(client.v3.Patient).toHaveProperty('generateInsuranceCard');
    expectTypeOf(client.v2.Patient).not.toHaveProperty('generateInsuranceCard');
  });
});

describe("the official SDKs' methods", () => {
  const bb = new BlueButton({
    clientId: 'a',
    clientSecret: 'b',
    callbackUrl: 'https://x.test/cb',
    version: 2,
  });
  test('names and result shapes, typed for the configured version', () => {
    expectTypeOf(bb.getExplanationOfBenefitData(token)).resolves.toEqualTypeOf<
      CompatResult<fhir4.Bundle<fhir4.ExplanationOfBenefit>>
    >();
    expectTypeOf(bb.getPatientData(token)).resolves.toEqualTypeOf<
      CompatResult<fhir4.Bundle<fhir4.Patient>>
    >();
    expectTypeOf(bb.getCoverageData(token)).resolves.toEqualTypeOf<
      CompatResult<fhir4.Bundle<fhir4.Coverage>>
    >();
    expectTypeOf(bb.getProfileData(token)).resolves.toEqualTypeOf<CompatResult<UserInfo<2>>>();
    expectTypeOf(bb.getInsuranceCardData(token)).resolves.toEqualTypeOf<CompatResult<InsuranceCardBundle>>();
    expectTypeOf(bb.getCustomData('fhir/Patient/', token)).resolves.toEqualTypeOf<CompatResult<unknown>>();
    expectTypeOf(bb.extractNextPageUrl({})).toEqualTypeOf<string | null>();
    expectTypeOf(bb.extractPageNavUrl({}, 'last')).toEqualTypeOf<string | null>();
    const v1 = new BlueButton({
      clientId: 'a',
      clientSecret: 'b',
      callbackUrl: 'https://x.test/cb',
      version: 1,
    });
    expectTypeOf(v1.getExplanationOfBenefitData(token)).resolves.toEqualTypeOf<
      CompatResult<fhir3.Bundle<fhir3.ExplanationOfBenefit>>
    >();
  });
  test('params are typed; getPages keeps the Bundle type', async () => {
    bb.getExplanationOfBenefitData(token, { params: { _count: 50, type: ['pde'] } });
    // @ts-expect-error a bad claim type in the Node SDK's params
    bb.getExplanationOfBenefitData(token, { params: { type: ['nope'] } });
    const { response } = await bb.getExplanationOfBenefitData(token);
    expectTypeOf(bb.getPages(response.data, token)).resolves.toEqualTypeOf<{
      token: AuthorizationToken;
      pages: fhir4.Bundle<fhir4.ExplanationOfBenefit>[];
    }>();
    // @ts-expect-error relation must be a navigation relation
    bb.extractPageNavUrl(response.data, 'nextt');
  });
});
