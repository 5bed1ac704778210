/**
 * Bundle links. v1/v2 follow BFD's `OffsetLinkBuilder` (bb2-api 3.4): `first`, `next`, `previous`, `last`,
 * `self`, each repeating the request's parameters plus `startIndex`, `_count` and BB2's
 * `_format=application/json+fhir`, with `self` on the trailing-slash path and sorted parameters.
 * v3 follows BFD-ng: offset paging, only `next`/`previous`/`self`, on the (possibly internal) v3 host.
 */
import type { SearchRequest } from './search-params.js';

export type SearchResource = 'Patient' | 'Coverage' | 'ExplanationOfBenefit';

export interface BundleLink {
  readonly relation: string;
  readonly url: string;
}

export interface LinkInput {
  readonly version: number;
  readonly resource: SearchResource;
  /** Origin of v1/v2 links, or of v3 links (`v3LinkBaseUrl`). */
  readonly origin: string;
  readonly search: SearchRequest;
  /** The patient parameter BB2 adds upstream: `patient=<id>`, `beneficiary=Patient/<id>` or `_id=<id>`. */
  readonly identity: readonly [string, string];
  readonly total: number;
}

type Param = readonly [string, string];

/** BB2 sends `_format=application/fhir+json` upstream; BFD echoes it as `application/json+fhir` (sic). */
const FORMAT: Param = ['_format', 'application/json+fhir'];

export function pageLinks(input: LinkInput): BundleLink[] {
  return input.version === 3 ? offsetLinks(input) : startIndexLinks(input);
}

/** Whether more results follow this page. */
export function hasNextPage(search: SearchRequest, total: number): boolean {
  return search.count > 0 && search.offset + search.count < total;
}

function startIndexLinks(input: LinkInput): BundleLink[] {
  const { search, total } = input;
  const base = `${input.origin}/v${input.version}/fhir/${input.resource}`;
  const page = (start: number): string =>
    `${base}?${query([FORMAT, ['startIndex', String(start)], ['_count', String(search.count)], ...search.kept, input.identity])}`;
  const links: BundleLink[] = [{ relation: 'first', url: page(0) }];
  if (hasNextPage(search, total)) links.push({ relation: 'next', url: page(search.offset + search.count) });
  if (search.offset > 0)
    links.push({ relation: 'previous', url: page(Math.max(search.offset - search.count, 0)) });
  // Java's integer division truncates toward zero, so an empty result's last page starts at 0.
  const last = Math.max(0, Math.trunc((total - 1) / search.count) * search.count);
  links.push({ relation: 'last', url: page(last) });
  const selfParams = [
    FORMAT,
    ['_count', String(search.count)],
    ...search.kept,
    input.identity,
    ['startIndex', String(search.offset)],
  ] as const;
  links.push({ relation: 'self', url: `${base}/?${query(sorted(selfParams))}` });
  return links;
}

function offsetLinks(input: LinkInput): BundleLink[] {
  const { search, total } = input;
  const base = `${input.origin}/v3/fhir/${input.resource}/`;
  const params = sorted([['_count', String(search.count)], FORMAT, ...search.kept, input.identity]);
  const withOffset = (offset: number): string => `${base}?${query([...params, ['_offset', String(offset)]])}`;
  const links: BundleLink[] = [];
  if (hasNextPage(search, total))
    links.push({ relation: 'next', url: withOffset(search.offset + search.count) });
  if (search.offset > 0)
    links.push({ relation: 'previous', url: withOffset(Math.max(0, search.offset - search.count)) });
  links.push({
    relation: 'self',
    url: search.offset > 0 ? withOffset(search.offset) : `${base}?${query(params)}`,
  });
  return links;
}

function sorted(params: readonly Param[]): Param[] {
  return [...params].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function query(params: readonly Param[]): string {
  return new URLSearchParams(params.map(([k, v]) => [k, v])).toString();
}
