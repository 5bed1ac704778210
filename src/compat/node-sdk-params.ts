/**
 * The official Node SDK passed `config.params` to axios untouched, so its users write strings:
 * `{ type: 'carrier,pde', _count: '10', startIndex: '10', 'service-date': 'ge2020-01-01' }`. The compat
 * methods accept that shape and turn it into the typed one (`type: ['carrier', 'pde']`, `_count: 10`,
 * `'service-date': ['ge2020-01-01']`), which serializeQuery then validates as strictly as the typed API:
 * an unknown name, a claim type that does not exist or an unprefixed date is still INVALID_PARAMS. The
 * typed client does not do this: there a string count does not compile.
 */
import type { ApiVersion, EndpointSpec, ParamSpec, ResourceType, SearchParams } from '../types.js';

/** What the Node SDK's callers pass for each typed parameter: the typed value, or its text. */
export type NodeSdkSearchParams<P> = { readonly [K in keyof P]?: P[K] | string };

/** Distributes over a union of versions (a config read from a file). */
export type CompatSearchParamsFor<V extends ApiVersion, R extends ResourceType> = V extends ApiVersion
  ? NodeSdkSearchParams<SearchParams<V, R>>
  : never;

const DIGITS = /^\s*\d+\s*$/;

function normalizeValue(spec: ParamSpec, value: unknown): unknown {
  if (spec.type === 'integer') return typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
  if (spec.style === 'comma') {
    if (typeof value === 'string') return value.split(',').map((v) => v.trim());
    if (Array.isArray(value)) {
      return value.flatMap((v: unknown) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()) : [v]));
    }
    return value;
  }
  if (spec.style === 'repeat') return typeof value === 'string' ? [value] : value;
  return typeof value === 'number' ? String(value) : value;
}

/** Node SDK params -> typed params; anything it cannot read is left for serializeQuery to report. */
export function fromNodeSdkParams(endpoint: EndpointSpec, params: unknown): unknown {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return params;
  // fromEntries defines own properties, so a `__proto__` key stays a key (and is reported as unknown).
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const spec = Object.hasOwn(endpoint.query, name) ? endpoint.query[name] : undefined;
      return [name, spec ? normalizeValue(spec, value) : value];
    }),
  );
}
