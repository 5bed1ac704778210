/**
 * The dataset's per-version overloads behind one runtime `version`, plus the claim filter of EOB searches
 * (cached in the instance's match cache).
 */
import type { ClaimHeader, Dataset, SyntheticBeneficiary } from '../data/dataset-types.js';
import type { SandboxContext } from './context.js';
import { boundsKey, dayStart, matchesBounds } from './date-filter.js';
import { allClaims, indexList, type MatchList } from './match-cache.js';
import type { ResourceLike } from './search-bundle.js';
import type { SearchRequest } from './search-params.js';

export function eobOf(
  ds: Dataset,
  bene: SyntheticBeneficiary,
  version: number,
  claim: ClaimHeader,
): ResourceLike {
  return version === 1 ? ds.eob(bene, 1, claim) : ds.eob(bene, version === 3 ? 3 : 2, claim);
}

export function patientOf(ds: Dataset, bene: SyntheticBeneficiary, version: number): ResourceLike {
  return version === 1 ? ds.patient(bene, 1) : ds.patient(bene, version === 3 ? 3 : 2);
}

export function coveragesOf(
  ds: Dataset,
  bene: SyntheticBeneficiary,
  version: number,
): readonly ResourceLike[] {
  return version === 1 ? ds.coverages(bene, 1) : ds.coverages(bene, version === 3 ? 3 : 2);
}

/** Whether a resource's `meta.lastUpdated` meets the `_lastUpdated` bounds (none: everything matches). */
export function updatedWithin(resource: ResourceLike, search: SearchRequest): boolean {
  if (search.lastUpdated.length === 0) return true;
  const value = resource.meta?.lastUpdated;
  return value !== undefined && matchesBounds(Date.parse(value), search.lastUpdated);
}

/**
 * The claim positions an EOB search matches: `type` on the claim type, `service-date` on the billable
 * period's end (BFD filters on the claim's through date), `_lastUpdated` on the claim's lastUpdated.
 */
export function matchingClaims(
  ctx: SandboxContext,
  bene: SyntheticBeneficiary,
  search: SearchRequest,
): MatchList {
  const { types, serviceDate, lastUpdated } = search;
  if (types === undefined && serviceDate.length === 0 && lastUpdated.length === 0)
    return allClaims(bene.eobCount);
  const typeKey = types === undefined ? '*' : [...types].sort().join(',');
  const key = [bene.index, typeKey, boundsKey(serviceDate), boundsKey(lastUpdated)].join('|');
  return ctx.matches.get(key, () => {
    const found = new Int32Array(bene.eobCount);
    let n = 0;
    for (let i = 0; i < bene.eobCount; i++) {
      const claim = ctx.dataset.claimHeader(bene, i);
      if (types !== undefined && !types.has(claim.type)) continue;
      if (serviceDate.length > 0 && !matchesBounds(dayStart(claim.end), serviceDate)) continue;
      if (lastUpdated.length > 0 && !matchesBounds(Date.parse(claim.lastUpdated), lastUpdated)) continue;
      found[n++] = i;
    }
    return indexList(found.slice(0, n));
  });
}
