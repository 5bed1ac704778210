/**
 * Reads a Bundle's navigation links and turns a `next` link into a request against the configured API.
 * The link's host is never contacted: its query is re-issued on the configured base URL, because v3 links
 * can name BB2's internal BFD host. A link to any other origin is refused, so a hostile or misrouted
 * server cannot make the SDK send the bearer token elsewhere.
 */

import { apiPathOf, basePathOf } from '../client/api-path.js';
import { redactUrl } from '../errors/redact.js';
import { CrossOriginLinkError, InvalidResponseError } from '../errors/request-errors.js';
import type { ApiVersion } from '../types.js';

export type LinkRelation = 'first' | 'next' | 'previous' | 'prev' | 'last' | 'self';

/** The URL of `relation` in a Bundle's `link`, or null; safe on anything (userinfo JSON, undefined). */
export function findLink(bundle: unknown, relation: LinkRelation): string | null {
  if (typeof bundle !== 'object' || bundle === null) return null;
  const links = (bundle as { link?: unknown }).link;
  if (!Array.isArray(links)) return null;
  for (const l of links) {
    if (typeof l === 'object' && l !== null && (l as { relation?: unknown }).relation === relation) {
      const url = (l as { url?: unknown }).url;
      return typeof url === 'string' ? url : null;
    }
  }
  return null;
}

/** BB2 v3 Bundles leak BFD's internal host (`http://sandbox.fhirv3.bfd.cmscloud.local/...`, bb2-api 3.4). */
const BFD_INTERNAL_HOST = /\.bfd\.cmscloud\.local$/i;

/**
 * A server-given URL, moved onto the configured base URL (path and query kept). It must name the
 * configured origin, or, for v3, BFD's internal host, which BB2 leaks into v3 links.
 * @throws {CrossOriginLinkError} CROSS_ORIGIN_LINK for any other origin: the token is never sent there.
 */
export function rebaseTrusted(u: URL, base: { baseUrl: string; origin: string }, version: ApiVersion): URL {
  // Behind a proxy, a link may name the API path with the prefix or without it (BB2 and BFD know nothing
  // of the proxy); either way it is re-issued under the configured base URL, never sent as given.
  const trusted = u.origin === base.origin || (version === 3 && BFD_INTERNAL_HOST.test(u.hostname));
  if (!trusted) throw new CrossOriginLinkError(u.origin, base.baseUrl);
  const path = apiPathOf(u, base) ?? u.pathname;
  return new URL(`${base.baseUrl}${path}${u.search}`);
}

/**
 * The configured-base URL that fetches the page a link points at.
 * @throws {CrossOriginLinkError} CROSS_ORIGIN_LINK for another origin.
 * @throws {InvalidResponseError} INVALID_RESPONSE for a malformed link or one to another endpoint.
 */
export function rebaseLink(
  link: string,
  base: { baseUrl: string; origin: string },
  version: ApiVersion,
  searchPath: string,
): string {
  let u: URL;
  try {
    u = new URL(link, base.baseUrl);
  } catch (e) {
    throw new InvalidResponseError(redactUrl(base.baseUrl), 200, 'a Bundle link is not a URL', { cause: e });
  }
  const rebased = rebaseTrusted(u, base, version);
  const apiPath = rebased.pathname.slice(basePathOf(base.baseUrl).length);
  const path = apiPath.endsWith('/') ? apiPath : `${apiPath}/`;
  if (path !== searchPath) {
    throw new InvalidResponseError(redactUrl(u), 200, `a next link points at ${path}, not at ${searchPath}`);
  }
  return `${base.baseUrl}${searchPath}${u.search}`;
}

/** Unanchored at the start: a base URL may carry a proxy's path prefix. */
const SEARCH_PATH = /\/v([123])\/fhir\/(Patient|Coverage|ExplanationOfBenefit)\/?$/;

/**
 * Which search a Bundle's `next` link continues: its API version (the link's, unless `version` is given)
 * and the spec's search path. Undefined on the last page.
 * @throws {InvalidResponseError} INVALID_RESPONSE when the link is not a Patient, Coverage or EOB search.
 */
export function searchOfNextLink(
  bundle: unknown,
  baseUrl: string,
  version?: ApiVersion,
): { version: ApiVersion; searchPath: string } | undefined {
  const next = findLink(bundle, 'next');
  if (!next) return undefined;
  let path = '';
  try {
    path = new URL(next, baseUrl).pathname;
  } catch {
    // handled below as "not a search"
  }
  const m = SEARCH_PATH.exec(path);
  if (!m)
    throw new InvalidResponseError(
      'Bundle',
      200,
      'its next link is not a Patient, Coverage or ExplanationOfBenefit search',
    );
  const v = version ?? (Number(m[1]) as ApiVersion);
  return { version: v, searchPath: `/v${v}/fhir/${m[2]}/` };
}
