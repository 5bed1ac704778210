/**
 * The real BB2 resources the fidelity tests measure the sandbox against, grouped by API version and
 * claim type, read in place from ../shared/bb2-samples (SOURCES.md says which file is what).
 *
 * v1/v2 docs examples are left out: they are illustrative (SOURCES.md), one carries a made-up eob-type
 * system and `v2-eob-read-outpatient-docs-example.json` is STU3-shaped. v3 has nothing but docs examples,
 * so for v3 they are the reference. Identical resources found in several files count once.
 */
import type { ApiVersion } from 'bluebutton-ts';
import { CODE_SYSTEMS } from 'bluebutton-ts';
import type { ClaimType } from '../../src/types.js';
import {
  arrayField,
  entryResources,
  isRecord,
  listSampleFiles,
  present,
  readSample,
  resourceTypeOf,
  stringField,
  versionOf,
} from '../conformance/helpers/samples.js';

/** v3 CLM-TYPE-CD codes (bb2-api 5.2): 72 is a carrier claim for DMEPOS items, 1-4 are Part D events. */
const V3_TYPE_CODES: Readonly<Record<string, ClaimType>> = {
  '71': 'carrier',
  '72': 'carrier',
  '81': 'dme',
  '82': 'dme',
  '10': 'hha',
  '50': 'hospice',
  '60': 'inpatient',
  '61': 'inpatient',
  '40': 'outpatient',
  '20': 'snf',
  '30': 'snf',
  '1': 'pde',
  '2': 'pde',
  '3': 'pde',
  '4': 'pde',
};

/** The claim type an EOB says it is: the eob-type coding (v1/v2) or CLM-TYPE-CD (v3). */
export function claimTypeOf(eob: unknown): ClaimType | undefined {
  const type = isRecord(eob) ? eob.type : undefined;
  for (const c of arrayField(type, 'coding')) {
    const system = stringField(c, 'system');
    const code = stringField(c, 'code') ?? '';
    if (system === CODE_SYSTEMS.eobType) return code.toLowerCase() as ClaimType;
    if (system === CODE_SYSTEMS.v3ClaimTypeCode) return V3_TYPE_CODES[code];
  }
  return undefined;
}

const isDocsExample = (name: string): boolean => /docs-(example|sample)/.test(name);

/** The resources of a sample file: a Bundle's entries, a bare entry's resource, or the resource. */
function resourcesOf(sample: unknown): unknown[] {
  if (resourceTypeOf(sample) === 'Bundle') return entryResources(sample);
  if (isRecord(sample) && isRecord(sample.resource)) return [sample.resource];
  return [sample];
}

export type ResourceKind = 'Patient' | 'Coverage' | ClaimType;

export interface RealResources {
  /** Key `${version}:${kind}`; each list holds distinct resources. */
  readonly byKey: ReadonlyMap<string, readonly unknown[]>;
  /** The files each key's resources came from. */
  readonly files: ReadonlyMap<string, ReadonlySet<string>>;
}

export const realKey = (version: ApiVersion, kind: ResourceKind): string => `${version}:${kind}`;

/** Every real Patient, Coverage and EOB of the samples folder, by version and kind. */
export function loadRealResources(): RealResources {
  const byKey = new Map<string, unknown[]>();
  const files = new Map<string, Set<string>>();
  const seen = new Set<string>();
  if (!present) return { byKey, files };
  for (const name of listSampleFiles()) {
    const version = versionOf(name);
    if (version === undefined || !name.endsWith('.json')) continue;
    if (version !== 3 && isDocsExample(name)) continue;
    for (const resource of resourcesOf(readSample(name))) {
      const resourceType = resourceTypeOf(resource);
      const kind: ResourceKind | undefined =
        resourceType === 'Patient' || resourceType === 'Coverage'
          ? resourceType
          : resourceType === 'ExplanationOfBenefit'
            ? claimTypeOf(resource)
            : undefined;
      if (kind === undefined) continue;
      const text = JSON.stringify(resource);
      if (seen.has(text)) continue;
      seen.add(text);
      const key = realKey(version, kind);
      byKey.set(key, [...(byKey.get(key) ?? []), resource]);
      files.set(key, new Set([...(files.get(key) ?? []), name]));
    }
  }
  return { byKey, files };
}
