import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/sandbox/data/create-dataset.js';
import { ALL_TYPES, allHeaders, firstBeneficiary } from './helpers.js';

const V2_ID = /^(carrier|dme|hha|hospice|inpatient|outpatient|pde|snf)--\d{13}$/;
const V3_ID = /^-\d{13}$/;

describe('claim headers', () => {
  const dataset = createDataset({ seed: 11, beneficiaries: 4, eobsPerBeneficiary: [500, 60, 8, 0] });
  const bene = firstBeneficiary(dataset);
  const headers = allHeaders(dataset, bene);

  it('are ordered by service date, within the fixed years', () => {
    for (const [i, header] of headers.entries()) {
      expect(header.index).toBe(i);
      expect(header.start >= '2021-01-01').toBe(true);
      expect(header.end <= '2025-12-31').toBe(true);
      expect(header.start <= header.end).toBe(true);
      const previous = headers[i - 1];
      if (previous) expect(previous.start <= header.start).toBe(true);
    }
    expect(headers[0]?.start.slice(0, 4)).toBe('2021');
    expect(headers.at(-1)?.start.slice(0, 4)).toBe('2025');
  });

  it('carry a lastUpdated instant with an offset, after the service ended', () => {
    for (const header of headers) {
      expect(header.lastUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      expect(header.lastUpdated.slice(0, 10) > header.end).toBe(true);
    }
  });

  it('use BB2 id formats, unique across versions and beneficiaries', () => {
    const ids = new Set<string>();
    for (const b of dataset.beneficiaries) {
      for (const header of allHeaders(dataset, b)) {
        expect(header.id).toMatch(V2_ID);
        expect(header.id.startsWith(`${header.type}--`)).toBe(true);
        expect(header.idV3).toMatch(V3_ID);
        ids.add(header.id);
        ids.add(header.idV3);
      }
    }
    expect(ids.size).toBe(2 * (500 + 60 + 8));
  });

  it('give every beneficiary with at least 8 (so also 60) claims all 8 types', () => {
    for (const seed of [1, 2, 3, 99]) {
      const ds = createDataset({ seed, beneficiaries: 6, eobsPerBeneficiary: [8, 9, 60, 61, 333, 1_000] });
      for (const b of ds.beneficiaries) {
        expect(new Set(allHeaders(ds, b).map((h) => h.type))).toEqual(new Set(ALL_TYPES));
      }
    }
  });

  it('make carrier and PDE the most common types', () => {
    const large = createDataset({ seed: 5, beneficiaries: 1, eobsPerBeneficiary: 20_000 });
    const counts = new Map<string, number>();
    for (const header of allHeaders(large, firstBeneficiary(large))) {
      counts.set(header.type, (counts.get(header.type) ?? 0) + 1);
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type]) => type);
    expect(ranked.slice(0, 2)).toEqual(['carrier', 'pde']);
    expect(counts.size).toBe(8);
  });

  it('are recomputed identically in any order (no shared state)', () => {
    const backwards = [...headers.keys()].reverse().map((i) => dataset.claimHeader(bene, i));
    expect(backwards.reverse()).toEqual(headers);
  });

  it('reject indexes outside [0, eobCount)', () => {
    expect(() => dataset.claimHeader(bene, -1)).toThrow(RangeError);
    expect(() => dataset.claimHeader(bene, 500)).toThrow(RangeError);
    expect(() => dataset.claimHeader(bene, 1.5)).toThrow(RangeError);
    const empty = dataset.beneficiaries[3];
    if (empty === undefined) throw new Error('missing beneficiary');
    expect(() => dataset.claimHeader(empty, 0)).toThrow(RangeError);
  });
});

describe('findClaim', () => {
  const dataset = createDataset({ seed: 21, beneficiaries: 3, eobsPerBeneficiary: [300, 300, 300] });
  const [first, second] = dataset.beneficiaries;
  if (first === undefined || second === undefined) throw new Error('missing beneficiaries');

  it('decodes every v1/v2 and v3 id back to its header', () => {
    for (const header of allHeaders(dataset, first)) {
      expect(dataset.findClaim(first, header.id)).toEqual(header);
      expect(dataset.findClaim(first, header.idV3)).toEqual(header);
    }
  });

  it('rejects ids of another beneficiary, even one with the same claim count', () => {
    for (const header of allHeaders(dataset, second)) {
      expect(dataset.findClaim(first, header.id)).toBeUndefined();
      expect(dataset.findClaim(first, header.idV3)).toBeUndefined();
    }
  });

  it('rejects ids of another beneficiary even when every index would be in range', () => {
    const full = createDataset({ seed: 21, beneficiaries: 2, eobsPerBeneficiary: 10_000_000 });
    const [a, b] = full.beneficiaries;
    if (a === undefined || b === undefined) throw new Error('missing beneficiaries');
    for (const index of [0, 1, 4_242, 9_999_999]) {
      const header = full.claimHeader(b, index);
      expect(full.findClaim(a, header.idV3)).toBeUndefined();
      expect(full.findClaim(a, header.id)).toBeUndefined();
      expect(full.findClaim(b, header.idV3)).toEqual(header);
    }
  });

  it('rejects ids whose type prefix names another claim type', () => {
    const header = dataset.claimHeader(first, 0);
    const wrongType = header.type === 'pde' ? 'carrier' : 'pde';
    expect(dataset.findClaim(first, header.id.replace(`${header.type}--`, `${wrongType}--`))).toBeUndefined();
  });

  it('rejects malformed ids and ids past the claim count', () => {
    const header = dataset.claimHeader(first, 0);
    const digits = header.id.split('--')[1] ?? '';
    for (const bad of [
      '',
      digits,
      `-${digits.slice(0, 10)}`,
      `unknown--${digits}`,
      `${header.type}-${digits}`,
      `${header.type}--${digits}0`,
      header.idV3.slice(1),
      `${header.id} `,
    ]) {
      expect(dataset.findClaim(first, bad)).toBeUndefined();
    }
    const fewer = createDataset({ seed: 21, beneficiaries: 1, eobsPerBeneficiary: [10] });
    const beyond = dataset.claimHeader(first, 299);
    expect(dataset.findClaim(first, beyond.id)).toEqual(beyond);
    expect(fewer.findClaim(firstBeneficiary(fewer), beyond.id)).toBeUndefined();
  });

  it('depends on the seed: ids of one seed do not resolve to the same claims under another', () => {
    const reseeded = createDataset({ seed: 22, beneficiaries: 1, eobsPerBeneficiary: [300] });
    const bene = firstBeneficiary(reseeded);
    const headers = allHeaders(dataset, first);
    const same = headers.filter((header) => reseeded.findClaim(bene, header.id)?.index === header.index);
    expect(same.length).toBeLessThan(headers.length / 10);
  });
});

describe('a beneficiary with 100,000 claims', () => {
  const dataset = createDataset({ seed: 8, beneficiaries: 2, eobsPerBeneficiary: [100_000] });
  const bene = firstBeneficiary(dataset);

  it('serves its last claim directly and finds it by id', () => {
    const last = dataset.claimHeader(bene, 99_999);
    expect(last.index).toBe(99_999);
    expect(last.start.startsWith('2025-12')).toBe(true);
    expect(dataset.findClaim(bene, last.id)).toEqual(last);
    expect(dataset.findClaim(bene, last.idV3)).toEqual(last);
    expect(dataset.eob(bene, 2, last).id).toBe(last.id);
    expect(dataset.eob(bene, 3, last).id).toBe(last.idV3);
  });

  it('does not materialise claims when the dataset is created', () => {
    const before = process.memoryUsage().heapUsed;
    const huge = createDataset({ seed: 8, beneficiaries: 2, eobsPerBeneficiary: [10_000_000, 10_000_000] });
    const grown = process.memoryUsage().heapUsed - before;
    // Twenty million claims would need hundreds of megabytes; the dataset holds two beneficiaries.
    expect(grown).toBeLessThan(32 * 1024 * 1024);
    const hugeBene = firstBeneficiary(huge);
    const last = huge.claimHeader(hugeBene, 9_999_999);
    expect(huge.findClaim(hugeBene, last.id)).toEqual(last);
    expect(JSON.stringify(huge).length).toBeLessThan(2_000);
  });
});
