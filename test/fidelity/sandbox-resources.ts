/**
 * A seeded sweep of sandbox resources, grouped the way real-resources.ts groups the real ones, so a
 * fidelity test compares like with like.
 */
import type { ApiVersion } from 'bluebutton-ts';
import { createDataset } from '../../src/sandbox/data/create-dataset.js';
import type { Dataset } from '../../src/sandbox/data/dataset-types.js';
import { type RealResources, type ResourceKind, realKey } from './real-resources.js';

/** Enough beneficiaries and claims that every claim type appears many times (8 types reserved per bene). */
export function sweepDataset(seed = 12, beneficiaries = 12, eobsPerBeneficiary = 64): Dataset {
  return createDataset({ seed, beneficiaries, eobsPerBeneficiary });
}

const VERSIONS: readonly ApiVersion[] = [1, 2, 3];

/** Every Patient, Coverage and EOB of the dataset, by `${version}:${kind}`. */
export function sandboxResources(dataset: Dataset): RealResources {
  const byKey = new Map<string, unknown[]>();
  const add = (version: ApiVersion, kind: ResourceKind, resource: unknown) => {
    const key = realKey(version, kind);
    byKey.set(key, [...(byKey.get(key) ?? []), resource]);
  };
  for (const bene of dataset.beneficiaries) {
    for (const version of VERSIONS) {
      add(version, 'Patient', version === 1 ? dataset.patient(bene, 1) : dataset.patient(bene, version));
      const coverages = version === 1 ? dataset.coverages(bene, 1) : dataset.coverages(bene, version);
      for (const coverage of coverages) add(version, 'Coverage', coverage);
      for (let i = 0; i < bene.eobCount; i++) {
        const header = dataset.claimHeader(bene, i);
        add(
          version,
          header.type,
          version === 1 ? dataset.eob(bene, 1, header) : dataset.eob(bene, version, header),
        );
      }
    }
  }
  return { byKey, files: new Map() };
}
