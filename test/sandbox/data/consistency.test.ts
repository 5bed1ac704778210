/**
 * Issue 12: a beneficiary's claims fit their Medicare coverage. Over a seeded sweep of many
 * beneficiaries, no claim starts before the Coverage of the part that pays it (Part D events before
 * Part D, Part A stays before Part A), and the entitlement reason matches the age at entitlement: a
 * beneficiary entitled before 65 is entitled through disability (or ESRD), never old age.
 */
import { describe, expect, test } from 'vitest';
import { CLAIM_TYPE_INFO } from '../../../src/sandbox/data/claim-types.js';
import { coverageId } from '../../../src/sandbox/data/coverage-ids.js';
import { createDataset } from '../../../src/sandbox/data/create-dataset.js';
import { allHeaders } from './helpers.js';

const dataset = createDataset({ seed: 20_261_201, beneficiaries: 600, eobsPerBeneficiary: 24 });

const V3_REASON = 'https://bluebutton.cms.gov/fhir/StructureDefinition/BENE-MDCR-ENTLMT-RSN-CD';
const V2_STATUS = 'https://bluebutton.cms.gov/resources/variables/ms_cd';
const V2_REASONS = ['orec', 'crec'].map((v) => `https://bluebutton.cms.gov/resources/variables/${v}`);

/** Whole years between two `YYYY-MM-DD` dates. */
function ageAt(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Medicare starts on the first of the month of the 65th birthday: the age that counts is the month's end. */
function lastDayOfMonth(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}

describe('sandbox data: claims and coverage agree', () => {
  test('no claim starts before the coverage of the part that pays it (v3 Coverage periods)', () => {
    const early: string[] = [];
    let claims = 0;
    for (const bene of dataset.beneficiaries) {
      const starts = new Map(dataset.coverages(bene, 3).map((c) => [c.id, c.period?.start ?? '']));
      for (const header of allHeaders(dataset, bene)) {
        claims++;
        const part = CLAIM_TYPE_INFO[header.type].coveragePart;
        const start = starts.get(coverageId(part, bene.patientId.v3));
        if (start === undefined || start === '' || header.start < start) {
          early.push(`${bene.username} ${header.id} (${header.start}) before part ${part} (${start})`);
        }
      }
    }
    expect(claims).toBe(600 * 24);
    expect(early).toEqual([]);
  });

  test('v2 Parts A and B start where v3 says, before every A/B claim', () => {
    const bene = dataset.beneficiaries[7];
    if (bene === undefined) throw new Error('no beneficiary 7');
    const v2 = dataset.coverages(bene, 2).find((c) => c.id === coverageId('a', bene.patientId.v2));
    const v3 = dataset.coverages(bene, 3).find((c) => c.id === coverageId('a', bene.patientId.v3));
    expect(v2?.period?.start).toBeDefined();
    expect(v2?.period?.start).toBe(v3?.period?.start);
  });

  test('the entitlement reason matches the age at entitlement, in v2 and v3', () => {
    const wrong: string[] = [];
    const reasons = new Map<string, number>();
    for (const bene of dataset.beneficiaries) {
      const birthDate = dataset.patient(bene, 3).birthDate ?? '';
      const partA = dataset.coverages(bene, 3).find((c) => c.id === coverageId('a', bene.patientId.v3));
      const start = partA?.period?.start ?? '';
      const reason = partA?.extension?.find((e) => e.url === V3_REASON)?.valueCoding?.code ?? '';
      const v2PartA = dataset.coverages(bene, 2)[0]?.extension ?? [];
      const v2Status = v2PartA.find((e) => e.url === V2_STATUS)?.valueCoding?.code ?? '';
      const v2Reasons = V2_REASONS.map((url) => v2PartA.find((e) => e.url === url)?.valueCoding?.code);
      const under65 = ageAt(birthDate, lastDayOfMonth(start)) < 65;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      // Reason 0 is old age; 1 disability, 2 ESRD, 3 both. ms_cd 10/11 aged, 20/21 disabled, 31 ESRD.
      const okV3 = under65 ? ['1', '2', '3'].includes(reason) : reason === '0';
      const okV2 =
        (under65 ? ['20', '21', '31'].includes(v2Status) : ['10', '11'].includes(v2Status)) &&
        v2Reasons.every((code) => code === reason);
      if (!okV3 || !okV2) {
        wrong.push(
          `${bene.username} born ${birthDate}, entitled ${start}: reason ${reason}, ms_cd ${v2Status}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    // Both kinds occur, so the check above is not vacuous.
    expect(reasons.get('0')).toBeGreaterThan(400);
    expect(reasons.get('1')).toBeGreaterThan(30);
  });

  test('dual eligibility never starts before Medicare does', () => {
    const early: string[] = [];
    for (const bene of dataset.beneficiaries) {
      const coverages = dataset.coverages(bene, 3);
      const partA = coverages.find((c) => c.id === coverageId('a', bene.patientId.v3))?.period?.start ?? '';
      const dual = coverages.find((c) => c.id?.startsWith('dual-'))?.period?.start;
      if (dual !== undefined && dual < partA) early.push(`${bene.username}: dual ${dual} < Part A ${partA}`);
    }
    expect(early).toEqual([]);
  });
});
