/**
 * The keys a configuration may hold, in both official spellings: the Node SDK's camelCase and the Python
 * SDK's snake_case. Only the keys the Python SDK knows (plus `base_url`) have a snake_case spelling, so
 * that an official file works unchanged without inventing a second name for every TypeScript-only option.
 */

/** Canonical (camelCase, dotted for nested settings) name of every setting. */
export type FieldKey =
  | 'clientId'
  | 'clientSecret'
  | 'callbackUrl'
  | 'environment'
  | 'baseUrl'
  | 'version'
  | 'tokenRefreshOnExpire'
  | 'refreshSkewMs'
  | 'timeoutMs'
  | 'deadlineMs'
  | 'retrySettings'
  | 'retrySettings.total'
  | 'retrySettings.backoffFactor'
  | 'retrySettings.statusForcelist'
  | 'retrySettings.maxDelayMs'
  | 'retrySettings.jitter'
  | 'circuitBreaker'
  | 'circuitBreaker.threshold'
  | 'circuitBreaker.halfOpenAfterMs'
  | 'fetch'
  | 'hooks'
  | 'tokenStore'
  | 'now';

export interface KeySpec {
  readonly field: FieldKey;
  readonly camel: string;
  readonly snake?: string;
  /** Functions and live objects, which a JSON or YAML file cannot express. */
  readonly objectOnly?: boolean;
  /** Nested settings (`retrySettings`, `circuitBreaker`). */
  readonly group?: readonly KeySpec[];
  /** `circuitBreaker: false` turns the group off instead of configuring it. */
  readonly allowsFalse?: boolean;
}

const RETRY_KEYS: readonly KeySpec[] = [
  { field: 'retrySettings.total', camel: 'total' },
  { field: 'retrySettings.backoffFactor', camel: 'backoffFactor', snake: 'backoff_factor' },
  { field: 'retrySettings.statusForcelist', camel: 'statusForcelist', snake: 'status_forcelist' },
  { field: 'retrySettings.maxDelayMs', camel: 'maxDelayMs' },
  { field: 'retrySettings.jitter', camel: 'jitter' },
];

const CIRCUIT_BREAKER_KEYS: readonly KeySpec[] = [
  { field: 'circuitBreaker.threshold', camel: 'threshold' },
  { field: 'circuitBreaker.halfOpenAfterMs', camel: 'halfOpenAfterMs' },
];

export const TOP_LEVEL_KEYS: readonly KeySpec[] = [
  { field: 'clientId', camel: 'clientId', snake: 'client_id' },
  { field: 'clientSecret', camel: 'clientSecret', snake: 'client_secret' },
  { field: 'callbackUrl', camel: 'callbackUrl', snake: 'callback_url' },
  { field: 'environment', camel: 'environment' },
  { field: 'baseUrl', camel: 'baseUrl', snake: 'base_url' },
  { field: 'version', camel: 'version' },
  { field: 'tokenRefreshOnExpire', camel: 'tokenRefreshOnExpire', snake: 'token_refresh_on_expire' },
  { field: 'refreshSkewMs', camel: 'refreshSkewMs' },
  { field: 'timeoutMs', camel: 'timeoutMs' },
  { field: 'deadlineMs', camel: 'deadlineMs' },
  { field: 'retrySettings', camel: 'retrySettings', snake: 'retry_settings', group: RETRY_KEYS },
  { field: 'circuitBreaker', camel: 'circuitBreaker', group: CIRCUIT_BREAKER_KEYS, allowsFalse: true },
  { field: 'fetch', camel: 'fetch', objectOnly: true },
  { field: 'hooks', camel: 'hooks', objectOnly: true },
  { field: 'tokenStore', camel: 'tokenStore', objectOnly: true },
  { field: 'now', camel: 'now', objectOnly: true },
];

/** The environment variables and the setting each fills when the object or file leaves it out. */
export const ENV_VARIABLES: readonly (readonly [FieldKey, string])[] = [
  ['clientId', 'BLUEBUTTON_CLIENT_ID'],
  ['clientSecret', 'BLUEBUTTON_CLIENT_SECRET'],
  ['callbackUrl', 'BLUEBUTTON_CALLBACK_URL'],
  ['environment', 'BLUEBUTTON_ENVIRONMENT'],
  ['version', 'BLUEBUTTON_VERSION'],
  ['baseUrl', 'BLUEBUTTON_BASE_URL'],
];

export function spellingsOf(spec: KeySpec): string[] {
  return spec.snake === undefined ? [spec.camel] : [spec.camel, spec.snake];
}

export function topLevelSpec(field: FieldKey): KeySpec | undefined {
  return TOP_LEVEL_KEYS.find((spec) => spec.field === field);
}

export function envVariableFor(field: FieldKey): string | undefined {
  return ENV_VARIABLES.find(([key]) => key === field)?.[1];
}
