/**
 * From merged, located settings to the frozen `ResolvedConfig`: every value checked, defaults applied.
 */
import { ConfigError } from '../errors/config-error.js';
import { booleanValue, optional, stringValue } from './checks.js';
import { envVariableFor, type FieldKey, topLevelSpec } from './config-keys.js';
import { type Fields, invalid, type Located, type SourceKind, shown } from './fields.js';
import { createSecret } from './secret.js';
import { ENVIRONMENT_URLS, type Environment, type ResolvedConfig } from './types.js';
import { resolveFetch, resolveHooks, resolveNow, resolveTokenStore } from './validate-injected.js';
import { resolveCircuitBreaker, resolveRetry, resolveTimeLimits } from './validate-resilience.js';
import { resolveBaseUrl, resolveCallbackUrl } from './validate-urls.js';

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
  const variable = envVariableFor(key) ?? '';
  if (primary.kind === 'environment') {
    return (
      `set the environment variable ${variable}, or pass a config object or file path ` +
      '(no .bluebutton-config.json, .yaml or .yml was found in the working directory)'
    );
  }
  const spec = topLevelSpec(key);
  const names = spec?.snake === undefined ? `"${key}"` : `"${key}" (or "${spec.snake}")`;
  // An object is taken as given: the environment fills only files and the no-argument form.
  if (primary.kind === 'object') return `set ${names} in the config object`;
  return `set ${names} in the config ${primary.kind}, or the environment variable ${variable}`;
}
