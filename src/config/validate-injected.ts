/**
 * Options only a config object can carry: transport, hooks, token store, clock. They are checked for
 * shape (functions where functions belong) and kept as given, so methods keep their `this`.
 */
import type { TokenStore } from '../auth/token-store.js';
import { ConfigError } from '../errors/config-error.js';
import type { Hooks } from '../hooks.js';
import { invalid, isRecord, kindOf, type Located, optional } from './fields.js';
import { closestMatch } from './suggest.js';

const HOOK_NAMES: readonly string[] = Object.freeze([
  'onRequest',
  'onResponse',
  'onRetry',
  'onCircuitOpen',
  'onPageWalk',
  'onTokenRefresh',
]);

const TOKEN_STORE_METHODS: readonly string[] = Object.freeze(['get', 'compareAndSet']);

export function resolveFetch(field: Located | undefined, source: string): typeof globalThis.fetch {
  if (field !== undefined) return functionValue(field) as typeof globalThis.fetch;
  // Read at load time, not import time, so a fetch installed by a test or polyfill is picked up.
  const fetch: unknown = globalThis.fetch;
  if (typeof fetch === 'function') return fetch as typeof globalThis.fetch;
  throw new ConfigError('this runtime has no global fetch; pass one as `fetch`', { key: 'fetch', source });
}

export function resolveNow(field: Located | undefined): () => number {
  return optional(field, (f) => functionValue(f) as () => number, Date.now);
}

export function resolveHooks(field: Located | undefined): Hooks {
  if (field === undefined) return Object.freeze({});
  const hooks = requireObject(field, 'an object of hook functions');
  // Only plain objects are checked for stray keys: a class instance may hold its own state beside the hooks.
  if (Object.getPrototypeOf(hooks) === Object.prototype || Object.getPrototypeOf(hooks) === null) {
    const unknown = Object.keys(hooks).find((name) => !HOOK_NAMES.includes(name));
    if (unknown !== undefined) {
      const guess = closestMatch(unknown, HOOK_NAMES);
      const hint = guess === undefined ? `known hooks: ${HOOK_NAMES.join(', ')}` : `did you mean "${guess}"?`;
      throw new ConfigError(`unknown hook; ${hint}`, member(field, unknown));
    }
  }
  requireMethods(field, hooks, HOOK_NAMES, true);
  return hooks as Hooks;
}

export function resolveTokenStore(field: Located | undefined): TokenStore | undefined {
  if (field === undefined) return undefined;
  const store = requireObject(field, 'a TokenStore (an object with get and compareAndSet)');
  requireMethods(field, store, TOKEN_STORE_METHODS, false);
  return store as unknown as TokenStore;
}

function requireObject(field: Located, expected: string): object {
  if (isRecord(field.value)) return field.value;
  throw invalid(field, `must be ${expected} (got ${kindOf(field.value)})`);
}

/** Looks the methods up through the prototype chain, so class instances work. */
function requireMethods(
  field: Located,
  target: object,
  names: readonly string[],
  optionalMethods: boolean,
): void {
  for (const name of names) {
    const method: unknown = Reflect.get(target, name);
    if (typeof method === 'function' || (optionalMethods && method === undefined)) continue;
    throw new ConfigError(`must be a function (got ${kindOf(method)})`, member(field, name));
  }
}

function member(field: Located, name: string): Located['where'] {
  return { ...field.where, key: `${field.where.key}.${name}` };
}

function functionValue(field: Located): (...args: never[]) => unknown {
  if (typeof field.value === 'function') return field.value as (...args: never[]) => unknown;
  throw invalid(field, `must be a function (got ${kindOf(field.value)})`);
}
