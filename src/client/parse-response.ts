/**
 * Turns a raw response into data or a typed error. Success bodies are parsed and their `resourceType`
 * checked; failure bodies of every shape BB2 sends (`{detail}`, `{status_code, message}`, OAuth
 * `{error, error_description}`, OperationOutcome) become one HttpError. Success bodies never reach an error.
 */
import { HttpError } from '../errors/http-error.js';
import { redactJsonError, safeName } from '../errors/redact.js';
import { InvalidResponseError } from '../errors/request-errors.js';
import { rateLimitOf, retryAfterMs } from '../resilience/retry-after.js';
import type { RawResponse } from '../resilience/transport.js';
import type { OperationOutcome } from '../types.js';

export function parseJson(raw: RawResponse): unknown {
  try {
    return JSON.parse(raw.body);
  } catch (e) {
    const what = raw.body.trim() ? 'body is not JSON' : 'body is empty';
    throw new InvalidResponseError(raw.redactedUrl(), raw.status, what, {
      cause: redactJsonError(e),
      response: raw.response,
    });
  }
}

/** Checks that a success body is the FHIR resource asked for; `expected` undefined accepts any JSON object. */
export function expectResource(body: unknown, expected: string | undefined, raw: RawResponse): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidResponseError(raw.redactedUrl(), raw.status, 'body is not a JSON object', {
      response: raw.response,
    });
  }
  if (expected === undefined) return;
  const got = (body as { resourceType?: unknown }).resourceType;
  if (got !== expected) {
    const seen = got === undefined ? 'no resourceType' : safeName(got);
    throw new InvalidResponseError(raw.redactedUrl(), raw.status, `expected a ${expected}, got ${seen}`, {
      response: raw.response,
    });
  }
}

function isOperationOutcome(b: unknown): b is OperationOutcome {
  return (
    typeof b === 'object' &&
    b !== null &&
    (b as { resourceType?: unknown }).resourceType === 'OperationOutcome'
  );
}

export function toHttpError(raw: RawResponse, now: number): HttpError {
  let body: unknown;
  try {
    body = JSON.parse(raw.body);
  } catch {
    body = undefined; // HTML from a load balancer, or nothing: the status says enough.
  }
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  const detail =
    text('detail') ??
    text('message') ??
    (text('error') ? [text('error'), text('error_description')].filter(Boolean).join(': ') : undefined);
  return new HttpError(
    {
      status: raw.status,
      method: raw.method,
      url: raw.redactedUrl(),
      detail,
      operationOutcome: isOperationOutcome(body) ? body : undefined,
      retryAfterMs: retryAfterMs(raw.headers, now, raw.status === 429),
      rateLimit: rateLimitOf(raw.headers),
    },
    raw.response,
  );
}
