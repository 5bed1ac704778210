/**
 * Searchset Bundles: the page window (with BFD's `startIndex` rules), links, a new id per response,
 * `meta.lastUpdated` from the page's resources, and only the page's resources built.
 */

import { randomUUID } from 'node:crypto';
import type { SandboxContext } from './context.js';
import { type BundleLink, hasNextPage, pageLinks, type SearchResource } from './paging.js';
import { fhirResponse, type SandboxResponse, upstreamBadRequest } from './responses.js';
import type { SearchRequest } from './search-params.js';

/** The minimum the sandbox reads from a FHIR resource. */
export interface ResourceLike {
  readonly id?: string | undefined;
  readonly meta?: { readonly lastUpdated?: string | undefined } | undefined;
}

export interface SearchSource {
  readonly total: number;
  /** Builds the resources at positions [start, end). */
  page(start: number, end: number): readonly ResourceLike[];
}

export interface SearchBundleInput {
  readonly version: number;
  readonly resource: SearchResource;
  /** Public origin (v1/v2 links, fullUrls). */
  readonly origin: string;
  readonly search: SearchRequest;
  readonly identity: readonly [string, string];
}

export function searchBundle(
  input: SearchBundleInput,
  source: SearchSource,
  ctx: SandboxContext,
): SandboxResponse {
  const { search, version } = input;
  const total = source.total;
  // BFD divides by the page size to find the last page.
  if (search.count === 0) return upstreamBadRequest(version, "Invalid pageSize '0'");
  if (version !== 3 && total > 0 && search.offset >= total) {
    return upstreamBadRequest(
      version,
      `Value for startIndex (${search.offset}) must be less than than result size (${total})`,
    );
  }
  const end = Math.min(search.offset + search.count, total);
  const resources = search.offset < end ? source.page(search.offset, end) : [];
  const linkOrigin = version === 3 ? (ctx.settings.v3LinkBaseUrl ?? input.origin) : input.origin;
  const links = pageLinks({ ...input, origin: linkOrigin, total });
  return fhirResponse(200, bundle(input, linkOrigin, total, links, resources, ctx));
}

function bundle(
  input: SearchBundleInput,
  linkOrigin: string,
  total: number,
  links: readonly BundleLink[],
  resources: readonly ResourceLike[],
  ctx: SandboxContext,
): Record<string, unknown> {
  const { search, version } = input;
  // v3 (BFD-ng) omits total while more pages exist; on the last page it counts every match (issue 12).
  const shownTotal = version === 3 && hasNextPage(search, total) ? undefined : total;
  const base = `${linkOrigin}/v${version}/fhir/${input.resource}`;
  return {
    resourceType: 'Bundle',
    // BFD gives every search response a fresh UUID (bb2-api 3.4).
    id: randomUUID(),
    meta: { lastUpdated: latestUpdate(resources) ?? new Date(ctx.startedAt).toISOString() },
    type: 'searchset',
    ...(shownTotal === undefined ? {} : { total: shownTotal }),
    link: links,
    ...(resources.length === 0
      ? {}
      : { entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.id ?? ''}`, resource })) }),
  };
}

function latestUpdate(resources: readonly ResourceLike[]): string | undefined {
  let latest: string | undefined;
  for (const resource of resources) {
    const value = resource.meta?.lastUpdated;
    if (value !== undefined && (latest === undefined || Date.parse(value) > Date.parse(latest)))
      latest = value;
  }
  return latest;
}
