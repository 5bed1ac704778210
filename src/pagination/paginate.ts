/**
 * Walks a search's pages by following `next` links. Nothing is lost: a failing page throws (after the
 * retry policy) instead of ending the walk as if it were the last; `maxPages` / `maxItems` stop cleanly.
 * Every page is fetched with the client's latest token, so a refresh mid-walk is seen by later pages.
 *
 * With `concurrency > 1`, v1/v2 walks whose first page has `total` and a `startIndex` next link fetch up to
 * `concurrency` pages at once and still yield them in order, holding at most `concurrency + 1` pages.
 * v3 (offset links, no total) walks sequentially.
 */
import type { setMaxListeners } from 'node:events';
import { type ClientContext, getJson, type RequestOptions } from '../client/request.js';
import { nodeBuiltin } from '../runtime/node-builtin.js';
import type { ApiVersion } from '../types.js';
import { findLink, rebaseLink } from './next-link.js';

export interface PageOptions extends RequestOptions {
  /** Stop after this many pages (the first included). */
  readonly maxPages?: number;
  /** Stop once this many resources have been yielded (`all` stops exactly there). */
  readonly maxItems?: number;
  /** Pages fetched at once (v1/v2 with `total`); default 1. */
  readonly concurrency?: number;
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

const entryCount = (b: BundleLike) => (Array.isArray(b.entry) ? b.entry.length : 0);

async function fetchPage(
  ctx: ClientContext,
  t: WalkTarget,
  url: string,
  opts: RequestOptions,
): Promise<BundleLike> {
  return (await getJson(ctx, t.version, url, 'Bundle', opts)).data as BundleLike;
}

/** The startIndex page URLs after `first`, when the server gave what is needed to compute them. */
function plannedPages(first: BundleLike, nextUrl: string): string[] | undefined {
  const next = new URL(nextUrl);
  const start = Number(next.searchParams.get('startIndex'));
  const count = Number(next.searchParams.get('_count'));
  if (typeof first.total !== 'number' || !Number.isInteger(start) || !Number.isInteger(count) || count <= 0) {
    return undefined;
  }
  const urls: string[] = [];
  for (let s = start; s < first.total; s += count) {
    next.searchParams.set('startIndex', String(s));
    urls.push(next.toString());
  }
  return urls;
}

/** Yields the pages after `first` (not `first` itself). */
export async function* pagesAfter(
  ctx: ClientContext,
  target: WalkTarget,
  first: BundleLike,
  options: PageOptions = {},
  alreadyYielded = { pages: 0, items: 0 },
): AsyncGenerator<BundleLike, void, undefined> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  // Each page in flight listens for aborts twice (the transport and cockatiel); without this, Node warns
  // of a listener leak at concurrency 6 or more. The listeners are removed as pages complete.
  nodeBuiltin<{ setMaxListeners: typeof setMaxListeners }>('node:events')?.setMaxListeners(
    Math.max(10, 3 * (options.concurrency ?? 1)),
    signal,
  );
  const opts: RequestOptions = { ...options, signal };
  const seen = alreadyYielded;
  const done = () =>
    (options.maxPages !== undefined && seen.pages >= options.maxPages) ||
    (options.maxItems !== undefined && seen.items >= options.maxItems);
  const rebase = (bundle: BundleLike) => {
    const link = findLink(bundle, 'next');
    return link ? rebaseLink(link, ctx, target.version, target.searchPath) : undefined;
  };
  try {
    let last = first;
    let url = rebase(first);
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    const planned = url && concurrency > 1 && target.version !== 3 ? plannedPages(first, url) : undefined;
    if (planned) {
      const window: Promise<BundleLike>[] = [];
      let i = 0;
      const refill = () => {
        while (window.length < concurrency && i < planned.length) {
          if (options.maxPages !== undefined && seen.pages + window.length >= options.maxPages) return;
          const p = fetchPage(ctx, target, planned[i++] as string, opts);
          p.catch(() => {}); // awaited in order below; a later page failing first must not be "unhandled"
          window.push(p);
        }
      };
      refill();
      while (window.length && !done()) {
        last = await (window.shift() as Promise<BundleLike>);
        refill();
        seen.pages++;
        seen.items += entryCount(last);
        yield last;
      }
      // If the result grew while we walked, the last planned page still links further: go on sequentially.
      url = done() ? undefined : rebase(last);
    }
    while (url && !done()) {
      last = await fetchPage(ctx, target, url, opts);
      seen.pages++;
      seen.items += entryCount(last);
      yield last;
      url = rebase(last);
    }
  } finally {
    stop.abort(); // the consumer stopped early: cancel pages still in flight
  }
}
