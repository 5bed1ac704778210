/**
 * Public types of the local BB2 sandbox (`bluebutton-ts/sandbox`).
 */
import type { Dataset, DatasetOptions } from './data/dataset-types.js';

/** How BB2 treats the registered application's data access (bb2-api 2.10). */
export type SandboxAppType = 'THIRTEEN_MONTH' | 'ONE_TIME' | 'RESEARCH_STUDY';

/**
 * The data-access kinds of BB2 apps (bb2-api 2.10): `ten-hours` tokens come without a refresh token and
 * the grant ends 10 hours after consent; `thirteen-months` (BB2's default) refreshes until the grant ends
 * 13 months after consent; `one-time` gets a refresh token that BB2 refuses (403); `research` grants
 * never expire.
 */
export type SandboxAppKind = 'ten-hours' | 'thirteen-months' | 'one-time' | 'research';

/** An application registered with the sandbox, as a developer registers one on BB2. */
export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  /** Exact matches only, as BB2 compares them. */
  redirectUris: readonly string[];
  /** Shown on the consent page. Default: the client id. */
  name?: string;
  /** Default `thirteen-months`. */
  kind?: SandboxAppKind;
}

/**
 * A token bucket per access token in front of every FHIR and userinfo call: `burst` requests at once,
 * refilled at `requestsPerSecond`. Over it, BB2's 429 with `Retry-After`.
 */
export interface SandboxThrottle {
  /** Default 10. */
  readonly requestsPerSecond?: number;
  /** Default: `requestsPerSecond` (at least 1). */
  readonly burst?: number;
}

/** A Blue Button API version. */
export type SandboxApiVersion = 1 | 2 | 3;

export interface SandboxRateLimit {
  /** Requests allowed per access token per window. */
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface SandboxOptions extends DatasetOptions {
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /**
   * Each response leaves no earlier than this long after its request arrived (the sandbox's own work
   * overlaps the wait, like BB2's backend time). Default 0.
   */
  readonly latencyMs?: number;
  /** Access-token lifetime in seconds. Default 3600, as BB2 forces. */
  readonly tokenExpiresIn?: number;
  /**
   * Registered applications. Default: one app built from `clientId`, `clientSecret`, `redirectUri` and
   * `appType`. The first app is the one `client` and `config()` describe.
   */
  readonly apps?: readonly SandboxApp[];
  /** Kind of the default app (ignored with `apps`). Default `THIRTEEN_MONTH` (BB2's model default). */
  readonly appType?: SandboxAppType;
  /** Default: a fixed 40-character alphanumeric id, the shape BB2 requires outside local environments. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** The registered redirect URI; several may be given separated by spaces, as BB2 stores them. */
  readonly redirectUri?: string;
  /** Origin of Bundle links and discovery URLs. Default: `http://<Host header>`. */
  readonly publicBaseUrl?: string;
  /** Origin of v3 Bundle links (BB2 leaks BFD's internal host there). Default: the public origin. */
  readonly v3LinkBaseUrl?: string;
  /** Per-token fixed-window limit behind the `X-RateLimit-*` headers. Default 100,000 requests per day. */
  readonly rateLimit?: SandboxRateLimit;
  /** A per-token request rate on top of `rateLimit`. Default: none. */
  readonly throttle?: SandboxThrottle;
  /** Clock (epoch ms) for token, code and grant expiry and for rate-limit windows. Default `Date.now`. */
  readonly now?: () => number;
}

/** The sandbox's registered application. */
export interface SandboxClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

/** Settings for `new BlueButton(...)` pointing at the sandbox. */
export interface SandboxConfig {
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  baseUrl: string;
  environment: 'LOCAL';
  version: SandboxApiVersion;
}

export interface SandboxAuthorizeOptions {
  /** Index, username (`BBUser00000`) or patient id of the consenting beneficiary. Default 0. */
  readonly beneficiary?: number | string;
  /** Clicks Deny instead of Allow. */
  readonly deny?: boolean;
  /** Ticks "share personal information". Default true. */
  readonly shareDemographics?: boolean;
}

/** One request as the sandbox received it. */
export interface RecordedRequest {
  readonly method: string;
  /** The raw path, without the query string. */
  readonly path: string;
  /** `GET /v2/fhir/ExplanationOfBenefit/`, or undefined when no route matched. */
  readonly routeKey: string | undefined;
  /** The raw query string without `?` (empty when none). */
  readonly query: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw request body (form posts), empty when none. */
  readonly body: string;
}

/**
 * One scripted reaction of a route. Each request on the route consumes one step; once the script is
 * exhausted the route behaves normally.
 */
export type FaultStep =
  | number
  | {
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: unknown;
      /** Seconds; sets `Retry-After` (and BB2's throttle body when `status` is 429). */
      readonly retryAfter?: number;
    }
  | { readonly delayMs: number }
  | 'reset'
  | 'hang'
  | 'truncate'
  | 'non-json'
  | 'expire-token'
  | 'pass';

export interface FaultController {
  /** Replaces the script of a route (`GET /v2/fhir/ExplanationOfBenefit/`). Throws on an unknown route key. */
  set(routeKey: string, steps: readonly FaultStep[]): void;
  /** Clears one route's script, or all scripts. */
  clear(routeKey?: string): void;
  /** Steps not yet consumed on a route. */
  pending(routeKey: string): number;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly dataset: Dataset;
  readonly client: SandboxClient;
  /** Every registered application, the first being {@link client}'s. */
  readonly apps: readonly SandboxApp[];
  /**
   * Settings for `new BlueButton(...)` for a registered app (default the first one; by client id or in
   * `overrides`); `version` defaults to 2. Throws a {@link SandboxOptionsError} for an unknown client id.
   */
  config(overrides?: string | { version?: SandboxApiVersion; clientId?: string }): SandboxConfig;
  /**
   * Plays the browser and the beneficiary: follows the authorize URL over HTTP, answers the consent page
   * and returns the callback URL (`?code=..&state=..` or `?error=access_denied&state=..`).
   * Rejects with a {@link SandboxAuthorizeError} carrying BB2's status and body when the request is invalid.
   */
  authorize(authorizeUrl: string, options?: SandboxAuthorizeOptions): Promise<string>;
  readonly faults: FaultController;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Every access token issued so far expires now. */
  expireAccessTokens(): void;
  /** The beneficiary's data-access grant expires now (as `expire_authenticated_user`); every app's unless told. */
  expireGrant(beneficiary: number | string, clientId?: string): void;
  /** The beneficiary revokes the app in Medicare.gov: grant gone, tokens dead; every app's unless told. */
  revokeGrant(beneficiary: number | string, clientId?: string): void;
  /** Stops listening and destroys every socket, including hung ones. */
  close(): Promise<void>;
}
