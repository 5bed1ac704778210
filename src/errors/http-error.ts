import type { OperationOutcome } from '../types.js';
import { BlueButtonError } from './blue-button-error.js';
import { redactStrings, redactText } from './redact.js';

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
  /**
   * BB2's `{detail}` or `{message}` text, or `{error}` for a strict-mode or 500 body, redacted (see
   * redactText): servers echo patient ids and tokens there. Never copied into `message`.
   */
  readonly detail?: string | undefined;
  /** An OperationOutcome error body (v3 passes BFD's through), its text redacted. Only failure bodies are kept. */
  readonly operationOutcome?: OperationOutcome | undefined;
  /** How long the server asked to wait (`Retry-After` or `X-RateLimit-Reset`), in ms. */
  readonly retryAfterMs?: number | undefined;
  readonly rateLimit?: RateLimitInfo | undefined;
}

/** What a status means for the caller, in the SDK's words (server text stays on `detail`). */
const MEANING: Readonly<Record<number, string>> = {
  400: 'the server refused the request as malformed',
  401: 'the access token was not accepted',
  403: 'the token does not grant access to this (scope, consent or application)',
  404: 'not found',
  406: 'the server cannot answer in the requested format',
  429: 'rate limited',
  500: 'the server failed',
  502: 'a gateway in front of the server failed',
  503: 'the server is unavailable',
  504: 'a gateway timed out waiting for the server',
};

function meaningOf(status: number): string {
  return (
    MEANING[status] ??
    (status >= 500 ? 'the server failed' : status >= 300 && status < 400 ? 'redirected' : 'refused')
  );
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
  // A private field: not an own property, so neither inspect (even with showHidden) nor JSON shows its URL.
  readonly #response: Response | undefined;

  constructor(fields: HttpErrorFields, response?: Response) {
    const hasText = fields.detail !== undefined || fields.operationOutcome !== undefined;
    super(
      'HTTP_ERROR',
      `${fields.method} ${fields.url} failed with ${fields.status}: ${meaningOf(fields.status)}` +
        (hasText ? " (the server's text is in `detail` / `operationOutcome`)" : ''),
    );
    this.status = fields.status;
    this.method = fields.method;
    this.url = fields.url;
    this.detail = fields.detail === undefined ? undefined : redactText(fields.detail);
    this.operationOutcome =
      fields.operationOutcome === undefined ? undefined : redactStrings(fields.operationOutcome);
    this.retryAfterMs = fields.retryAfterMs;
    this.rateLimit = fields.rateLimit;
    this.#response = response;
  }

  /** The raw Response (its body already read), for status text or headers the error does not copy. */
  get response(): Response | undefined {
    return this.#response;
  }
}
