/**
 * One resource type of the token's API version as the export walks it: the first page with `search`,
 * the rest with the namespace's `pages(bundle)`. Only picks the typed client method; no request logic.
 */
import type { BlueButtonClient, ClaimType, PageOptions, PrefixedDate, RequestOptions } from '../../index.js';
import type { ExportResource } from '../parse-args.js';

export interface BundleLike {
  readonly total?: number | undefined;
  readonly entry?: readonly { readonly resource?: unknown }[] | undefined;
  readonly link?: readonly { readonly relation?: string; readonly url?: string }[] | undefined;
  readonly meta?: { readonly lastUpdated?: string | undefined } | undefined;
}

export interface WalkParams {
  readonly _count: number;
  readonly _lastUpdated?: PrefixedDate[];
  readonly type?: ClaimType[];
}

export interface ResourceSearch {
  first(params: WalkParams, options: RequestOptions): Promise<BundleLike>;
  /** The pages after `bundle`, following its next link. */
  after(bundle: BundleLike, options: PageOptions): AsyncIterable<BundleLike>;
}

export function resourceSearch(
  client: BlueButtonClient,
  version: 1 | 2 | 3,
  resource: ExportResource,
): ResourceSearch {
  const ns = version === 1 ? client.v1 : version === 2 ? client.v2 : client.v3;
  // The three versions' clients differ only in their FHIR types (STU3 vs R4); the export writes the
  // resources as received, so it treats every page as a BundleLike.
  const search = ns[resource] as unknown as {
    search(
      params: Omit<WalkParams, 'type'> & { type?: ClaimType[] },
      options: RequestOptions,
    ): Promise<BundleLike>;
  };
  const pages = ns.pages as unknown as (
    bundle: BundleLike,
    options: PageOptions,
  ) => AsyncIterable<BundleLike>;
  return {
    first: (params, options) =>
      search.search(
        resource === 'ExplanationOfBenefit' ? params : { _count: params._count, ...lastUpdated(params) },
        options,
      ),
    after: (bundle, options) => pages.call(ns, bundle, options),
  };
}

function lastUpdated(params: WalkParams): { _lastUpdated?: PrefixedDate[] } {
  return params._lastUpdated === undefined ? {} : { _lastUpdated: params._lastUpdated };
}

/** A page's next link, or undefined on the last page. */
export function nextLink(bundle: BundleLike): string | undefined {
  return bundle.link?.find((l) => l.relation === 'next')?.url;
}

/**
 * The first page with its next link moved to resource `position`, so `after()` continues where a
 * previous run stopped; pass `seenBefore: position` with it so the walk's total check counts the
 * resources already saved. BB2 v1/v2 page with `startIndex`, v3 with `_offset`; both are plain offsets.
 */
export function continueAt(first: BundleLike, position: number): BundleLike | undefined {
  const next = nextLink(first);
  if (next === undefined) return undefined;
  const url = new URL(next);
  url.searchParams.set(url.searchParams.has('_offset') ? '_offset' : 'startIndex', String(position));
  return { ...first, link: [{ relation: 'next', url: url.toString() }] };
}
