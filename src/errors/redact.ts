/**
 * Redaction shared by errors, hooks and logs: secrets and patient identifiers never leave the SDK in text.
 */

/** Query parameters whose values are secrets or identify a beneficiary. */
const SENSITIVE_PARAMS = new Set([
  'access_token',
  'refresh_token',
  'code',
  'code_verifier',
  'code_challenge',
  'client_secret',
  'state',
  'token',
  'patient',
  'beneficiary',
  '_id',
  'identifier',
]);

export const REDACTED = '[redacted]';

/**
 * Returns `path?query` of a URL with sensitive query values and path segments that carry a patient or
 * resource id replaced by `[redacted]`; the origin is kept so users can tell environments apart.
 */
export function redactUrl(url: string | URL): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return REDACTED;
  }
  const params = [...u.searchParams].map(([k, v]) => `${k}=${SENSITIVE_PARAMS.has(k) ? REDACTED : v}`);
  return `${u.origin}${redactPath(u.pathname)}${params.length ? `?${params.join('&')}` : ''}`;
}

/**
 * `/v2/fhir/Patient/-2014000000001` -> `/v2/fhir/Patient/[redacted]`: ids in paths identify beneficiaries.
 * Unanchored, so a proxy's path prefix (`/bb2/v2/fhir/...`) is redacted the same way.
 */
export function redactPath(pathname: string): string {
  return pathname
    .replace(/(\/v[123]\/fhir\/(?:Patient|Coverage|ExplanationOfBenefit)\/)(?!\$)[^/]+/, `$1${REDACTED}`)
    .replace(/(\/v[123]\/o\/expire_authenticated_user\/)[^/]+/, `$1${REDACTED}`);
}

/**
 * A JSON parse error safe to attach as `cause`: V8 quotes part of the input in its message
 * (`Unexpected token 'x', "{"access_token":"..." is not valid JSON`), and the input may be a token
 * response or a beneficiary's claims. Quoted text is replaced; the position is kept.
 */
export function redactJsonError(e: unknown): SyntaxError {
  const message = e instanceof Error ? e.message : String(e);
  return new SyntaxError(message.replace(/"(?:[^"\\]|\\.)*"?/g, REDACTED).replace(/'[^']{2,}'/g, REDACTED));
}
