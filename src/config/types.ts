/**
 * Configuration as users write it (`BlueButtonConfig`, or a file in either official SDK's format) and as
 * the SDK uses it (`ResolvedConfig`, validated, defaults applied).
 */
import type { TokenStore } from '../auth/token-store.js';
import type { Hooks } from '../hooks.js';

export type Environment = 'SANDBOX' | 'PRODUCTION' | 'TEST' | 'LOCAL';

/** Base URL of each environment (bb2-api 1.1). */
export const ENVIRONMENT_URLS: Readonly<Record<Environment, string>> = {
  SANDBOX: 'https://sandbox.bluebutton.cms.gov',
  PRODUCTION: 'https://api.bluebutton.cms.gov',
  TEST: 'https://test.bluebutton.cms.gov',
  LOCAL: 'http://localhost:8000',
};

export interface RetrySettings {
  /** Retries after the first attempt; 0 disables retrying. Default 3. */
  total?: number;
  /**
   * Seconds. The wait before retry i (0-based) is `backoffFactor * 2 ** (i - 1)`: 2.5 s, 5 s, 10 s with the
   * default 5, as in the official Node SDK. Default 5.
   */
  backoffFactor?: number;
  /** Statuses that are retried (429 always is). Default [500, 502, 503, 504]. */
  statusForcelist?: readonly number[];
  /** Upper bound of any single wait, including one asked for by `Retry-After`. Default 60,000 ms. */
  maxDelayMs?: number;
  /** Randomizes each wait between half and all of it, so that many clients do not retry in step. Default false. */
  jitter?: boolean;
}

export interface CircuitBreakerSettings {
  /** Consecutive failures that open the circuit. Default 5. */
  threshold?: number;
  /** How long it stays open before one trial call. Default 30,000 ms. */
  halfOpenAfterMs?: number;
}

/** What users pass to `new BlueButton(...)` (camelCase; the Python SDK's snake_case keys are also accepted). */
export interface BlueButtonConfig {
  clientId?: string;
  clientSecret?: string;
  callbackUrl?: string;
  /** Default SANDBOX; case-insensitive in files. */
  environment?: Environment;
  /** Overrides `environment`'s URL (a local sandbox, a proxy). http:// only for LOCAL or a loopback host. */
  baseUrl?: string;
  /** Default 2. */
  version?: 1 | 2 | 3 | '1' | '2' | '3';
  retrySettings?: RetrySettings;
  /** Refresh an expired (or about to expire) token before a call. Default true. */
  tokenRefreshOnExpire?: boolean;
  /** Refresh this long before `expiresAt`. Default 60,000 ms. */
  refreshSkewMs?: number;
  /** Per attempt. Default 30,000 ms. */
  timeoutMs?: number;
  /** Overall limit for one call, retries and waits included. Default none. */
  deadlineMs?: number;
  /** Default `{ threshold: 5, halfOpenAfterMs: 30_000 }`; `false` disables it. */
  circuitBreaker?: CircuitBreakerSettings | false;
  /** Injectable transport (default `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  hooks?: Hooks;
  /** Where tokens live between processes; default in memory. */
  tokenStore?: TokenStore;
  /** Injectable clock (epoch ms), for tests. */
  now?: () => number;
}

/** The Python SDK's file format (also accepted as an object). */
export interface PythonSdkConfig {
  client_id?: string;
  client_secret?: string;
  callback_url?: string;
  environment?: string;
  version?: number | string;
  token_refresh_on_expire?: boolean;
  retry_settings?: { total?: number; backoff_factor?: number; status_forcelist?: readonly number[] };
  base_url?: string;
}

/** Validated configuration with defaults applied. The secret is only reachable through `clientSecret.reveal()`. */
export interface ResolvedConfig {
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly callbackUrl: string;
  readonly environment: Environment;
  /** Without a trailing slash. */
  readonly baseUrl: string;
  readonly version: 1 | 2 | 3;
  readonly retry: Readonly<Required<RetrySettings>>;
  readonly tokenRefreshOnExpire: boolean;
  readonly refreshSkewMs: number;
  readonly timeoutMs: number;
  readonly deadlineMs: number | undefined;
  readonly circuitBreaker: Readonly<Required<CircuitBreakerSettings>> | false;
  readonly fetch: typeof globalThis.fetch;
  readonly hooks: Hooks;
  readonly tokenStore: TokenStore | undefined;
  readonly now: () => number;
  /** Where the configuration came from: `object`, a file path, or `environment`. */
  readonly source: string;
}

/** A string that prints as `[redacted]` everywhere (inspect, JSON, String, template literals). */
export interface Secret {
  reveal(): string;
}
