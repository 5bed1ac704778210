/**
 * bluebutton-ts: a typed, fault-tolerant SDK for the CMS Blue Button 2.0 API (v1, v2, v3).
 * Explicit named exports only: nothing internal becomes API by accident.
 */

export type { TokenInput } from './auth/as-authorization-token.js';
export {
  AuthorizationToken,
  type AuthorizationTokenJSON,
  type NodeSdkTokenJSON,
  parseGrantExpiration,
} from './auth/authorization-token.js';
export { type AuthorizeUrlOptions, DEFAULT_V3_SCOPES } from './auth/authorization-url.js';
export {
  type AuthData,
  computeCodeChallenge,
  createCodeVerifier,
  createState,
  generateAuthData,
} from './auth/pkce.js';
export {
  TokenSaveFailedError,
  type TokenSaveTarget,
  TokenStoreError,
} from './auth/token-save-error.js';
export { createMemoryTokenStore, type StoredToken, type TokenStore } from './auth/token-store.js';
export { BlueButton } from './blue-button.js';
export type { BlueButtonClient, ClientOptions } from './client/create-client.js';
export type { RequestOptions } from './client/request.js';
export type { ResourceClient } from './client/resource-client.js';
export type { PatientClientV3, VersionClient, VersionClientFor } from './client/version-client.js';
export type { CompatSearchParamsFor, NodeSdkSearchParams } from './compat/node-sdk-params.js';
export type {
  CompatRequestConfig,
  CompatResponse,
  CompatResult,
  SearchDataFor,
  SearchParamsFor,
  UserInfoFor,
} from './compat/official-sdk-methods.js';
export {
  type BlueButtonConfig,
  type CircuitBreakerSettings,
  ENVIRONMENT_URLS,
  type Environment,
  type PythonSdkConfig,
  type ResolvedConfig,
  type RetrySettings,
  type Secret,
} from './config/types.js';
export { BlueButtonError, isBlueButtonError } from './errors/blue-button-error.js';
export {
  CallbackError,
  type CallbackErrorCode,
  type CallbackErrorDetails,
} from './errors/callback-error.js';
export { ERROR_CODES, type ErrorCode, type ReauthorizationReason } from './errors/codes.js';
export { ConfigError } from './errors/config-error.js';
export { HttpError, type RateLimitInfo } from './errors/http-error.js';
export { OAuthError, ReauthorizationRequiredError } from './errors/oauth-error.js';
export {
  CrossOriginLinkError,
  InvalidParamsError,
  InvalidResponseError,
  VersionMismatchError,
} from './errors/request-errors.js';
export { CircuitOpenError, NetworkError, TimeoutError } from './errors/transport-errors.js';
export type {
  CircuitOpenInfo,
  Hooks,
  PageWalkInfo,
  PageWalkOutcome,
  RequestInfo,
  ResponseInfo,
  RetryInfo,
} from './hooks.js';
export type { PageOptions } from './pagination/paginate.js';
export {
  type ApiVersion,
  type CapabilityStatementOf,
  CLAIM_TYPES,
  type ClaimType,
  CODE_SYSTEMS,
  type InsuranceCardBundle,
  type OpenIdConfiguration,
  PROFILES,
  type PrefixedDate,
  type ResourceOf,
  type ResourceType,
  SCOPES,
  type Scope,
  SDK_VERSION,
  type SearchBundle,
  type SearchParams,
  type SmartConfiguration,
  type UserInfo,
} from './types.js';
