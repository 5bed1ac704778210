/**
 * Detects walks that would never end: a `next` link equal to a page already fetched, or one whose
 * `startIndex` (v1/v2) or `_offset` (v3) does not move past the previous page's.
 */
import { redactUrl } from '../errors/redact.js';
import { PagingLoopError } from '../errors/request-errors.js';

/** The page's position, or undefined when its link has none (the first page counts as 0). */
export function offsetOf(url: string): number | undefined {
  const q = new URL(url).searchParams;
  const v = q.get('startIndex') ?? q.get('_offset');
  if (v === null) return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

export interface LoopGuard {
  /** @throws {PagingLoopError} PAGING_LOOP when `next` repeats or does not advance past `previous`. */
  check(next: string, previous: string | undefined): void;
}

export function createLoopGuard(firstUrl: string | undefined): LoopGuard {
  // Only links without an offset are remembered: offsets must grow, which rules out cycles by itself,
  // so a walk of millions of offset pages holds no set of URLs.
  const seen = new Set<string>();
  if (firstUrl !== undefined && offsetOf(firstUrl) === undefined) seen.add(firstUrl);
  return {
    check(next, previous) {
      const at = offsetOf(next);
      if (at === undefined) {
        if (seen.has(next)) throw new PagingLoopError(redactUrl(next), 'repeated-link');
        seen.add(next);
        return;
      }
      const before = previous === undefined ? undefined : (offsetOf(previous) ?? 0);
      if (before !== undefined && at <= before) {
        throw new PagingLoopError(redactUrl(next), 'offset-not-advancing');
      }
    },
  };
}
