/**
 * Claim positions matching one search, cached per (beneficiary, filter) in a small LRU, so walking the
 * pages of a 100,000-claim beneficiary scans the claim headers once, not once per page.
 */

/** The claim indexes of one search result, in serving order. */
export interface MatchList {
  readonly total: number;
  at(position: number): number;
}

export interface MatchCache {
  get(key: string, compute: () => MatchList): MatchList;
}

/** Without filters every claim matches: no list is stored at all. */
export function allClaims(count: number): MatchList {
  return { total: count, at: (position) => position };
}

export function indexList(indexes: Int32Array): MatchList {
  return { total: indexes.length, at: (position) => indexes[position] ?? -1 };
}

export function createMatchCache(maxEntries = 16): MatchCache {
  const entries = new Map<string, MatchList>();
  return {
    get(key, compute) {
      const hit = entries.get(key);
      if (hit !== undefined) {
        // Re-inserting moves the key to the end: Map iteration order is the recency order.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const list = compute();
      entries.set(key, list);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return list;
    },
  };
}
