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

/** `patient=..`, `"access_token": ".."`, `code: ..`: a sensitive name, then its value. */
const SENSITIVE_PAIR = new RegExp(
  `(\\b(?:${[...SENSITIVE_PARAMS].join('|')})\\b["']?\\s*[=:]\\s*["']?)(?!\\[redacted\\])[^\\s"'&,;)}\\]]+`,
  'gi',
);
/** Written bare (`1EG4TE5MK73`) or in CMS's printed form with dashes (`1EG4-TE5-MK73`). */
const MBI =
  /\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b/g;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/gi;

function redactProse(text: string): string {
  return text
    .replace(/\b(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`)
    .replace(SENSITIVE_PAIR, `$1${REDACTED}`)
    .replace(/(\bID pattern:?\s*)[^\s"',;]+/gi, `$1${REDACTED}`)
    .replace(/(\b(?:Patient|Coverage|ExplanationOfBenefit)\/)(?!\[redacted\])[^\s/"',;?]+/g, `$1${REDACTED}`)
    .replace(MBI, REDACTED)
    .replace(/[\w.~+/=-]*\d{6,}[\w.~+/=-]*/g, REDACTED)
    .replace(/[A-Za-z0-9._~+/=-]{20,}/g, (w) => (/\d/.test(w) && /[A-Za-z]/.test(w) ? REDACTED : w));
}

/**
 * Server text (BB2's `{detail}`, an OperationOutcome's diagnostics) made safe to keep on an error: it can
 * echo the request, so URLs in it get {@link redactUrl}, and the prose around them loses what may stand
 * alone there: sensitive `name=value` pairs, bearer tokens, `Unsupported ID pattern: <id>`, ids after a
 * resource type, MBIs, runs of 6 or more digits (BB2 patient and claim ids, codes a callback echoes) and long token-like words.
 */
export function redactText(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    out += redactProse(text.slice(at, m.index)) + redactUrl(m[0]);
    at = m.index + m[0].length;
  }
  return out + redactProse(text.slice(at));
}

/** A copy of a JSON value with every string passed through {@link redactText}. */
export function redactStrings<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactStrings(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactStrings(v);
    return out as T;
  }
  return value;
}

/** A server-given name (a resourceType) quoted in our own messages only when it looks like one. */
export function safeName(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z]{1,40}$/.test(value) ? value : 'an unexpected value';
}
