/**
 * From merged, located settings to the frozen `ResolvedConfig`: every value checked, defaults applied.
 * Messages describe what is expected and show a value only when it is harmless (see `shown`); a client id
 * or secret in the wrong place is named by type alone. Retry defaults are the official SDKs'.
 */
import { ConfigError } from '../errors/config-error.js';
import {
  type FieldKey,
  type Fields,
  invalid,
  kindOf,
  type Located,
  optional,
  type SourceKind,
  shown,
  topLevelSpec,
} from './fields.js';
import { createSecret } from './secret.js';
import {
  type CircuitBreakerSettings,
  ENVIRONMENT_URLS,
  type Environment,
  type ResolvedConfig,
  type RetrySettings,
} from './types.js';
import { resolveFetch, resolveHooks, resolveNow, resolveTokenStore } from './validate-injected.js';

/** The main source: what `ResolvedConfig.source` reports and where a missing setting should go. */
export interface PrimarySource {
  readonly source: string;
  readonly kind: SourceKind;
}

export function validateConfig(fields: Fields, primary: PrimarySource): ResolvedConfig {
  const environment = resolveEnvironment(fields.environment);
  const config: ResolvedConfig = {
    clientId: stringValue(required(fields, 'clientId', primary)),
    clientSecret: createSecret(stringValue(required(fields, 'clientSecret', primary))),
    callbackUrl: resolveCallbackUrl(required(fields, 'callbackUrl', primary)),
    environment,
    baseUrl: resolveBaseUrl(fields.baseUrl, environment),
    version: resolveVersion(fields.version),
    retry: resolveRetry(fields),
    tokenRefreshOnExpire: optional(fields.tokenRefreshOnExpire, booleanValue, true),
    ...resolveTimeLimits(fields),
    circuitBreaker: resolveCircuitBreaker(fields),
    fetch: resolveFetch(fields.fetch, primary.source),
    hooks: resolveHooks(fields.hooks),
    tokenStore: resolveTokenStore(fields.tokenStore),
    now: resolveNow(fields.now),
    source: primary.source,
  };
  return Object.freeze(config);
}

const ENVIRONMENTS = Object.freeze(Object.keys(ENVIRONMENT_URLS)) as readonly Environment[];

function isEnvironment(name: string): name is Environment {
  return (ENVIRONMENTS as readonly string[]).includes(name);
}

/** Case-insensitive, as the official SDKs' files are written both ways. */
function resolveEnvironment(field: Located | undefined): Environment {
  if (field === undefined) return 'SANDBOX';
  const name = typeof field.value === 'string' ? field.value.trim().toUpperCase() : '';
  if (isEnvironment(name)) return name;
  throw invalid(field, `unknown environment ${shown(field.value)}; use one of ${ENVIRONMENTS.join(', ')}`);
}

function resolveVersion(field: Located | undefined): 1 | 2 | 3 {
  if (field === undefined) return 2;
  const { value } = field;
  if (value === 1 || value === '1') return 1;
  if (value === 2 || value === '2') return 2;
  if (value === 3 || value === '3') return 3;
  throw invalid(field, `must be 1, 2 or 3 (got ${shown(value)})`);
}

function required(fields: Fields, key: FieldKey, primary: PrimarySource): Located {
  const field = fields[key];
  if (field !== undefined) return field;
  throw new ConfigError(`missing; ${whereToSet(key, primary)}`, { key, source: primary.source });
}

function whereToSet(key: FieldKey, primary: PrimarySource): string {
  const spec = topLevelSpec(key);
  const variable = spec?.env ?? '';
  if (primary.kind === 'environment') {
    return (
      `set the environment variable ${variable}, or pass a config object or file path ` +
      '(no .bluebutton-config.json, .yaml or .yml was found in the working directory)'
    );
  }
  const names = spec?.snake === undefined ? `"${key}"` : `"${key}" (or "${spec.snake}")`;
  // An object is taken as given: the environment fills only files and the no-argument form.
  if (primary.kind === 'object') return `set ${names} in the config object`;
  return `set ${names} in the config ${primary.kind}, or the environment variable ${variable}`;
}

/** Hosts where plain http cannot be intercepted on the network. */
const LOOPBACK_HOSTS: readonly string[] = Object.freeze(['localhost', '127.0.0.1', '[::1]']);

function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Kept exactly as written: BB2 compares `redirect_uri` with the registered URL character by character. */
function resolveCallbackUrl(field: Located): string {
  const text = stringValue(field);
  const url = parseHttpUrl(text);
  if (url === undefined) throw invalid(field, 'must be an absolute http:// or https:// URL');
  // OAuth 2.0 (RFC 6749 section 3.1.2) forbids a fragment in a redirect URI.
  if (url.href.includes('#')) throw invalid(field, 'must not contain a fragment (#...)');
  return text;
}

/**
 * An origin, optionally with a path prefix for a proxy (`https://proxy.example.org/bb2`), stored without a
 * trailing slash: the SDK appends `/v2/fhir/...` itself.
 */
function resolveBaseUrl(field: Located | undefined, environment: Environment): string {
  if (field === undefined) return ENVIRONMENT_URLS[environment];
  const url = parseHttpUrl(stringValue(field));
  if (url === undefined) {
    throw invalid(
      field,
      'must be an absolute http:// or https:// URL, e.g. https://sandbox.bluebutton.cms.gov',
    );
  }
  // Credentials in a URL end up in logs and error messages.
  if (url.username !== '' || url.password !== '')
    throw invalid(field, 'must not contain a user name or password');
  if (url.href.includes('?') || url.href.includes('#')) {
    throw invalid(field, 'must be an origin, optionally with a path prefix, without a query or fragment');
  }
  const prefix = url.pathname.replace(/\/+$/, '');
  if (/\/(v[123]|fhir|o|connect)(\/|$)/i.test(prefix)) {
    throw invalid(
      field,
      'must not include the API path (/v1, /v2, /v3, /fhir, /o, /connect): the SDK appends it; give the origin or a proxy prefix',
    );
  }
  if (url.protocol === 'http:' && environment !== 'LOCAL' && !LOOPBACK_HOSTS.includes(url.hostname)) {
    throw invalid(
      field,
      `must use https:// (http:// is only allowed with environment LOCAL or a loopback host: ${LOOPBACK_HOSTS.join(', ')})`,
    );
  }
  return `${url.origin}${prefix}`;
}

const DEFAULT_STATUS_FORCELIST: readonly number[] = Object.freeze([500, 502, 503, 504]);

function resolveRetry(fields: Fields): Readonly<Required<RetrySettings>> {
  return Object.freeze({
    total: optional(fields['retrySettings.total'], (f) => numberValue(f, { min: 0, integer: true }), 3),
    backoffFactor: optional(fields['retrySettings.backoffFactor'], (f) => numberValue(f, { min: 0 }), 5),
    statusForcelist: optional(fields['retrySettings.statusForcelist'], statusList, DEFAULT_STATUS_FORCELIST),
    maxDelayMs: optional(
      fields['retrySettings.maxDelayMs'],
      (f) => numberValue(f, { min: 0, max: MAX_TIMER_MS }),
      60_000,
    ),
    jitter: optional(fields['retrySettings.jitter'], booleanValue, false),
  });
}

function statusList(field: Located): readonly number[] {
  const { value } = field;
  if (!Array.isArray(value)) {
    throw invalid(
      field,
      `must be a list of HTTP status codes, e.g. [500, 502, 503, 504] (got ${shown(value)})`,
    );
  }
  const list: unknown[] = value;
  const index = list.findIndex((item) => !Number.isInteger(item) || Number(item) < 100 || Number(item) > 599);
  if (index !== -1) {
    throw invalid(
      field,
      `must hold HTTP status codes (integers 100-599); item ${index} is ${shown(list[index])}`,
    );
  }
  return Object.freeze(list.map(Number));
}

function resolveCircuitBreaker(fields: Fields): Readonly<Required<CircuitBreakerSettings>> | false {
  if (fields.circuitBreaker?.value === false) return false;
  return Object.freeze({
    threshold: optional(
      fields['circuitBreaker.threshold'],
      (f) => numberValue(f, { min: 1, integer: true }),
      5,
    ),
    halfOpenAfterMs: optional(
      fields['circuitBreaker.halfOpenAfterMs'],
      (f) => numberValue(f, { min: 0, max: MAX_TIMER_MS }),
      30_000,
    ),
  });
}

interface TimeLimits {
  readonly refreshSkewMs: number;
  readonly timeoutMs: number;
  readonly deadlineMs: number | undefined;
}

function resolveTimeLimits(fields: Fields): TimeLimits {
  const positiveTimer = (f: Located): number =>
    numberValue(f, { min: 0, exclusive: true, max: MAX_TIMER_MS });
  return {
    refreshSkewMs: optional(fields.refreshSkewMs, (f) => numberValue(f, { min: 0 }), 60_000),
    timeoutMs: optional(fields.timeoutMs, positiveTimer, 30_000),
    deadlineMs: optional<number | undefined>(fields.deadlineMs, positiveTimer, undefined),
  };
}

/** setTimeout's limit: larger delays overflow and fire after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

interface NumberRule {
  readonly min: number;
  /** `> min` instead of `>= min`. */
  readonly exclusive?: boolean;
  readonly integer?: boolean;
  readonly max?: number;
}

function numberValue(field: Located, rule: NumberRule): number {
  const { value } = field;
  if (typeof value === 'number' && Number.isFinite(value) && fits(value, rule)) return value;
  const kind = rule.integer === true ? 'an integer' : 'a number';
  const lower = `${rule.exclusive === true ? '>' : '>='} ${rule.min}`;
  const upper = rule.max === undefined ? '' : ` and <= ${rule.max}`;
  throw invalid(field, `must be ${kind} ${lower}${upper} (got ${shown(value)})`);
}

function fits(value: number, rule: NumberRule): boolean {
  if (rule.integer === true && !Number.isInteger(value)) return false;
  if (rule.exclusive === true ? value <= rule.min : value < rule.min) return false;
  return rule.max === undefined || value <= rule.max;
}

function stringValue(field: Located): string {
  const { value } = field;
  if (typeof value === 'string' && value.trim() !== '') return value;
  // A YAML value such as `client_id: 12345` is a number unless quoted.
  const hint = typeof value === 'number' ? '; quote it' : '';
  throw invalid(
    field,
    `must be a non-empty string (got ${typeof value === 'string' ? 'an empty string' : kindOf(value)}${hint})`,
  );
}

function booleanValue(field: Located): boolean {
  if (typeof field.value === 'boolean') return field.value;
  throw invalid(field, `must be true or false (got ${shown(field.value)})`);
}
