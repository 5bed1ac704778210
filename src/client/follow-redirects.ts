/**
 * Redirects of data GETs, followed by hand. fetch runs with `redirect: 'manual'` (see the transport):
 * Node's fetch drops `Authorization` on a cross-origin hop, but an injected fetch (node-fetch 2) forwards it,
 * and either way another origin's answer would be returned as BB2 data. Each hop is checked against the
 * configured API before anything is sent to it.
 */
import { CrossOriginLinkError, InvalidResponseError } from '../errors/request-errors.js';
import type { RawResponse } from '../resilience/transport.js';
import { apiPathOf } from './api-path.js';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Browsers allow 20; BB2 itself never redirects a data call more than once. */
export const MAX_REDIRECTS = 5;

/**
 * Sends `url`, then each redirect target while it stays under the configured API.
 * @throws {CrossOriginLinkError} CROSS_ORIGIN_LINK for a hop to another origin or outside the base path; nothing is sent there.
 * @throws {InvalidResponseError} INVALID_RESPONSE after {@link MAX_REDIRECTS} hops, or for a Location that is not a URL.
 */
export async function sendFollowingRedirects(
  base: { readonly baseUrl: string; readonly origin: string },
  url: string,
  send: (url: string) => Promise<RawResponse>,
): Promise<RawResponse> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const raw = await send(current);
    const location = raw.headers.get('location');
    if (!REDIRECT_STATUSES.has(raw.status) || location === null) return raw;
    if (hop >= MAX_REDIRECTS) {
      throw new InvalidResponseError(raw.redactedUrl(), raw.status, `more than ${MAX_REDIRECTS} redirects`);
    }
    let next: URL;
    try {
      next = new URL(location, current);
    } catch (e) {
      throw new InvalidResponseError(raw.redactedUrl(), raw.status, 'a redirect Location is not a URL', {
        cause: e instanceof Error ? new Error(e.name) : undefined,
      });
    }
    if (apiPathOf(next, base) === undefined || next.username !== '' || next.password !== '') {
      throw new CrossOriginLinkError(next.origin, base.baseUrl, 'redirect');
    }
    current = next.toString();
  }
}
