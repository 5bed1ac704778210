/**
 * The entry point: configuration, the OAuth 2.0 + PKCE flow, typed clients, and the official SDKs'
 * method names for drop-in migration (see ./compat/official-sdk-methods.ts).
 *
 * @example
 * const bb = new BlueButton({ clientId, clientSecret, callbackUrl, version: 2 });
 * const authData = bb.generateAuthData();                     // keep in the session
 * res.redirect(bb.generateAuthorizeUrl(authData));
 * // ...on the callback:
 * const token = await bb.handleCallback(authData, req.url);
 * const client = bb.client(token, { onTokenRefresh: (t) => save(t.toJSON()) });
 * for await (const eob of client.v2.ExplanationOfBenefit.all()) console.log(eob.id);
 */
import { asAuthorizationToken, type TokenInput } from './auth/as-authorization-token.js';
import type { AuthorizationToken } from './auth/authorization-token.js';
import { type AuthorizeUrlOptions, createAuthorizationUrl } from './auth/authorization-url.js';
import { checkCallback, parseCallbackUrl } from './auth/callback.js';
import { type AuthData, generateAuthData } from './auth/pkce.js';
import { createTokenEndpoint, type TokenEndpoint } from './auth/token-endpoint.js';
import { createTokenManager } from './auth/token-manager.js';
import { createMemoryTokenStore, type TokenStore } from './auth/token-store.js';
import { type BlueButtonClient, type ClientOptions, createClient } from './client/create-client.js';
import type { ClientContext } from './client/request.js';
import { SDK_HEADERS } from './client/sdk-headers.js';
import type { CompatSearchParamsFor } from './compat/node-sdk-params.js';
import {
  allPages,
  type CompatContext,
  type CompatRequestConfig,
  type CompatResult,
  customData,
  insuranceCardData,
  pageNavUrl,
  profileData,
  type SearchDataFor,
  searchData,
  type UserInfoFor,
} from './compat/official-sdk-methods.js';
import { loadConfig } from './config/load-config.js';
import type { BlueButtonConfig, PythonSdkConfig, ResolvedConfig } from './config/types.js';
import { createTransport, type Transport } from './resilience/transport.js';
import type { ApiVersion } from './types.js';

/** Lets `version: 3` in a config object infer `V = 3` (string versions give the union). */
type VersionText = { 1: '1'; 2: '2'; 3: '3' };

/**
 * `V` is the configured API version when the config object states it (`version: 3` narrows `client.fhir`
 * to v3 types); from a file or the environment it is the union of the three.
 */
export class BlueButton<V extends ApiVersion = ApiVersion> {
  /** Validated configuration; the secret prints as `[redacted]`. */
  readonly config: ResolvedConfig;
  readonly #transport: Transport;
  readonly #tokens: TokenEndpoint;
  readonly #store: TokenStore;
  readonly #origin: string;

  /**
   * @param config an object (camelCase or the Python SDK's snake_case), a `.json` / `.yaml` / `.yml` path,
   *   or nothing for `./.bluebutton-config.json|.yaml|.yml` and `BLUEBUTTON_*` environment variables.
   * @throws {ConfigError} CONFIG_INVALID naming the key and its source.
   */
  constructor(config?: string | (BlueButtonConfig & { version?: V | VersionText[V] }) | PythonSdkConfig) {
    this.config = loadConfig(config);
    const c = this.config;
    this.#transport = createTransport({
      retry: c.retry,
      timeoutMs: c.timeoutMs,
      deadlineMs: c.deadlineMs,
      circuitBreaker: c.circuitBreaker,
      hooks: c.hooks,
      fetch: c.fetch,
      now: c.now,
      origin: new URL(c.baseUrl).origin,
    });
    this.#tokens = createTokenEndpoint({
      baseUrl: c.baseUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      callbackUrl: c.callbackUrl,
      transport: this.#transport,
      now: c.now,
      headers: SDK_HEADERS,
    });
    this.#store = c.tokenStore ?? createMemoryTokenStore();
    this.#origin = new URL(c.baseUrl).origin;
  }

  /** The configured API version. */
  get version(): V {
    return this.config.version as V;
  }

  /** PKCE verifier, S256 challenge and state, from the CSPRNG. Keep it server-side until the callback. */
  generateAuthData(): AuthData {
    return generateAuthData();
  }

  /** The consent URL to redirect the beneficiary to; v3 gets a default scope list (BB2 v3 requires one). */
  generateAuthorizeUrl(authData: AuthData, options: AuthorizeUrlOptions = {}): string {
    const { version = this.config.version, ...rest } = options;
    return createAuthorizationUrl(this.config.baseUrl, version, this.config, authData, rest);
  }

  /**
   * Exchanges the callback's code for a token (never retried: codes are single-use).
   * @param error the callback's `error` parameter, if any (`access_denied` when the beneficiary said no).
   * @throws {CallbackError} CALLBACK_ACCESS_DENIED, CALLBACK_ERROR (any other `error`), CALLBACK_CODE_MISSING,
   *   CALLBACK_STATE_MISSING, CALLBACK_STATE_MISMATCH
   * @throws {OAuthError} TOKEN_REQUEST_FAILED with BB2's `error` and `error_description`, or for a redirect
   */
  async getAuthorizationToken(
    authData: AuthData,
    code?: string | null,
    state?: string | null,
    error?: string | null,
    options: { version?: ApiVersion } = {},
  ): Promise<AuthorizationToken> {
    const checked = checkCallback(authData, { code, state, error });
    return this.#tokens.exchangeCode(options.version ?? this.config.version, checked, authData.verifier);
  }

  /**
   * `getAuthorizationToken` with `code`, `state`, `error` and `error_description` read from the callback
   * URL (`req.url`).
   * @throws {CallbackError} also CALLBACK_PARAM_REPEATED when the URL repeats `code`, `state` or `error`
   */
  async handleCallback(
    authData: AuthData,
    callbackUrl: string | URL,
    options: { version?: ApiVersion } = {},
  ): Promise<AuthorizationToken> {
    const checked = checkCallback(authData, parseCallbackUrl(callbackUrl));
    return this.#tokens.exchangeCode(options.version ?? this.config.version, checked, authData.verifier);
  }

  /**
   * Refreshes a token at its own version's token endpoint. Prefer `client()`, which refreshes on its own
   * and never uses a refresh token twice.
   * @throws {ReauthorizationRequiredError} REAUTHORIZATION_REQUIRED when BB2 refuses for good
   */
  async refreshAuthToken(token: TokenInput): Promise<AuthorizationToken> {
    return this.#tokens.refresh(asAuthorizationToken(token, 'refreshAuthToken(token)', this.config.version));
  }

  /** Revokes the token and deletes the beneficiary's data-access grant for this app (`/o/revoke/`). */
  async revokeAuthToken(token: TokenInput): Promise<void> {
    return this.#tokens.revoke(asAuthorizationToken(token, 'revokeAuthToken(token)', this.config.version));
  }

  /**
   * A typed client for one beneficiary's token, refreshed as needed (see `tokenRefreshOnExpire`).
   * Also takes a token saved with `toJSON()`, or the official Node SDK's AuthorizationToken (instance or
   * JSON; it names no version, so the configured one is assumed).
   * @throws {InvalidParamsError} INVALID_PARAMS when `token` is not a token
   */
  client(token: TokenInput, options: ClientOptions = {}): BlueButtonClient<V> {
    const { tokens, ...ctx } = this.#contextFor(token, options, 'client(token)');
    return createClient(ctx, tokens, this.config.version as V);
  }

  #contextFor(given: unknown, options: ClientOptions = {}, where = 'token'): ClientContext {
    const c = this.config;
    const token = asAuthorizationToken(given, where, c.version);
    const hooks = [c.hooks.onTokenRefresh, options.onTokenRefresh].filter(
      (h): h is NonNullable<typeof h> => h !== undefined,
    );
    const tokens = createTokenManager(token, {
      endpoint: this.#tokens,
      store: this.#store,
      clientId: c.clientId,
      refreshOnExpire: c.tokenRefreshOnExpire,
      skewMs: c.refreshSkewMs,
      now: c.now,
      onRefresh: hooks,
      deadlineMs: c.deadlineMs,
    });
    return {
      baseUrl: c.baseUrl,
      origin: this.#origin,
      transport: this.#transport,
      now: c.now,
      tokens,
      hooks: c.hooks,
    };
  }

  get #compat(): CompatContext {
    return {
      version: this.config.version,
      baseUrl: this.config.baseUrl,
      origin: this.#origin,
      contextFor: (token) => this.#contextFor(token),
    };
  }

  // ---- The official Node SDK's methods (drop-in migration; failures throw instead of returning) ----

  /** One page of EOBs for the configured version (`config.params` as the Node SDK's axios params). */
  getExplanationOfBenefitData(
    token: TokenInput,
    config?: CompatRequestConfig<CompatSearchParamsFor<V, 'ExplanationOfBenefit'>>,
  ): Promise<CompatResult<SearchDataFor<V, 'ExplanationOfBenefit'>>> {
    return searchData(this.#compat, 'ExplanationOfBenefit', token, config);
  }

  /** The Patient search Bundle (the authorized beneficiary). */
  getPatientData(
    token: TokenInput,
    config?: CompatRequestConfig<CompatSearchParamsFor<V, 'Patient'>>,
  ): Promise<CompatResult<SearchDataFor<V, 'Patient'>>> {
    return searchData(this.#compat, 'Patient', token, config);
  }

  /** The Coverage search Bundle. */
  getCoverageData(
    token: TokenInput,
    config?: CompatRequestConfig<CompatSearchParamsFor<V, 'Coverage'>>,
  ): Promise<CompatResult<SearchDataFor<V, 'Coverage'>>> {
    return searchData(this.#compat, 'Coverage', token, config);
  }

  /** OIDC userinfo. */
  getProfileData(token: TokenInput, config?: CompatRequestConfig): Promise<CompatResult<UserInfoFor<V>>> {
    return profileData(this.#compat, token, config);
  }

  /** The v3 digital insurance card, whatever the configured version (as the Node SDK); needs a v3 token. */
  getInsuranceCardData(token: TokenInput, config?: CompatRequestConfig) {
    return insuranceCardData(this.#compat, token, config);
  }

  /** GET a path under `<baseUrl>/v<version>/`, or an absolute URL under the base URL; the body is unchecked JSON. */
  getCustomData(
    path: string,
    token: TokenInput,
    config?: CompatRequestConfig<Readonly<Record<string, string | number>>>,
  ): Promise<CompatResult<unknown>> {
    return customData(this.#compat, path, token, config);
  }

  /** `bundle` and every following page, each fetched with the latest token. */
  getPages<B>(bundle: B, token: TokenInput): Promise<{ token: AuthorizationToken; pages: B[] }> {
    return allPages(this.#compat, bundle, token);
  }

  /** The URL of a navigation link of a searchset Bundle, or null. */
  extractPageNavUrl(
    bundle: unknown,
    relation: 'first' | 'next' | 'previous' | 'last' | 'self',
  ): string | null {
    return pageNavUrl(bundle, relation);
  }

  /** The `next` link of a searchset Bundle, or null on the last page. */
  extractNextPageUrl(bundle: unknown): string | null {
    return pageNavUrl(bundle, 'next');
  }

  toString(): string {
    return `BlueButton { version: ${this.config.version}, baseUrl: ${this.config.baseUrl}, clientSecret: [redacted] }`;
  }

  toJSON(): Record<string, unknown> {
    return { version: this.config.version, baseUrl: this.config.baseUrl, clientSecret: '[redacted]' };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
