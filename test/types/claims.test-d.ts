/**
 * bluebutton-ts/claims at the type level: EOBs of every version and the client's iterables are accepted,
 * slices and amounts are typed per name, the guards narrow to views that have (or lack) their family's
 * fields, and misuses do not compile. Nothing is `any`.
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import { describe, expectTypeOf, test } from 'vitest';
import {
  amount,
  type ClaimFinding,
  type ClaimLine,
  type ClaimRecord,
  CSV_COLUMNS,
  checkClaim,
  claimLines,
  claimTypeOf,
  type DatePeriod,
  describeClaim,
  isClaimOfType,
  isInstitutionalClaim,
  isPharmacyClaim,
  isProfessionalClaim,
  type Money,
  supportingInfo,
  toClaim,
  toCsv,
  toNdjson,
} from '../../src/claims/index.js';
import type { BlueButtonClient, ClaimType } from '../../src/index.js';

declare const v1: fhir3.ExplanationOfBenefit;
declare const v2: fhir4.ExplanationOfBenefit;
declare const client: BlueButtonClient<2>;
declare const claim: ClaimRecord;
declare const line: ClaimLine;

describe('inputs and results', () => {
  test('EOBs of v1 (STU3) and v2/v3 (R4) alike', () => {
    expectTypeOf(toClaim(v1)).toEqualTypeOf<ClaimRecord>();
    expectTypeOf(toClaim(v2)).toEqualTypeOf<ClaimRecord>();
    expectTypeOf(claimLines(v1)).toEqualTypeOf<readonly ClaimLine[]>();
    expectTypeOf(claimTypeOf(v2)).toEqualTypeOf<ClaimType | undefined>();
    expectTypeOf(checkClaim(v1)).toEqualTypeOf<readonly ClaimFinding[]>();
    expectTypeOf(describeClaim(claim, { lang: 'es' })).toEqualTypeOf<string>();
    expectTypeOf(toClaim(v2)).not.toBeAny();
    expectTypeOf(claim.lines[0]?.amounts.paidToProvider).toEqualTypeOf<Money | undefined>();
  });

  test('the exporters take the client iterables, arrays of EOBs or records', () => {
    expectTypeOf(toCsv(client.v2.ExplanationOfBenefit.all())).toEqualTypeOf<
      AsyncGenerator<string, void, undefined>
    >();
    expectTypeOf(toCsv(client.v1.ExplanationOfBenefit.all())).toEqualTypeOf<
      AsyncGenerator<string, void, undefined>
    >();
    expectTypeOf(toNdjson([claim])).toEqualTypeOf<AsyncGenerator<string, void, undefined>>();
    expectTypeOf(toNdjson([v1, v2])).toEqualTypeOf<AsyncGenerator<string, void, undefined>>();
    expectTypeOf(CSV_COLUMNS[0]).toEqualTypeOf<'eob_id'>();
  });

  test('slices and amounts are typed per name', () => {
    expectTypeOf(supportingInfo(v2, 'admissionperiod')).toEqualTypeOf<DatePeriod | undefined>();
    expectTypeOf(supportingInfo(v1, 'dayssupply')).toEqualTypeOf<number | undefined>();
    expectTypeOf(supportingInfo(v2, 'typeofbill')).toEqualTypeOf<string | undefined>();
    expectTypeOf(amount(v2, 'paidtoprovider')).toEqualTypeOf<Money | undefined>();
    const item = v2.item?.[0];
    if (item) expectTypeOf(amount(item, 'deductible')).toEqualTypeOf<Money | undefined>();
  });
});

describe('misuses do not compile', () => {
  test('unknown slices, amounts, languages and inputs', () => {
    // @ts-expect-error: not a supporting-info slice
    supportingInfo(v2, 'admission-period');
    // @ts-expect-error: not an amount meaning (C4BB spells it paidtoprovider)
    amount(v2, 'paidToProvider');
    // @ts-expect-error: BB2 speaks English and Spanish only
    describeClaim(claim, { lang: 'fr' });
    // @ts-expect-error: a Patient is not an EOB
    toClaim({ resourceType: 'Patient' } as fhir4.Patient);
    // @ts-expect-error: a Bundle is not an EOB; pass its entries
    toCsv([{ resourceType: 'Bundle', type: 'searchset' } as fhir4.Bundle]);
  });

  test('family fields exist only on their family', () => {
    // @ts-expect-error: a claim of unknown family has no daysSupply
    claim.daysSupply;
    if (isPharmacyClaim(claim)) {
      expectTypeOf(claim.daysSupply).toEqualTypeOf<number | undefined>();
      expectTypeOf(claim.type).toEqualTypeOf<'pde'>();
      // @ts-expect-error: a pharmacy claim has no type of bill
      claim.typeOfBill;
    }
    if (isInstitutionalClaim(claim)) {
      expectTypeOf(claim.typeOfBill).toEqualTypeOf<string | undefined>();
      // @ts-expect-error: an institutional claim has no days supply
      claim.daysSupply;
    }
    if (isProfessionalClaim(claim)) {
      expectTypeOf(claim.type).toEqualTypeOf<'carrier' | 'dme'>();
      // @ts-expect-error: asking a carrier claim for daysSupply does not compile
      claim.daysSupply;
    }
    if (isClaimOfType(claim, 'carrier')) {
      expectTypeOf(claim.type).toEqualTypeOf<'carrier'>();
      // @ts-expect-error: carrier claims have no days supply
      claim.daysSupply;
    }
    if (claim.type === 'snf') expectTypeOf(claim.typeOfBill).toEqualTypeOf<string | undefined>();
    // @ts-expect-error: not a claim type
    isClaimOfType(claim, 'pharmacy');
  });

  test('records are read-only', () => {
    // @ts-expect-error: records are immutable
    claim.type = 'pde';
    // @ts-expect-error: lines are immutable
    claim.lines[0] = line;
  });
});
