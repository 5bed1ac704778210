import type { OperationOutcome } from '../types.js';
import { attachHidden, BlueButtonError } from './blue-button-error.js';

export interface RateLimitInfo {
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** Seconds until the window frees (`X-RateLimit-Reset`). */
  readonly resetSeconds: number | undefined;
}

export interface HttpErrorFields {
  readonly status: number;
  readonly method: string;
  /** Redacted URL (see redactUrl): no patient ids, no tokens. */
  readonly url: string;
  /** BB2's `{detail}` or `{message}` text, or `{error}` for a strict-mode or 500 body. */
  readonly detail?: string | undefined;
  /** An OperationOutcome error body (v3 passes BFD's through). Only failure bodies are kept. */
  readonly operationOutcome?: OperationOutcome | undefined;
  /** How long the server asked to wait (`Retry-After` or `X-RateLimit-Reset`), in ms. */
  readonly retryAfterMs?: number | undefined;
  readonly rateLimit?: RateLimitInfo | undefined;
}

/** The server answered with a non-2xx status (after the retry policy gave up on it). */
export class HttpError extends BlueButtonError implements HttpErrorFields {
  override name = 'HttpError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly detail: string | undefined;
  readonly operationOutcome: OperationOutcome | undefined;
  readonly retryAfterMs: number | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
  /** The raw Response, non-enumerable so it never lands in logs. */
  declare readonly response?: Response;

  constructor(fields: HttpErrorFields, response?: Response) {
    const why = fields.detail ?? fields.operationOutcome?.issue?.[0]?.diagnostics;
    super(
      'HTTP_ERROR',
      `${fields.method} ${fields.url} failed with ${fields.status}${why ? `: ${why}` : ''}`,
    );
    this.status = fields.status;
    this.method = fields.method;
    this.url = fields.url;
    this.detail = fields.detail;
    this.operationOutcome = fields.operationOutcome;
    this.retryAfterMs = fields.retryAfterMs;
    this.rateLimit = fields.rateLimit;
    if (response) attachHidden(this, 'response', response);
  }
}
