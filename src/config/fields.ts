/**
 * Settings on their way from a source (object, file, environment) to validation. The keys a configuration
 * may hold come in both official spellings: the Node SDK's camelCase and the Python SDK's snake_case (only
 * the keys the Python SDK knows, plus `base_url`, so an official file works unchanged without a second name
 * for every TypeScript-only option). Each value keeps where it came from, so that an error can name the key
 * as the user spelled it, the source, and the line. Unknown keys, both spellings of one key, and options a
 * file cannot hold are errors here, before any value is looked at.
 */
import { ConfigError, type ConfigProblemLocation } from '../errors/config-error.js';
import { closestMatch } from './suggest.js';

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
  /** The environment variable that fills the setting when a file (or no argument) leaves it out. */
  readonly env?: string;
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
  { field: 'clientId', camel: 'clientId', snake: 'client_id', env: 'BLUEBUTTON_CLIENT_ID' },
  { field: 'clientSecret', camel: 'clientSecret', snake: 'client_secret', env: 'BLUEBUTTON_CLIENT_SECRET' },
  { field: 'callbackUrl', camel: 'callbackUrl', snake: 'callback_url', env: 'BLUEBUTTON_CALLBACK_URL' },
  { field: 'environment', camel: 'environment', env: 'BLUEBUTTON_ENVIRONMENT' },
  { field: 'baseUrl', camel: 'baseUrl', snake: 'base_url', env: 'BLUEBUTTON_BASE_URL' },
  { field: 'version', camel: 'version', env: 'BLUEBUTTON_VERSION' },
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

export function spellingsOf(spec: KeySpec): string[] {
  return spec.snake === undefined ? [spec.camel] : [spec.camel, spec.snake];
}

export function topLevelSpec(field: FieldKey): KeySpec | undefined {
  return TOP_LEVEL_KEYS.find((spec) => spec.field === field);
}

export type SourceKind = 'object' | 'file' | 'environment';

export const OBJECT_SOURCE = 'object';
export const ENVIRONMENT_SOURCE = 'environment';
/** The key named by errors about the source as a whole (an unreadable file, a parse error). */
export const CONFIG_KEY = 'config';

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Line and column of a key in a file, by its path as written (`['retry_settings', 'total']`). */
export type Locator = (path: readonly string[]) => Position | undefined;

export interface Located {
  readonly value: unknown;
  readonly where: ConfigProblemLocation;
}

export type Fields = Partial<Record<FieldKey, Located>>;

export function locationOf(key: string, source: string, position?: Position): ConfigProblemLocation {
  return position === undefined
    ? { key, source }
    : { key, source, line: position.line, column: position.column };
}

export function invalid(field: Located, message: string): ConfigError {
  return new ConfigError(message, field.where);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The type of a value, for messages that must not show the value itself (ids, secrets). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  if (type === 'undefined') return type;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/**
 * A value fit for a message: numbers and booleans, and short word-like strings (an environment name, a
 * version); anything longer could be a secret pasted into the wrong key, so only its type is shown.
 */
export function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string' && /^[\w.-]{0,16}$/.test(value)) return JSON.stringify(value);
  return kindOf(value);
}

export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/** Errors about these values name the variable (`BLUEBUTTON_VERSION`) and the source `environment`. */
export function readEnvironment(env: EnvironmentVariables): Fields {
  const fields: Fields = {};
  for (const { field, env: variable } of TOP_LEVEL_KEYS) {
    const value = variable === undefined ? undefined : env[variable];
    // `VAR=` is how shells and .env files unset a variable, so an empty value counts as absent.
    if (variable === undefined || value === undefined || value.trim() === '') continue;
    fields[field] = { value, where: { key: variable, source: ENVIRONMENT_SOURCE } };
  }
  return fields;
}

export interface Origin {
  readonly source: string;
  readonly kind: SourceKind;
  readonly locate?: Locator;
}

/** The settings of one object or file, keyed canonically, each with where it was written. */
export function normalizeKeys(data: unknown, origin: Origin): Fields {
  if (!isRecord(data)) {
    const expected = origin.kind === 'file' ? 'a mapping of settings at the top level' : 'an object';
    throw new ConfigError(`must be ${expected} (got ${kindOf(data)})`, {
      key: CONFIG_KEY,
      source: origin.source,
    });
  }
  const fields: Fields = {};
  collect(data, TOP_LEVEL_KEYS, [], origin, fields);
  return fields;
}

function collect(
  record: Record<string, unknown>,
  specs: readonly KeySpec[],
  parent: readonly string[],
  origin: Origin,
  fields: Fields,
): void {
  const spellingUsed = new Map<KeySpec, string>();
  for (const [name, value] of Object.entries(record)) {
    const path = [...parent, name];
    const where = locationOf(path.join('.'), origin.source, origin.locate?.(path));
    const spec = specs.find((candidate) => candidate.camel === name || candidate.snake === name);
    if (spec === undefined) throw unknownKey(name, specs, where);
    const earlier = spellingUsed.get(spec);
    if (earlier !== undefined) {
      throw new ConfigError(`set twice, as "${earlier}" and as "${name}"; keep one spelling`, where);
    }
    spellingUsed.set(spec, name);
    if (spec.objectOnly === true && origin.kind === 'file') {
      throw new ConfigError('can only be set in a config object passed in code, not in a file', where);
    }
    // null (an empty YAML value) counts as absent, so the environment or the default fills it.
    if (value === undefined || value === null) continue;
    fields[spec.field] = { value, where };
    if (spec.group !== undefined && !(spec.allowsFalse === true && value === false)) {
      if (!isRecord(value)) {
        const expected = spec.allowsFalse === true ? 'an object or false' : 'an object';
        throw new ConfigError(`must be ${expected} (got ${kindOf(value)})`, where);
      }
      collect(value, spec.group, path, origin, fields);
    }
  }
}

function unknownKey(name: string, specs: readonly KeySpec[], where: ConfigProblemLocation): ConfigError {
  const guess = closestMatch(name, specs.flatMap(spellingsOf));
  const hint =
    guess === undefined
      ? `known keys: ${specs.map((spec) => spec.camel).join(', ')}`
      : `did you mean "${guess}"?`;
  return new ConfigError(`unknown key; ${hint}`, where);
}

/** The checked value when the setting is present, else the default. */
export function optional<T>(field: Located | undefined, read: (field: Located) => T, fallback: T): T {
  return field === undefined ? fallback : read(field);
}
