/**
 * Whether an authorize request's `redirect_uri` matches one the app registered, as BB2's
 * django-oauth-toolkit 2.2.0 decides (`redirect_to_uri_allowed`, since DOT 1.6.0 #953): the exact URI, or,
 * for a registered `http://127.0.0.1/...` or `http://[::1]/...` with no port, the same URI on any port
 * (RFC 8252 section 7.3, for native apps that bind a free port). `localhost` gets no such exemption.
 */
const ANY_PORT_HOSTS = new Set(['127.0.0.1', '[::1]']);

export function redirectUriAllowed(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  const asked = parse(requested);
  if (asked === undefined || asked.protocol !== 'http:') return false;
  return registered.some((uri) => {
    const allowed = parse(uri);
    return (
      allowed !== undefined &&
      allowed.protocol === 'http:' &&
      ANY_PORT_HOSTS.has(allowed.hostname) &&
      allowed.port === '' &&
      allowed.hostname === asked.hostname &&
      allowed.pathname === asked.pathname &&
      allowed.search === asked.search
    );
  });
}

function parse(uri: string): URL | undefined {
  return URL.canParse(uri) ? new URL(uri) : undefined;
}
