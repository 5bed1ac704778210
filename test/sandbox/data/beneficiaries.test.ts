import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/sandbox/data/create-dataset.js';

/** CMS MBI layout: C A AN N A AN N A A N N, letters without S L O I B Z (position 2 `S` marks synthetic). */
const MBI =
  /^[1-9]S[0-9ACDEFGHJKMNPQRTUVWXY]\d[ACDEFGHJKMNPQRTUVWXY][0-9ACDEFGHJKMNPQRTUVWXY]\d[ACDEFGHJKMNPQRTUVWXY]{2}\d\d$/;

describe('beneficiaries', () => {
  const dataset = createDataset({ seed: 3, beneficiaries: 25 });

  it('follows the sandbox login and id patterns', () => {
    dataset.beneficiaries.forEach((bene, index) => {
      const digits = String(index + 1).padStart(10, '0');
      const number = String(index).padStart(5, '0');
      expect(bene.index).toBe(index);
      expect(bene.username).toBe(`BBUser${number}`);
      expect(bene.password).toBe(`PW${number}!`);
      expect(bene.patientId).toEqual({ v1: `-2014${digits}`, v2: `-2014${digits}`, v3: `-3025${digits}` });
      expect(bene.mbi).toMatch(MBI);
      expect(bene.email).toMatch(/^[a-z.]+\d{5}@example\.com$/);
      expect(bene.givenName.length).toBeGreaterThan(0);
      expect(bene.familyName.length).toBeGreaterThan(0);
      expect(new Date(bene.createdAt).toISOString()).toBe(bene.createdAt);
      expect(bene.eobCount).toBe(60);
    });
    expect(dataset.beneficiaries[0]?.patientId.v2).toBe('-20140000000001');
  });

  it('gives every beneficiary a distinct MBI', () => {
    const big = createDataset({ beneficiaries: 2_000, eobsPerBeneficiary: 0 });
    expect(new Set(big.beneficiaries.map((bene) => bene.mbi)).size).toBe(2_000);
  });

  it('finds a beneficiary by every version of its patient id, its username and its MBI', () => {
    for (const bene of dataset.beneficiaries) {
      for (const key of [bene.patientId.v1, bene.patientId.v2, bene.patientId.v3, bene.username, bene.mbi]) {
        expect(dataset.findBeneficiary(key)).toBe(bene);
      }
    }
    expect(dataset.findBeneficiary('BBUser99999')).toBeUndefined();
    expect(dataset.findBeneficiary('-20140000000000')).toBeUndefined();
    expect(dataset.findBeneficiary('')).toBeUndefined();
  });

  it('uses per-index claim counts and the default for missing indexes', () => {
    const mixed = createDataset({ beneficiaries: 3, eobsPerBeneficiary: [5, 100_000] });
    expect(mixed.beneficiaries.map((bene) => bene.eobCount)).toEqual([5, 100_000, 60]);
    expect(
      createDataset({ beneficiaries: 2, eobsPerBeneficiary: 7 }).beneficiaries.map((b) => b.eobCount),
    ).toEqual([7, 7]);
  });

  it('has the documented defaults', () => {
    const defaults = createDataset();
    expect(defaults.seed).toBe(1);
    expect(defaults.beneficiaries).toHaveLength(10);
    expect(defaults.beneficiaries.every((bene) => bene.eobCount === 60)).toBe(true);
  });

  it('rejects options it cannot honour', () => {
    expect(() => createDataset({ seed: 1.5 })).toThrow(RangeError);
    expect(() => createDataset({ beneficiaries: -1 })).toThrow(RangeError);
    expect(() => createDataset({ beneficiaries: 100_001 })).toThrow(RangeError);
    expect(() => createDataset({ eobsPerBeneficiary: -1 })).toThrow(RangeError);
    expect(() => createDataset({ eobsPerBeneficiary: [1, 2.5] })).toThrow(RangeError);
    expect(() => createDataset({ eobsPerBeneficiary: 10_000_001 })).toThrow(RangeError);
  });

  it('refuses beneficiaries of another dataset', () => {
    const other = createDataset({ beneficiaries: 30 });
    const stranger = other.beneficiaries[27];
    if (stranger === undefined) throw new Error('missing beneficiary');
    expect(() => dataset.claimHeader(stranger, 0)).toThrow(RangeError);
    expect(() => dataset.patient(stranger, 2)).toThrow(RangeError);
  });
});
