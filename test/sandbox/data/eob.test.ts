import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/sandbox/data/create-dataset.js';
import type { ClaimType } from '../../../src/types.js';
import { ALL_TYPES, firstBeneficiary, firstOfType, jsonProblems, walk } from './helpers.js';

const C4BB = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-';
const EOB_TYPE = 'https://bluebutton.cms.gov/resources/codesystem/eob-type';
const NCH_TYPE = 'https://bluebutton.cms.gov/resources/variables/nch_clm_type_cd';
const HCPCS = 'https://bluebutton.cms.gov/resources/codesystem/hcpcs';
const NDC = 'http://hl7.org/fhir/sid/ndc';
const NPI = 'http://hl7.org/fhir/sid/us-npi';

/** bb2-api.md 5.2, including BFD's DME and HHA oddities. */
const V2_PROFILE: Record<ClaimType, string> = {
  carrier: 'Professional-NonClinician',
  dme: 'Inpatient-Institutional',
  hha: 'Professional-NonClinician',
  hospice: 'Inpatient-Institutional',
  inpatient: 'Inpatient-Institutional',
  outpatient: 'Outpatient-Institutional',
  pde: 'Pharmacy',
  snf: 'Inpatient-Institutional',
};

const NCH_CODE: Record<ClaimType, string | undefined> = {
  carrier: '71',
  dme: '82',
  hha: '10',
  hospice: '50',
  inpatient: '60',
  outpatient: '40',
  pde: undefined,
  snf: '20',
};

const COVERAGE_PART: Record<ClaimType, string> = {
  carrier: 'b',
  dme: 'b',
  hha: 'b',
  hospice: 'a',
  inpatient: 'a',
  outpatient: 'b',
  pde: 'd',
  snf: 'a',
};

const dataset = createDataset({ seed: 17, beneficiaries: 2, eobsPerBeneficiary: [400, 60] });
const bene = firstBeneficiary(dataset);
const coverageIds = {
  1: new Set(dataset.coverages(bene, 1).map((c) => c.id)),
  2: new Set(dataset.coverages(bene, 2).map((c) => c.id)),
  3: new Set(dataset.coverages(bene, 3).map((c) => c.id)),
};

function amountValues(resource: unknown): number[] {
  const values: number[] = [];
  walk(resource, (node) => {
    if (typeof node.value === 'number' && (node.currency === 'USD' || node.code === 'USD'))
      values.push(node.value);
  });
  return values;
}

function expectCents(values: number[]): void {
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) {
    expect(Math.abs(value * 100 - Math.round(value * 100))).toBeLessThan(1e-6);
    expect(value).toBeGreaterThanOrEqual(0);
  }
}

function expectSequencesResolve(eob: fhir4.ExplanationOfBenefit): void {
  const team = new Set((eob.careTeam ?? []).map((member) => member.sequence));
  const diagnoses = new Set((eob.diagnosis ?? []).map((diagnosis) => diagnosis.sequence));
  for (const item of eob.item ?? []) {
    for (const n of item.careTeamSequence ?? []) expect(team.has(n)).toBe(true);
    for (const n of item.diagnosisSequence ?? []) expect(diagnoses.has(n)).toBe(true);
  }
  const contained = new Set((eob.contained ?? []).map((resource) => `#${resource.id ?? ''}`));
  walk(eob, (node) => {
    if (typeof node.reference === 'string' && node.reference.startsWith('#')) {
      expect(contained.has(node.reference)).toBe(true);
    }
  });
}

describe.each(ALL_TYPES)('%s EOB', (type) => {
  const header = firstOfType(dataset, bene, type);
  const v1: fhir3.ExplanationOfBenefit = dataset.eob(bene, 1, header);
  const v2: fhir4.ExplanationOfBenefit = dataset.eob(bene, 2, header);
  const v3: fhir4.ExplanationOfBenefit = dataset.eob(bene, 3, header);

  it('is valid FHIR JSON in every version (no empty arrays, strings or undefined members)', () => {
    for (const eob of [v1, v2, v3]) expect(jsonProblems(eob)).toEqual([]);
  });

  it('carries the header: ids, lastUpdated, billable period, patient', () => {
    expect(v1.id).toBe(header.id);
    expect(v2.id).toBe(header.id);
    expect(v3.id).toBe(header.idV3);
    for (const eob of [v1, v2, v3]) {
      expect(eob.meta?.lastUpdated).toBe(header.lastUpdated);
      expect(eob.billablePeriod).toMatchObject({ start: header.start, end: header.end });
    }
    expect(v1.patient?.reference).toBe(`Patient/${bene.patientId.v1}`);
    expect(v2.patient.reference).toBe(`Patient/${bene.patientId.v2}`);
    expect(v3.patient.reference).toBe(`Patient/${bene.patientId.v3}`);
  });

  it('declares profiles as BB2 does: none in v1, per claim type in v2, versioned in v3', () => {
    expect(v1.meta?.profile).toBeUndefined();
    expect(v2.meta?.profile).toEqual([`${C4BB}${V2_PROFILE[type]}`]);
    expect(v3.meta?.profile).toHaveLength(1);
    expect(v3.meta?.profile?.[0]).toMatch(new RegExp(`^${C4BB}[A-Za-z-]+\\|2\\.1\\.0$`));
    expect(v3.meta?.source).toBe(type === 'pde' ? 'DDPS' : 'NationalClaimsHistory');
  });

  it('codes the claim type with eob-type, nch_clm_type_cd and the HL7 claim type', () => {
    const eobType = type.toUpperCase();
    for (const eob of [v1, v2]) {
      const found = eob.type?.coding ?? [];
      expect(found.filter((c) => c.system === EOB_TYPE).map((c) => c.code)).toEqual([eobType]);
      expect(found.find((c) => c.system === NCH_TYPE)?.code).toBe(NCH_CODE[type]);
    }
    expect(v1.type?.coding?.some((c) => c.system === 'http://hl7.org/fhir/ex-claimtype')).toBe(true);
    expect(v2.type.coding?.some((c) => c.system === 'http://terminology.hl7.org/CodeSystem/claim-type')).toBe(
      true,
    );
    const v3Systems = (v3.type.coding ?? []).map((c) => c.system);
    expect(v3Systems).toContain('https://bluebutton.cms.gov/fhir/CodeSystem/CLM-TYPE-CD');
    expect(v3.type.coding?.find((c) => c.system?.endsWith('/fhir/CodeSystem/EOB-TYPE'))?.code).toBe(eobType);
    expect(v3Systems).not.toContain(EOB_TYPE);
  });

  it('identifies the claim (clm_id or pde_id with the C4BB uc type, plus claim-group)', () => {
    const idSystem = `https://bluebutton.cms.gov/resources/variables/${type === 'pde' ? 'pde_id' : 'clm_id'}`;
    const digits = header.id.split('--')[1];
    const claimId = v2.identifier?.find((i) => i.system === idSystem);
    expect(claimId?.value).toBe(`-${digits}`);
    expect(claimId?.type?.coding?.[0]?.code).toBe('uc');
    expect(
      v2.identifier?.some((i) => i.system === 'https://bluebutton.cms.gov/resources/identifier/claim-group'),
    ).toBe(true);
    expect(v1.identifier?.find((i) => i.system === idSystem)?.value).toBe(`-${digits}`);
    expect(v3.identifier?.[0]).toMatchObject({ value: header.idV3 });
  });

  it('points insurance at the Coverage of the right part, which exists', () => {
    const part = COVERAGE_PART[type];
    const v1Ref = v1.insurance?.coverage?.reference;
    expect(v1Ref).toBe(`Coverage/part-${part}-${bene.patientId.v1}`);
    expect(coverageIds[1].has(v1Ref?.replace('Coverage/', '') ?? '')).toBe(true);
    for (const [version, eob] of [
      [2, v2],
      [3, v3],
    ] as const) {
      const ref = eob.insurance[0]?.coverage.reference ?? '';
      expect(ref).toBe(`Coverage/part-${part}-${version === 3 ? bene.patientId.v3 : bene.patientId.v2}`);
      expect(coverageIds[version].has(ref.replace('Coverage/', ''))).toBe(true);
    }
  });

  it('names providers by synthetic NPIs', () => {
    for (const eob of [v1, v2, v3]) {
      const values: string[] = [];
      walk(eob, (node) => {
        if (node.system === NPI && typeof node.value === 'string') values.push(node.value);
      });
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(value).toMatch(/^[12]\d{9}$/);
    }
  });

  it('bills lines with HCPCS or NDC codes and amounts in USD cents', () => {
    expect(v2.item?.length).toBeGreaterThan(0);
    const products = (v2.item ?? []).flatMap((item) => item.productOrService.coding ?? []);
    const services = (v1.item ?? []).flatMap((item) => item.service?.coding ?? []);
    if (type === 'pde') {
      expect(products.every((c) => c.system === NDC && /^\d{11}$/.test(c.code ?? ''))).toBe(true);
      expect(services.every((c) => c.system === NDC)).toBe(true);
    } else if (type === 'carrier' || type === 'dme' || type === 'outpatient') {
      expect(products.every((c) => c.system === HCPCS)).toBe(true);
      expect(services.length).toBeGreaterThan(0);
      expect(services.every((c) => c.system === HCPCS)).toBe(true);
    }
    for (const item of v2.item ?? []) expect(item.adjudication?.length).toBeGreaterThan(0);
    for (const eob of [v1, v2, v3]) expectCents(amountValues(eob));
  });

  it('totals the claim: R4 total[] and payment, STU3 totalCost and payment', () => {
    const submitted = v2.total?.[0]?.amount?.value ?? -1;
    const paid = v2.payment?.amount?.value ?? -1;
    expect(submitted).toBeGreaterThan(0);
    expect(paid).toBeGreaterThanOrEqual(0);
    expect(paid).toBeLessThanOrEqual(submitted);
    expect(v2.total?.every((total) => total.amount.currency === 'USD')).toBe(true);
    expect(v1.totalCost).toEqual({ value: submitted, system: 'urn:iso:std:iso:4217', code: 'USD' });
    expect(v1.payment?.amount?.value).toBe(paid);
    expect(v3.payment?.amount?.value).toBe(paid);
    const lineSubmitted = (v2.item ?? [])
      .flatMap((item) => item.adjudication ?? [])
      .filter((a) =>
        a.category.coding?.some((c) =>
          /\/(line_sbmtd_chrg_amt|rev_cntr_tot_chrg_amt|tot_rx_cst_amt)$/.test(c.code ?? ''),
        ),
      )
      .reduce((sum, a) => sum + Math.round((a.amount?.value ?? 0) * 100), 0);
    expect(lineSubmitted).toBe(Math.round(submitted * 100));
  });

  it('diagnoses with ICD-10 (none on Part D events)', () => {
    if (type === 'pde') {
      expect(v2.diagnosis).toBeUndefined();
      return;
    }
    expect(v2.diagnosis?.length).toBeGreaterThan(0);
    const v2Systems = new Set(
      (v2.diagnosis ?? []).flatMap((d) => d.diagnosisCodeableConcept?.coding ?? []).map((c) => c.system),
    );
    expect(v2Systems).toEqual(
      new Set(['http://hl7.org/fhir/sid/icd-10-cm', 'http://hl7.org/fhir/sid/icd-10']),
    );
    const v1Codes = (v1.diagnosis ?? []).flatMap((d) => d.diagnosisCodeableConcept?.coding ?? []);
    expect(
      v1Codes.every((c) => c.system === 'http://hl7.org/fhir/sid/icd-10' && !c.code?.includes('.')),
    ).toBe(true);
    const v3Codes = (v3.diagnosis ?? []).flatMap((d) => d.diagnosisCodeableConcept?.coding ?? []);
    expect(v3Codes.every((c) => c.system === 'http://hl7.org/fhir/sid/icd-10-cm')).toBe(true);
  });

  it('keeps internal references consistent (care team, diagnoses, contained resources)', () => {
    expectSequencesResolve(v2);
    expectSequencesResolve(v3);
  });
});

describe('EOBs across a history', () => {
  it('every claim of a beneficiary builds in every version with matching ids and amounts', () => {
    const other = dataset.beneficiaries[1];
    if (other === undefined) throw new Error('missing beneficiary');
    for (let i = 0; i < other.eobCount; i++) {
      const header = dataset.claimHeader(other, i);
      const v1 = dataset.eob(other, 1, header);
      const v2 = dataset.eob(other, 2, header);
      const v3 = dataset.eob(other, 3, header);
      expect(v1.payment?.amount?.value).toBe(v2.payment?.amount?.value);
      expect(v3.payment?.amount?.value).toBe(v2.payment?.amount?.value);
      expect(v2.patient.reference).toBe(`Patient/${other.patientId.v2}`);
    }
  });

  it('refuses a header that belongs to another beneficiary', () => {
    const other = dataset.beneficiaries[1];
    if (other === undefined) throw new Error('missing beneficiary');
    const foreign = dataset.claimHeader(other, 0);
    expect(() => dataset.eob(bene, 2, foreign)).toThrow(RangeError);
  });
});
