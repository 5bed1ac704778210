/**
 * Response values and BB2's error bodies. Handlers return a {@link SandboxResponse} instead of writing to
 * the socket, so faults such as `truncate` can reshape any response after the fact.
 */

export interface SandboxResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export const FHIR_JSON = 'application/fhir+json';
export const JSON_TYPE = 'application/json';
const HTML = 'text/html; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): SandboxResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function fhirResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): SandboxResponse {
  return { status, headers: { 'content-type': FHIR_JSON, ...headers }, body: JSON.stringify(body) };
}

export function textResponse(status: number, body: string): SandboxResponse {
  return { status, headers: { 'content-type': TEXT }, body };
}

export function htmlResponse(status: number, body: string): SandboxResponse {
  return { status, headers: { 'content-type': HTML }, body };
}

export function redirectResponse(status: 301 | 302, location: string): SandboxResponse {
  return { status, headers: { location, 'content-type': HTML }, body: '' };
}

export function withHeaders(
  response: SandboxResponse,
  headers: Readonly<Record<string, string>>,
): SandboxResponse {
  return { ...response, headers: { ...response.headers, ...headers } };
}

/** DRF's `{detail}` body, as every FHIR and userinfo endpoint sends its errors. */
export function detailError(status: number, detail: string, headers: Readonly<Record<string, string>> = {}) {
  return fhirResponse(status, { detail }, headers);
}

export const DETAIL = {
  notAuthenticated: 'Authentication credentials were not provided.',
  forbidden: 'You do not have permission to perform this action.',
  notFound: 'Not found.',
  grantExpired:
    'User access has timed out. To refresh Medicare data, end user must re-authenticate and consent to share their data.',
  tokenInQuery:
    'Using the access token in the query parameters is not supported. Use the Authorization header instead',
  upstream: 'An error occurred contacting the upstream server',
  upstreamFailure: 'A failure occurred contacting the upstream server',
} as const;

/** BB2's own OAuth error shape (`json_response_from_oauth2_error`). */
export function bb2OAuthError(status: number, error: string, description?: string): SandboxResponse {
  const body =
    description === undefined
      ? { status_code: status, error }
      : { status_code: status, error, error_description: description };
  return jsonResponse(status, body);
}

/** django-oauth-toolkit / oauthlib's plain RFC 6749 error shape. */
export function oauthError(status: number, error: string, description?: string): SandboxResponse {
  return jsonResponse(
    status,
    description === undefined ? { error } : { error, error_description: description },
  );
}

/** BB2's `{status_code, message}` body (authorize and token pre-checks). */
export function statusMessage(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { status_code: status, message });
}

/** Django's page for an unknown URL (DEBUG off). */
export function djangoNotFound(): SandboxResponse {
  return htmlResponse(
    404,
    '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n',
  );
}

export function methodNotAllowed(allowed: readonly string[]): SandboxResponse {
  return { status: 405, headers: { allow: allowed.join(', '), 'content-type': HTML }, body: '' };
}

/** A 500 as Django REST framework's `server_error` handler renders it. */
export function serverError(): SandboxResponse {
  return jsonResponse(500, { error: 'Server Error (500)' });
}

/** `{resourceType: OperationOutcome}` as BFD (and BB2 v3, which passes it through) sends it. */
export function operationOutcome(status: number, diagnostics: string, code = 'processing'): SandboxResponse {
  return fhirResponse(status, {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics }],
  });
}

/**
 * A BFD 4xx as the client sees it: v1/v2 wrap the diagnostics in `{detail}` (400), v3 passes the
 * OperationOutcome through (bb2-api 4.2).
 */
export function upstreamBadRequest(version: number, diagnostics: string): SandboxResponse {
  return version === 3
    ? operationOutcome(400, diagnostics)
    : detailError(400, `${DETAIL.upstream}:${diagnostics}`);
}
