import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/sandbox/data/create-dataset.js';
import type { Dataset } from '../../../src/sandbox/data/dataset-types.js';
import { ALL_TYPES, allHeaders, firstBeneficiary, firstOfType, walk } from './helpers.js';

const OPTIONS = { beneficiaries: 4, eobsPerBeneficiary: [120, 60, 9] } as const;

/** Everything a dataset can produce, serialised: one EOB of each type in each version, and the rest. */
function snapshot(dataset: Dataset): string {
  const parts: unknown[] = [dataset.seed, dataset.beneficiaries];
  for (const bene of dataset.beneficiaries) {
    parts.push(allHeaders(dataset, bene));
    parts.push(dataset.patient(bene, 1), dataset.patient(bene, 2), dataset.patient(bene, 3));
    parts.push(dataset.coverages(bene, 1), dataset.coverages(bene, 2), dataset.coverages(bene, 3));
    parts.push(dataset.insuranceCard(bene));
    if (bene.eobCount >= ALL_TYPES.length) {
      for (const type of ALL_TYPES) {
        const header = firstOfType(dataset, bene, type);
        parts.push(dataset.eob(bene, 1, header), dataset.eob(bene, 2, header), dataset.eob(bene, 3, header));
      }
    }
  }
  parts.push(dataset.capabilityStatement(1, 'http://localhost:8000'));
  parts.push(dataset.capabilityStatement(2, 'http://localhost:8000'));
  parts.push(dataset.capabilityStatement(3, 'http://localhost:8000'));
  return JSON.stringify(parts);
}

describe('determinism', () => {
  it('gives byte-identical JSON for the same seed and options', () => {
    const a = createDataset({ seed: 1234, ...OPTIONS });
    const b = createDataset({ seed: 1234, ...OPTIONS });
    expect(snapshot(a)).toBe(snapshot(b));
    expect(a.beneficiaries).toEqual(b.beneficiaries);
  });

  it('gives different data for a different seed', () => {
    const a = createDataset({ seed: 1, ...OPTIONS });
    const b = createDataset({ seed: 2, ...OPTIONS });
    expect(snapshot(a)).not.toBe(snapshot(b));
    expect(firstBeneficiary(a).mbi).not.toBe(firstBeneficiary(b).mbi);
    const headerA = a.claimHeader(firstBeneficiary(a), 0);
    const headerB = b.claimHeader(firstBeneficiary(b), 0);
    expect(headerA.id === headerB.id && headerA.lastUpdated === headerB.lastUpdated).toBe(false);
  });

  it('does not depend on the clock or on what was generated before', () => {
    const fresh = createDataset({ seed: 77, ...OPTIONS });
    const busy = createDataset({ seed: 77, ...OPTIONS });
    // Exercise one dataset heavily first; the other answers the same afterwards.
    for (const bene of busy.beneficiaries) {
      for (const header of allHeaders(busy, bene)) busy.eob(bene, 2, header);
    }
    expect(snapshot(busy)).toBe(snapshot(fresh));
  });

  it('hands out fresh objects: mutating a returned resource changes nothing that comes later', () => {
    const dataset = createDataset({ seed: 31, ...OPTIONS });
    const before = snapshot(dataset);
    const outputs: unknown[] = [];
    for (const bene of dataset.beneficiaries) {
      outputs.push(dataset.patient(bene, 1), dataset.patient(bene, 2), dataset.patient(bene, 3));
      outputs.push(dataset.coverages(bene, 1), dataset.coverages(bene, 2), dataset.coverages(bene, 3));
      outputs.push(dataset.insuranceCard(bene), allHeaders(dataset, bene));
      if (bene.eobCount >= ALL_TYPES.length) {
        for (const type of ALL_TYPES) {
          const header = firstOfType(dataset, bene, type);
          outputs.push(
            dataset.eob(bene, 1, header),
            dataset.eob(bene, 2, header),
            dataset.eob(bene, 3, header),
          );
        }
      }
    }
    for (const version of [1, 2, 3] as const) {
      outputs.push(
        version === 1
          ? dataset.capabilityStatement(1, 'http://localhost:8000')
          : dataset.capabilityStatement(version, 'http://localhost:8000'),
      );
    }
    for (const output of outputs) {
      walk(output, (node) => {
        for (const [key, value] of Object.entries(node)) {
          if (typeof value === 'string') node[key] = 'tampered';
          else if (typeof value === 'number') node[key] = -1;
          else if (Array.isArray(value)) value.push('extra');
        }
      });
    }
    expect(snapshot(dataset)).toBe(before);
  });

  it('keeps ids stable under the same seed and lets beneficiary ids stay seed-independent', () => {
    const a = createDataset({ seed: 5, beneficiaries: 2 });
    const b = createDataset({ seed: 6, beneficiaries: 2 });
    expect(a.beneficiaries.map((x) => x.patientId)).toEqual(b.beneficiaries.map((x) => x.patientId));
    expect(a.beneficiaries.map((x) => x.username)).toEqual(b.beneficiaries.map((x) => x.username));
  });
});
