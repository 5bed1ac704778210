/** Shared helpers of the synthetic-data tests. */

import type { ClaimHeader, Dataset, SyntheticBeneficiary } from '../../../src/sandbox/data/dataset-types.js';
import type { ClaimType } from '../../../src/types.js';

export const ALL_TYPES: readonly ClaimType[] = [
  'carrier',
  'dme',
  'hha',
  'hospice',
  'inpatient',
  'outpatient',
  'pde',
  'snf',
];

/** The first claim of `type`, scanning headers in serving order. */
export function firstOfType(dataset: Dataset, bene: SyntheticBeneficiary, type: ClaimType): ClaimHeader {
  for (let i = 0; i < bene.eobCount; i++) {
    const header = dataset.claimHeader(bene, i);
    if (header.type === type) return header;
  }
  throw new Error(`no ${type} claim for ${bene.username}`);
}

/** Every headers of a beneficiary (tests only: the dataset itself never builds this list). */
export function allHeaders(dataset: Dataset, bene: SyntheticBeneficiary): ClaimHeader[] {
  return Array.from({ length: bene.eobCount }, (_, i) => dataset.claimHeader(bene, i));
}

export function firstBeneficiary(dataset: Dataset): SyntheticBeneficiary {
  const bene = dataset.beneficiaries[0];
  if (bene === undefined) throw new Error('dataset has no beneficiaries');
  return bene;
}

/** Visits every object node of a JSON value with its path. */
export function walk(
  value: unknown,
  visit: (node: Record<string, unknown>, path: string) => void,
  path = '$',
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walk(item, visit, `${path}[${i}]`);
    });
  } else if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    visit(node, path);
    for (const [key, child] of Object.entries(node)) walk(child, visit, `${path}.${key}`);
  }
}

/**
 * FHIR JSON forbids empty arrays, empty objects and nulls; `undefined` members would silently vanish
 * on the wire. Returns the paths that break those rules.
 */
export function jsonProblems(value: unknown): string[] {
  const problems: string[] = [];
  const check = (child: unknown, path: string): void => {
    if (child === undefined || child === null) problems.push(`${path} is ${String(child)}`);
    else if (Array.isArray(child) && child.length === 0) problems.push(`${path} is an empty array`);
    else if (typeof child === 'string' && child.length === 0) problems.push(`${path} is an empty string`);
  };
  walk(value, (node, path) => {
    if (Object.keys(node).length === 0) problems.push(`${path} is an empty object`);
    for (const [key, child] of Object.entries(node)) {
      check(child, `${path}.${key}`);
      if (Array.isArray(child)) {
        child.forEach((item, i) => {
          check(item, `${path}.${key}[${i}]`);
        });
      }
    }
  });
  return problems;
}

/** All codings (objects with `system` and `code`) found anywhere in a value. */
export function codings(value: unknown): { system: string; code: string }[] {
  const found: { system: string; code: string }[] = [];
  walk(value, (node) => {
    if (typeof node.system === 'string' && typeof node.code === 'string') {
      found.push({ system: node.system, code: node.code });
    }
  });
  return found;
}
