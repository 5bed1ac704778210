/**
 * Observability hooks. Every value they receive is redacted: no tokens, codes, secrets, response bodies,
 * and no query values that identify a patient (`patient`, `beneficiary`, `_id`, `identifier`).
 */
import type { AuthorizationToken } from './auth/authorization-token.js';
import type { RateLimitInfo } from './errors/http-error.js';

export interface RequestInfo {
  /** `GET`, `POST`. */
  readonly method: string;
  /** Path with identifying query values replaced by `[redacted]`, e.g. `/v2/fhir/ExplanationOfBenefit/?_count=50&patient=[redacted]`. */
  readonly path: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

export interface ResponseInfo extends RequestInfo {
  readonly status: number;
  readonly durationMs: number;
  /** BB2's numeric `X-RateLimit-*` headers, when the response carried any. */
  readonly rateLimit?: RateLimitInfo | undefined;
}

export interface RetryInfo extends RequestInfo {
  /** What failed: an HTTP status, or an error code such as `NETWORK_ERROR` or `TIMEOUT`. */
  readonly reason: number | string;
  /** How long the SDK waits before the next attempt. */
  readonly delayMs: number;
}

export interface CircuitOpenInfo {
  /** The origin whose circuit opened, e.g. `https://sandbox.bluebutton.cms.gov`. */
  readonly origin: string;
  readonly halfOpenAfterMs: number;
}

/** How a page walk ended: no next link, `maxPages`/`maxItems` reached, the consumer stopped early, or an error. */
export type PageWalkOutcome = 'complete' | 'limit' | 'stopped' | 'error';

export interface PageWalkInfo {
  /** The search's route without query, e.g. `/v2/fhir/ExplanationOfBenefit/`. */
  readonly path: string;
  /** Pages the walk yielded (the first included when the walk fetched it). */
  readonly pages: number;
  /** Entries on those pages. */
  readonly items: number;
  readonly outcome: PageWalkOutcome;
  /** The error's code (`PAGING_LOOP`, `HTTP_ERROR`...) when `outcome` is `error`. */
  readonly errorCode?: string | undefined;
  readonly durationMs: number;
}

export interface Hooks {
  onRequest?(info: RequestInfo): void;
  onResponse?(info: ResponseInfo): void;
  onRetry?(info: RetryInfo): void;
  onCircuitOpen?(info: CircuitOpenInfo): void;
  /** Once per page walk (`pages`, `all`, `searchAll`), when it ends however it ends. */
  onPageWalk?(info: PageWalkInfo): void;
  /** Awaited after every refresh, before the refreshed token is used: persist it here (refresh tokens are single-use). */
  onTokenRefresh?(token: AuthorizationToken): void | Promise<void>;
}
