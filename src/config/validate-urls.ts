/**
 * The callback URL (sent to BB2 as `redirect_uri`) and the base URL (where every request goes).
 */
import { stringValue } from './checks.js';
import { invalid, type Located } from './fields.js';
import { ENVIRONMENT_URLS, type Environment } from './types.js';

/** Hosts where plain http cannot be intercepted on the network. */
const LOOPBACK_HOSTS: readonly string[] = Object.freeze(['localhost', '127.0.0.1', '[::1]']);

function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Kept exactly as written: BB2 compares `redirect_uri` with the registered URL character by character. */
export function resolveCallbackUrl(field: Located): string {
  const text = stringValue(field);
  const url = parseHttpUrl(text);
  if (url === undefined) throw invalid(field, 'must be an absolute http:// or https:// URL');
  // OAuth 2.0 (RFC 6749 section 3.1.2) forbids a fragment in a redirect URI.
  if (url.href.includes('#')) throw invalid(field, 'must not contain a fragment (#...)');
  return text;
}

/**
 * The origin, with a proxy's path prefix if any (no trailing slash): the SDK appends `/v2/fhir/...` itself.
 */
export function resolveBaseUrl(field: Located | undefined, environment: Environment): string {
  if (field === undefined) return ENVIRONMENT_URLS[environment];
  const url = parseHttpUrl(stringValue(field));
  if (url === undefined) {
    throw invalid(
      field,
      'must be an absolute http:// or https:// URL, e.g. https://sandbox.bluebutton.cms.gov',
    );
  }
  // Credentials in a URL end up in logs and error messages.
  if (url.username !== '' || url.password !== '')
    throw invalid(field, 'must not contain a user name or password');
  if (url.search !== '' || url.hash !== '' || url.href.includes('?') || url.href.includes('#')) {
    throw invalid(
      field,
      'must not contain a query or fragment (scheme, host, port and an optional path prefix)',
    );
  }
  // `https://sandbox.bluebutton.cms.gov/v2` would send `/v2/v2/fhir/...`: the SDK adds the version itself.
  if (/\/v[123]\/?$/.test(url.pathname)) {
    throw invalid(field, 'must not end with an API version (/v1, /v2, /v3): the SDK adds it to each request');
  }
  if (url.protocol === 'http:' && environment !== 'LOCAL' && !LOOPBACK_HOSTS.includes(url.hostname)) {
    throw invalid(
      field,
      `must use https:// (http:// is only allowed with environment LOCAL or a loopback host: ${LOOPBACK_HOSTS.join(', ')})`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
