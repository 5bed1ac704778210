/**
 * Where the configured API lives: `baseUrl` may carry a path prefix (`https://proxy.example.org/bb2`), and
 * every request, re-issued link and origin check is relative to it.
 */

/** The path prefix of the base URL, without a trailing slash (`''` for an origin-only base URL). */
export function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

/**
 * The part of `u`'s path under the configured API (`/v2/fhir/...`), or undefined when `u` is on another
 * origin or outside the prefix (a sibling service behind the same proxy is not the API).
 */
export function apiPathOf(
  u: URL,
  base: { readonly baseUrl: string; readonly origin: string },
): string | undefined {
  if (u.origin !== base.origin) return undefined;
  const prefix = basePathOf(base.baseUrl);
  if (prefix === '') return u.pathname;
  if (u.pathname !== prefix && !u.pathname.startsWith(`${prefix}/`)) return undefined;
  return u.pathname.slice(prefix.length) || '/';
}
