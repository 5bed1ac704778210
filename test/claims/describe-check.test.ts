/**
 * describeClaim (English and Spanish), checkClaim's findings on the samples' real quirks, the guards'
 * runtime narrowing, and the module's purity (web-standard, no I/O).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AnyExplanationOfBenefit,
  amount,
  checkClaim,
  describeClaim,
  isClaimOfType,
  isInpatientInstitutionalClaim,
  isInstitutionalClaim,
  isOutpatientInstitutionalClaim,
  isPharmacyClaim,
  isProfessionalClaim,
  supportingInfo,
  toClaim,
} from 'bluebutton-ts/claims';
import { describe, expect, test } from 'vitest';
import { createDataset } from '../../src/sandbox/data/create-dataset.js';
import { entryResources, isRecord, present, readSample, suiteName } from '../conformance/helpers/samples.js';

function sample(name: string, index = 0): AnyExplanationOfBenefit {
  const s = readSample(name);
  const entries = entryResources(s);
  const e = entries.length > 0 ? entries[index] : isRecord(s) && 'resource' in s ? s.resource : s;
  return e as AnyExplanationOfBenefit;
}

describe.skipIf(!present)(suiteName('describeClaim and checkClaim on real EOBs'), () => {
  test('describeClaim in English and Spanish, from the sample amounts', () => {
    const v3 = toClaim(sample('v3-eob-read-inpatient-docs-example.json'));
    expect(describeClaim(v3)).toBe(
      'Home health care with provider NPI 1558719914 on October 27, 2018: billed $99,816.12, Medicare paid $17,103.19, you may owe $0.00',
    );
    expect(describeClaim(v3, { lang: 'es' })).toBe(
      'Atención médica en el hogar con el proveedor NPI 1558719914 el 27 de octubre de 2018: facturado $99,816.12, Medicare pagó $17,103.19, usted podría deber $0.00',
    );
    // v1 carrier: no claim totals, so billed is the lines' charge and the share is deductible + coinsurance.
    const v1 = toClaim(sample('v1-eob-read-carrier.json'));
    expect(describeClaim(v1, { providerName: 'Dr. Example' })).toBe(
      'Office visit with Dr. Example on December 1, 2015: billed $250.00, Medicare paid $50.00, you may owe $10.00',
    );
    const pde = toClaim(sample('bfd-v1-eob-read-pde.json'));
    expect(describeClaim(pde, { lang: 'es' })).toBe(
      'Receta surtida con el proveedor NPI 1023011079 el 12 de mayo de 2015: facturado $550.00, su plan de medicamentos pagó $126.99, usted podría deber $235.85',
    );
  });

  test('checkClaim names the quirks of real BB2 data, and toClaim reads those EOBs anyway', () => {
    const ws = sample('v1-eob-read-outpatient-docs-example.json');
    const wsFindings = checkClaim(ws).filter((f) => f.code === 'system-whitespace');
    expect(wsFindings.map((f) => f.path)).toEqual(['diagnosis[8].diagnosisCodeableConcept.coding[0].system']);
    // That entry has a system and no code: the record keeps the 8 coded diagnoses and drops it.
    expect(toClaim(ws).diagnoses.map((d) => d.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const carrier = sample('v2-eob-read-carrier.json');
    const codes = checkClaim(carrier).map((f) => `${f.code} ${f.path}`);
    expect(codes).toContain('missing-provider provider');
    expect(codes).toContain('adjudication-conflict total[0].category');
    expect(toClaim(carrier).providerNpi).toBeUndefined();

    const docs = sample('v1-eob-bundle-entry-carrier-docs-sample.json');
    expect(checkClaim(docs).filter((f) => f.code === 'unknown-adjudication').length).toBeGreaterThan(0);
    expect(toClaim(docs).type).toBe('carrier'); // its eob-type sits under a placeholder system: the NCH code names it

    const findings = JSON.stringify(checkClaim(carrier));
    expect(findings).not.toContain('-20140000008325'); // no patient id in findings
  });

  test('amount and supportingInfo accept every code set for one meaning', () => {
    const v2 = sample('v2-eob-read-carrier.json');
    const v1 = sample('v1-eob-read-carrier.json');
    const v3 = sample('v3-eob-read-inpatient-docs-example.json');
    const [i2, i1, i3] = [v2.item?.[0], v1.item?.[0], v3.item?.[0]];
    if (!i1 || !i2 || !i3) throw new Error('no items');
    expect(amount(i2, 'paidtoprovider')).toEqual({ value: 50, currency: 'USD' }); // C4BB + variables
    expect(amount(i1, 'paidtoprovider')).toEqual({ value: 50, currency: 'USD' }); // variables only (v1)
    expect(amount(i3, 'paidtoprovider')).toEqual({ value: 1190.09, currency: 'USD' }); // C4BB + v3 IDR
    expect(amount(v3, 'submitted')?.value).toBe(99816.1171875); // the claim's `total`
    expect(amount(v1, 'coinsurance')?.value).toBe(10); // no `total`: the sum of its lines
    expect(supportingInfo(v3, 'admissionperiod')).toEqual({ start: '2018-10-27', end: '2018-11-03' });
    expect(supportingInfo(sample('bfd-v1-eob-read-inpatient.json'), 'admissionperiod')).toEqual({
      start: '2016-01-15',
      end: '2016-01-27',
    });
    expect(supportingInfo(sample('v2-eob-search-bundle-bbuser29999-page1-of-15.json', 3), 'dayssupply')).toBe(
      28,
    );
    expect(supportingInfo(v2, 'dayssupply')).toBeUndefined();
  });

  test('the id prefix names the type when no coding does; nothing at all gives unknown', () => {
    const bare = {
      resourceType: 'ExplanationOfBenefit',
      id: 'snf--1',
      status: 'active',
    } as AnyExplanationOfBenefit;
    expect(toClaim(bare).type).toBe('snf');
    const none = { ...bare, id: '-123' } as AnyExplanationOfBenefit;
    expect([toClaim(none).type, toClaim(none).family]).toEqual(['unknown', 'unknown']);
    expect(checkClaim(none).map((f) => f.code)).toContain('type-unknown');
  });

  test('not an EOB: checkClaim says so, toClaim throws INVALID_PARAMS', () => {
    const patient = readSample('v2-patient-read.json') as AnyExplanationOfBenefit;
    expect(checkClaim(patient).map((f) => f.code)).toEqual(['not-an-eob']);
    expect(() => toClaim(patient)).toThrow(
      /expects an ExplanationOfBenefit resource, got resourceType Patient/,
    );
  });
});

test('sandbox EOBs pass checkClaim but for the revenue-line labels it copies from real BFD data', () => {
  const ds = createDataset({ seed: 9, beneficiaries: 2, eobsPerBeneficiary: 80 });
  const findings = new Set<string>();
  for (const bene of ds.beneficiaries) {
    for (let i = 0; i < bene.eobCount; i++) {
      for (const v of [2, 3] as const) {
        for (const f of checkClaim(ds.eob(bene, v, ds.claimHeader(bene, i))))
          findings.add(`v${v} ${f.message}`);
      }
    }
  }
  // BFD labels the revenue center rate and Medicare payment `submitted` (see bfd-v2-eob-read-hha.json) and the
  // Part D gross drug cost below/above the out-of-pocket threshold `coinsurance`; v2 carrier and DME claims
  // file the total charge (`clm_tot_chrg_amt`) under `priorpayerpaid` (see bfd-v2-eob-read-carrier.json and
  // bfd-v2-eob-read-dme.json).
  expect([...findings].sort()).toEqual([
    "v2 category says coinsurance but BB2's code names an amount of no listed meaning; not counted as coinsurance",
    "v2 category says priorpayerpaid but BB2's code says submitted; submitted is used",
    "v2 category says submitted but BB2's code names an amount of no listed meaning; not counted as submitted",
    "v2 category says submitted but BB2's code says benefit; benefit is used",
    "v3 category says coinsurance but BB2's code names an amount of no listed meaning; not counted as coinsurance",
    "v3 category says submitted but BB2's code names an amount of no listed meaning; not counted as submitted",
  ]);
});

test('the guards narrow by family and type at runtime', () => {
  const ds = createDataset({ seed: 3, beneficiaries: 1, eobsPerBeneficiary: 80 });
  const bene = ds.beneficiaries[0];
  if (!bene) throw new Error('no beneficiary');
  const seen = new Map<string, string[]>();
  for (let i = 0; i < bene.eobCount; i++) {
    const c = toClaim(ds.eob(bene, 2, ds.claimHeader(bene, i)));
    const guards = [
      isProfessionalClaim(c) && 'professional',
      isInstitutionalClaim(c) && 'institutional',
      isPharmacyClaim(c) && 'pharmacy',
      isInpatientInstitutionalClaim(c) && 'inpatient-institutional',
      isOutpatientInstitutionalClaim(c) && 'outpatient-institutional',
      isClaimOfType(c, c.type === 'unknown' ? 'carrier' : c.type) && 'own-type',
    ].filter((g) => typeof g === 'string');
    seen.set(c.type, guards);
    if (isPharmacyClaim(c)) expect(c.daysSupply).toBe(c.lines[0]?.daysSupply);
  }
  expect(Object.fromEntries(seen)).toEqual({
    carrier: ['professional', 'own-type'],
    dme: ['professional', 'own-type'],
    hha: ['institutional', 'inpatient-institutional', 'own-type'],
    hospice: ['institutional', 'inpatient-institutional', 'own-type'],
    inpatient: ['institutional', 'inpatient-institutional', 'own-type'],
    outpatient: ['institutional', 'outpatient-institutional', 'own-type'],
    pde: ['pharmacy', 'own-type'],
    snf: ['institutional', 'inpatient-institutional', 'own-type'],
  });
});

test('src/claims is pure and web-standard: no node: imports, Buffer, process or I/O', () => {
  const dir = join(import.meta.dirname, '../../src/claims');
  const offenders = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const code = text
        .split('\n')
        .filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l))
        .join('\n');
      return [/from 'node:/, /\bBuffer\b/, /\bprocess\./, /\bfetch\(/, /\bconsole\./]
        .filter((re) => re.test(code))
        .map((re) => `${f}: ${re}`);
    });
  expect(offenders).toEqual([]);
});
