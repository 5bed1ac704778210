/**
 * Walks a search's pages. Every page is fetched with the client's latest token, so a refresh mid-walk is
 * seen by later pages.
 *
 * With `concurrency > 1`, v1/v2 walks whose first page has `total` and a `startIndex` next link fetch up to
 * `concurrency` pages at once and still yield them in order, holding at most `concurrency + 1` pages. The
 * page URLs are made one at a time as the window frees, bounded by `maxPages` and `maxItems`, never listed
 * up front from `total` (a hostile `total` must not cost memory). v3 (offset links, no total) walks
 * sequentially.
 *
 * A walk never ends silently wrong: a next link that repeats or does not advance is PAGING_LOOP, and a last
 * page that leaves a v1/v2 walk short of `total` is INVALID_RESPONSE (IncompleteResultsError), each thrown after
 * the pages already yielded.
 */
import { type ClientContext, getJson, type RequestOptions } from '../client/request.js';
import { redactUrl } from '../errors/redact.js';
import { IncompleteResultsError, InvalidParamsError } from '../errors/request-errors.js';
import type { ApiVersion } from '../types.js';
import { createLoopGuard, offsetOf } from './loop-guard.js';
import { findLink, rebaseLink } from './next-link.js';
import { reportWalk } from './report-walk.js';

export interface PageOptions extends RequestOptions {
  /** Stop after this many pages (the first included). */
  readonly maxPages?: number;
  /** Stop once this many resources have been yielded (`all` stops exactly there). */
  readonly maxItems?: number;
  /** Pages fetched at once (v1/v2 with `total`); default 1. */
  readonly concurrency?: number;
  /**
   * For `pages(bundle)` resuming a walk: how many resources come before the bundle's `next` link (which the
   * caller moved to where a previous run stopped). The total check then counts from here instead of the
   * bundle's own offset and entries, and the moved link is not held against the bundle's `self` link; each
   * later link must still advance. Default: the bundle's self offset plus its entries.
   */
  readonly seenBefore?: number;
}

interface BundleLike {
  readonly total?: number;
  readonly entry?: readonly unknown[];
  readonly link?: readonly unknown[];
}

export interface WalkTarget {
  readonly version: ApiVersion;
  /** `/v2/fhir/ExplanationOfBenefit/` */
  readonly searchPath: string;
}

/** Where the walk stands: what was yielded (for the stop rules) and the first page's URL, if known. */
export interface WalkState {
  pages: number;
  items: number;
  readonly firstUrl?: string | undefined;
  /** When the walk began (its first page's request), on the client's clock. Default: now. */
  readonly startedAt?: number | undefined;
}

const entryCount = (b: BundleLike) => (Array.isArray(b.entry) ? b.entry.length : 0);

async function fetchPage(
  ctx: ClientContext,
  t: WalkTarget,
  url: string,
  opts: RequestOptions,
): Promise<BundleLike> {
  return (await getJson(ctx, t.version, url, 'Bundle', opts)).data as BundleLike;
}

interface Plan {
  /** How many pages follow the first, from `total`. */
  readonly pages: number;
  readonly count: number;
  urlAt(i: number): string;
}

/** The startIndex pages after `first`, when the server gave what is needed to compute them. */
function planOf(first: BundleLike, nextUrl: string): Plan | undefined {
  const next = new URL(nextUrl);
  const start = Number(next.searchParams.get('startIndex'));
  const count = Number(next.searchParams.get('_count'));
  const total = first.total;
  if (
    typeof total !== 'number' ||
    !Number.isInteger(start) ||
    start <= 0 ||
    !Number.isInteger(count) ||
    count <= 0
  ) {
    return undefined;
  }
  return {
    pages: Math.max(0, Math.ceil((total - start) / count)),
    count,
    urlAt(i) {
      next.searchParams.set('startIndex', String(start + i * count));
      return next.toString();
    },
  };
}

/** The walk has yielded all `maxPages` / `maxItems` allow. */
export const limitReached = (options: PageOptions, state: WalkState) =>
  (options.maxPages !== undefined && state.pages >= options.maxPages) ||
  (options.maxItems !== undefined && state.items >= options.maxItems);

/** Yields the pages after `first` (not `first` itself). */
export async function* pagesAfter(
  ctx: ClientContext,
  target: WalkTarget,
  first: BundleLike,
  options: PageOptions = {},
  state: WalkState = { pages: 0, items: 0 },
): AsyncGenerator<BundleLike, void, undefined> {
  const stop = new AbortController();
  // Each call makes its own signal from this one (AbortSignal.any), so no listener piles up here.
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const opts: RequestOptions = { ...options, signal };
  const seen = state;
  const done = () => limitReached(options, seen);
  const rebase = (bundle: BundleLike) => {
    const link = findLink(bundle, 'next');
    return link ? rebaseLink(link, ctx, target.version, target.searchPath) : undefined;
  };
  const resumed = options.seenBefore;
  if (resumed !== undefined && !(Number.isSafeInteger(resumed) && resumed >= 0)) {
    throw new InvalidParamsError(target.searchPath, [
      `seenBefore must be a whole number of resources, 0 or more (got ${String(resumed)})`,
    ]);
  }
  const guard = createLoopGuard(state.firstUrl);
  // From where the first page starts (a `pages(bundle)` may continue from the middle), for the total check.
  const startOffset =
    resumed !== undefined ? 0 : (offsetOf(state.firstUrl ?? findLink(first, 'self') ?? ctx.baseUrl) ?? 0);
  let received = resumed ?? entryCount(first);
  const startedAt = state.startedAt ?? ctx.now();
  let outcome: 'complete' | 'error' | undefined;
  let failure: unknown;
  try {
    let last = first;
    let lastUrl =
      resumed !== undefined ? undefined : (state.firstUrl ?? findLink(first, 'self') ?? undefined);
    let url = rebase(first);
    if (url) guard.check(url, lastUrl);
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    const plan = url && concurrency > 1 && target.version !== 3 ? planOf(first, url) : undefined;
    if (plan) {
      const window: Promise<BundleLike>[] = [];
      let i = 0;
      const wanted = () =>
        i < plan.pages &&
        (options.maxPages === undefined || seen.pages + window.length < options.maxPages) &&
        (options.maxItems === undefined || seen.items + window.length * plan.count < options.maxItems);
      const refill = () => {
        while (window.length < concurrency && wanted()) {
          const p = fetchPage(ctx, target, plan.urlAt(i++), opts);
          p.catch(() => {}); // awaited in order below; a later page failing first must not be "unhandled"
          window.push(p);
        }
      };
      refill();
      let fetched = 0;
      while (window.length && !done()) {
        last = await (window.shift() as Promise<BundleLike>);
        lastUrl = plan.urlAt(fetched++);
        seen.pages++;
        seen.items += entryCount(last);
        received += entryCount(last);
        refill(); // after counting this page: the stop rules bound what is asked for next
        yield last;
      }
      // If the result grew while we walked, the last planned page still links further: go on sequentially.
      url = done() ? undefined : rebase(last);
      if (url) guard.check(url, lastUrl);
    }
    while (url && !done()) {
      last = await fetchPage(ctx, target, url, opts);
      lastUrl = url;
      seen.pages++;
      seen.items += entryCount(last);
      received += entryCount(last);
      yield last;
      url = rebase(last);
      if (url && !done()) guard.check(url, lastUrl);
    }
    // v1/v2 only: BFD sets `total` across pages there; v3 omits it or gives one page's count (bb2-api 3.4).
    const total = target.version === 3 ? undefined : last.total;
    if (!done() && typeof total === 'number' && startOffset + received < total) {
      throw new IncompleteResultsError(redactUrl(lastUrl ?? ctx.baseUrl), total, startOffset + received);
    }
    outcome = 'complete';
  } catch (e) {
    outcome = 'error';
    failure = e;
    throw e;
  } finally {
    stop.abort(); // the consumer stopped early: cancel pages still in flight
    const ended = outcome === 'error' ? outcome : done() ? 'limit' : (outcome ?? 'stopped');
    const { pages, items } = seen;
    reportWalk(ctx, { searchPath: target.searchPath, startedAt, pages, items }, ended, failure);
  }
}
