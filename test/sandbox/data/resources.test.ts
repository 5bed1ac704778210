import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/sandbox/data/create-dataset.js';
import { firstBeneficiary, jsonProblems } from './helpers.js';

const C4BB_PATIENT = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Patient';
const C4BB_COVERAGE = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Coverage';
const BENE_ID = 'https://bluebutton.cms.gov/resources/variables/bene_id';
const US_MBI = 'http://hl7.org/fhir/sid/us-mbi';
const CURRENCY = 'https://bluebutton.cms.gov/resources/codesystem/identifier-currency';

const dataset = createDataset({ seed: 4, beneficiaries: 6, eobsPerBeneficiary: 10 });
const bene = firstBeneficiary(dataset);

describe('Patient', () => {
  const v1: fhir3.Patient = dataset.patient(bene, 1);
  const v2: fhir4.Patient = dataset.patient(bene, 2);
  const v3: fhir4.Patient = dataset.patient(bene, 3);

  it('is valid FHIR JSON in every version', () => {
    for (const patient of [v1, v2, v3]) expect(jsonProblems(patient)).toEqual([]);
  });

  it('uses the version patient id and the beneficiary name', () => {
    expect([v1.id, v2.id, v3.id]).toEqual([bene.patientId.v1, bene.patientId.v2, bene.patientId.v3]);
    for (const patient of [v1, v2, v3]) {
      expect(patient.name?.[0]?.family).toBe(bene.familyName);
      expect(patient.name?.[0]?.given?.[0]).toBe(bene.givenName);
      expect(['male', 'female']).toContain(patient.gender);
    }
  });

  it('has a Medicare age (65 or older at the end of the timeline)', () => {
    for (const b of dataset.beneficiaries) {
      const birthDate = dataset.patient(b, 2).birthDate ?? '';
      expect(birthDate).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(birthDate <= '1960-12-31').toBe(true);
      expect(birthDate >= '1925-01-01').toBe(true);
    }
  });

  it('v1: no profile, bene_id identifier, reduced address', () => {
    expect(v1.meta?.profile).toBeUndefined();
    expect(v1.identifier?.find((i) => i.system === BENE_ID)?.value).toBe(bene.patientId.v1);
    expect(Object.keys(v1.address?.[0] ?? {}).sort()).toEqual(['postalCode', 'state']);
  });

  it('v2: C4BB-Patient, bene_id typed PI, current MBI with the identifier-currency extension', () => {
    expect(v2.meta?.profile).toEqual([C4BB_PATIENT]);
    const beneId = v2.identifier?.find((i) => i.system === BENE_ID);
    expect(beneId?.value).toBe(bene.patientId.v2);
    expect(beneId?.type?.coding?.[0]?.code).toBe('PI');
    const mbi = v2.identifier?.find((i) => i.system === US_MBI);
    expect(mbi?.value).toBe(bene.mbi);
    const currency = mbi?.type?.coding?.[0]?.extension?.find((e) => e.url === CURRENCY);
    expect(currency?.valueCoding?.code).toBe('current');
    expect(Object.keys(v2.address?.[0] ?? {}).sort()).toEqual(['postalCode', 'state']);
  });

  it('v3: versioned C4BB and US Core profiles, MBI typed MB', () => {
    expect(v3.meta?.profile).toEqual([
      `${C4BB_PATIENT}|2.1.0`,
      'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient|6.1.0',
    ]);
    const mbi = v3.identifier?.find((i) => i.system === US_MBI);
    expect(mbi?.value).toBe(bene.mbi);
    expect(mbi?.type?.coding?.[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
      code: 'MB',
    });
  });
});

describe('Coverage', () => {
  it('v1: parts A-D with ids part-x- + patient id, type system Medicare, grouping', () => {
    const coverages = dataset.coverages(bene, 1);
    expect(coverages.map((c) => c.id)).toEqual(
      ['a', 'b', 'c', 'd'].map((part) => `part-${part}-${bene.patientId.v1}`),
    );
    expect(coverages[0]?.id).toBe(`part-a--${bene.patientId.v1.slice(1)}`);
    coverages.forEach((coverage, i) => {
      const label = `Part ${'ABCD'.charAt(i)}`;
      expect(coverage.meta?.profile).toBeUndefined();
      expect(coverage.type?.coding?.[0]).toEqual({ system: 'Medicare', code: label });
      expect(coverage.grouping).toEqual({ subGroup: 'Medicare', subPlan: label });
      expect(coverage.beneficiary?.reference).toBe(`Patient/${bene.patientId.v1}`);
      expect(jsonProblems(coverage)).toEqual([]);
    });
  });

  it('v2: C4BB-Coverage, SUBSIDIZ, MBI subscriber, subgroup/subplan classes, CMS payor', () => {
    const coverages = dataset.coverages(bene, 2);
    expect(coverages).toHaveLength(4);
    coverages.forEach((coverage, i) => {
      expect(coverage.id).toBe(`part-${'abcd'.charAt(i)}-${bene.patientId.v2}`);
      expect(coverage.meta?.profile).toEqual([C4BB_COVERAGE]);
      expect(coverage.type?.coding?.[0]?.code).toBe('SUBSIDIZ');
      expect(coverage.subscriberId).toBe(bene.mbi);
      expect(coverage.relationship?.coding?.[0]?.code).toBe('self');
      expect(coverage.payor[0]?.identifier?.value).toBe('Centers for Medicare and Medicaid Services');
      expect(coverage.class?.map((c) => [c.type.coding?.[0]?.code, c.value])).toEqual([
        ['subgroup', 'Medicare'],
        ['subplan', `Part ${'ABCD'.charAt(i)}`],
      ]);
      expect(coverage.beneficiary.reference).toBe(`Patient/${bene.patientId.v2}`);
      expect(jsonProblems(coverage)).toEqual([]);
    });
  });

  it('v3: versioned profiles, SOPT types, contained CMS payor, dual-- for dual beneficiaries only', () => {
    let duals = 0;
    for (const b of dataset.beneficiaries) {
      const coverages = dataset.coverages(b, 3);
      const ids = coverages.map((c) => c.id);
      expect(ids.slice(0, 4)).toEqual(['a', 'b', 'c', 'd'].map((part) => `part-${part}-${b.patientId.v3}`));
      if (ids.length === 5) {
        duals++;
        expect(ids[4]).toBe(`dual-${b.patientId.v3}`);
        expect(coverages[4]?.class?.[0]?.value).toBe('Dual Medicare/Medicaid');
      } else {
        expect(ids).toHaveLength(4);
      }
      for (const coverage of coverages) {
        expect(coverage.meta?.profile?.[0]).toBe(`${C4BB_COVERAGE}|2.1.0`);
        expect(coverage.type?.coding?.[0]?.system).toBe('https://nahdo.org/sopt');
        expect(coverage.payor).toEqual([{ reference: '#cms-org' }]);
        expect(coverage.contained?.[0]?.id).toBe('cms-org');
        expect(coverage.beneficiary.reference).toBe(`Patient/${b.patientId.v3}`);
        expect(jsonProblems(coverage)).toEqual([]);
      }
    }
    // Every third beneficiary is dual, so six in a row hold exactly two.
    expect(duals).toBe(2);
  });
});

describe('insurance card', () => {
  const dual = dataset.beneficiaries.find((b) => dataset.coverages(b, 3).length === 5);
  const single = dataset.beneficiaries.find((b) => dataset.coverages(b, 3).length === 4);
  if (dual === undefined || single === undefined) throw new Error('expected dual and non-dual beneficiaries');

  it('is a C4DIC collection Bundle with urn:uuid fullUrls', () => {
    const card = dataset.insuranceCard(single);
    expect(card.type).toBe('collection');
    expect(jsonProblems(card)).toEqual([]);
    const entries = card.entry ?? [];
    expect(entries.map((e) => e.resource?.resourceType)).toEqual([
      'Patient',
      'Organization',
      'Coverage',
      'Coverage',
    ]);
    for (const entry of entries) {
      expect(entry.fullUrl).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);
      expect(entry.resource?.meta?.profile?.[0]).toMatch(
        /^http:\/\/hl7\.org\/fhir\/us\/insurance-card\/StructureDefinition\/C4DIC-(Patient|Organization|Coverage)$/,
      );
    }
  });

  it('links its Coverages to its Patient and Organization and carries the MBI', () => {
    const card = dataset.insuranceCard(dual);
    const [patient, organization, ...coverages] = (card.entry ?? []).map((e) => e.resource);
    expect(coverages).toHaveLength(3);
    for (const coverage of coverages) {
      if (coverage?.resourceType !== 'Coverage') throw new Error('expected a Coverage');
      expect(coverage.beneficiary.reference).toBe(`Patient/${patient?.id}`);
      expect(coverage.payor[0]?.reference).toBe(`Organization/${organization?.id}`);
      expect(coverage.subscriberId).toBe(dual.mbi);
    }
    const labels = coverages.map((c) => (c?.resourceType === 'Coverage' ? c.class?.[0]?.value : undefined));
    expect(labels).toEqual(['Part A', 'Part B', 'Dual Medicare/Medicaid']);
  });

  it('uses different UUIDs for different beneficiaries', () => {
    const a = dataset.insuranceCard(dual).entry?.map((e) => e.fullUrl);
    const b = dataset.insuranceCard(single).entry?.map((e) => e.fullUrl);
    expect(a?.some((url) => b?.includes(url))).toBe(false);
  });
});

describe('CapabilityStatement', () => {
  const base = 'http://127.0.0.1:8000';
  /** The wire shape of the security block, read back from JSON so STU3 and R4 statements compare alike. */
  interface SecurityJson {
    rest?: {
      security?: { extension?: { url: string; extension?: { url: string; valueUri?: string }[] }[] };
    }[];
  }
  const oauthUris = (statement: fhir3.CapabilityStatement | fhir4.CapabilityStatement) => {
    const json: SecurityJson = JSON.parse(JSON.stringify(statement));
    return Object.fromEntries(
      (json.rest?.[0]?.security?.extension ?? [])
        .filter((e) => e.url === 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris')
        .flatMap((e) => e.extension ?? [])
        .map((e) => [e.url, e.valueUri]),
    );
  };

  it('declares the FHIR version and both JSON formats', () => {
    expect(dataset.capabilityStatement(1, base).fhirVersion).toBe('3.0.2');
    expect(dataset.capabilityStatement(2, base).fhirVersion).toBe('4.0.1');
    expect(dataset.capabilityStatement(3, base).fhirVersion).toBe('4.0.1');
    for (const version of [1, 2, 3] as const) {
      const statement =
        version === 1 ? dataset.capabilityStatement(1, base) : dataset.capabilityStatement(version, base);
      expect(statement.format).toEqual(['application/json', 'application/fhir+json']);
      expect(jsonProblems(statement)).toEqual([]);
    }
  });

  it('lists Patient, Coverage and EOB with read and search-type and their search parameters', () => {
    const statement = dataset.capabilityStatement(2, base);
    const resources = statement.rest?.[0]?.resource ?? [];
    expect(resources.map((r) => r.type).sort()).toEqual(['Coverage', 'ExplanationOfBenefit', 'Patient']);
    for (const resource of resources) {
      expect(resource.interaction?.map((i) => i.code)).toEqual(['read', 'search-type']);
    }
    const params = (type: string) => resources.find((r) => r.type === type)?.searchParam?.map((p) => p.name);
    expect(params('ExplanationOfBenefit')).toEqual(
      expect.arrayContaining(['patient', 'type', 'service-date', '_lastUpdated', 'startIndex']),
    );
    expect(params('Coverage')).toEqual(expect.arrayContaining(['beneficiary', '_lastUpdated']));
    expect(params('Patient')).toEqual(expect.arrayContaining(['_id', 'identifier', '_lastUpdated']));
  });

  it('points the SMART oauth-uris at the base URL: v2 endpoints for v1 and v2, v3 endpoints for v3', () => {
    const v2Uris = {
      token: `${base}/v2/o/token`,
      authorize: `${base}/v2/o/authorize`,
      revoke: `${base}/v2/o/revoke_token`,
    };
    expect(oauthUris(dataset.capabilityStatement(1, base))).toEqual(v2Uris);
    expect(oauthUris(dataset.capabilityStatement(2, `${base}/`))).toEqual(v2Uris);
    expect(oauthUris(dataset.capabilityStatement(3, base))).toEqual({
      token: `${base}/v3/o/token`,
      authorize: `${base}/v3/o/authorize`,
      revoke: `${base}/v3/o/revoke_token`,
    });
  });
});
