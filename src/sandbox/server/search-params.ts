/**
 * Search-parameter validation as BB2 does it (bb2-api 3.2), driven by the parameter specs in
 * `ENDPOINTS[..].query`: unknown parameters are dropped (v3 `Prefer: handling=strict` refuses them),
 * integers get voluptuous-style messages, prefixed dates and claim types get BB2's own messages, and
 * parameters BB2 forwards unchecked (v3 `_tag`, `_source`) fail the way the backend would.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { CLAIM_TYPE_TOKENS, CLAIM_TYPES, type ClaimType, CODE_SYSTEMS, type ParamSpec } from '../../types.js';
import { type DateBound, parseDateBound } from './date-filter.js';
import { endpointSpec } from './endpoint-specs.js';
import { headerValue } from './request-io.js';
import { detailError, jsonResponse, type SandboxResponse, upstreamBadRequest } from './responses.js';

export interface SearchRequest {
  readonly count: number;
  /** v1/v2 `startIndex`; v3 `_offset`, else `startIndex`. */
  readonly offset: number;
  readonly lastUpdated: readonly DateBound[];
  readonly serviceDate: readonly DateBound[];
  /** undefined: every claim type. */
  readonly types: ReadonlySet<ClaimType> | undefined;
  /** Accepted parameters to repeat in page links, in request order (paging and patient params excluded). */
  readonly kept: readonly (readonly [string, string])[];
  /** Last values of the identity parameters (`patient`, `beneficiary`, `_id`, `identifier`). */
  readonly identity: ReadonlyMap<string, string>;
}

const PAGING = new Set(['_count', 'count', 'startIndex', '_offset']);
const IDENTITY = new Set(['patient', 'beneficiary', '_id', 'identifier']);
/** Exempt from strict mode (BB2 `generic.py`). */
const STRICT_EXEMPT = new Set(['count', '_format']);
const TYPE_TOKENS: ReadonlySet<string> = new Set(CLAIM_TYPE_TOKENS.map((t) => t.toLowerCase()));
const OFFSET_SPEC: ParamSpec = { style: 'single', type: 'integer', minimum: 0 };
const EOB_TYPE_PREFIX = `${CODE_SYSTEMS.eobType}|`.toLowerCase();

export function parseSearch(
  version: number,
  routeKey: string,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): SearchRequest | SandboxResponse {
  const spec = withOffset(version, endpointSpec(version, routeKey)?.query ?? {});
  const names = [...new Set(query.keys())];
  const unknown = names.filter((n) => spec[n] === undefined && !STRICT_EXEMPT.has(n));
  if (version === 3 && unknown.length > 0 && isStrict(headers)) {
    return jsonResponse(400, { error: `Invalid parameters: [${unknown.map((n) => `'${n}'`).join(', ')}]` });
  }
  const errors = names
    .filter((n) => spec[n] !== undefined)
    .map((n) => checkParam(version, n, query, spec[n]));
  const error = errors.find((e) => e !== undefined);
  if (error !== undefined) return error;
  const countName = query.has('_count') ? '_count' : query.has('count') ? 'count' : undefined;
  const countError =
    countName === undefined ? undefined : checkInteger(countName, last(query, countName), 0, 50);
  if (countError !== undefined) return countError;
  return {
    count: countName === undefined ? 10 : toInt(last(query, countName)),
    offset: toInt(
      query.has('_offset') && version === 3 ? last(query, '_offset') : (last(query, 'startIndex') ?? '0'),
    ),
    lastUpdated: query.getAll('_lastUpdated').flatMap(toBound),
    serviceDate: query.getAll('service-date').flatMap(toBound),
    types:
      version === 3
        ? restrictToSources(claimTypes(last(query, 'type')), query)
        : claimTypes(last(query, 'type')),
    kept: keptParams(query, spec),
    identity: new Map(names.filter((n) => IDENTITY.has(n) && spec[n]).map((n) => [n, last(query, n) ?? ''])),
  };
}

/** v3 pages by `_offset` on every search, or following a Coverage `next` link would loop on page one. */
function withOffset(
  version: number,
  spec: Readonly<Record<string, ParamSpec>>,
): Readonly<Record<string, ParamSpec>> {
  return version === 3 && spec._offset === undefined ? { ...spec, _offset: OFFSET_SPEC } : spec;
}

function isStrict(headers: IncomingHttpHeaders): boolean {
  return /(^|[\s,;])handling\s*=\s*strict\b/i.test(headerValue(headers, 'prefer') ?? '');
}

function checkParam(
  version: number,
  name: string,
  query: URLSearchParams,
  spec: ParamSpec | undefined,
): SandboxResponse | undefined {
  if (spec === undefined) return undefined;
  const values = spec.style === 'repeat' ? query.getAll(name) : [last(query, name) ?? ''];
  if (spec.type === 'integer') return checkInteger(name, values[0], spec.minimum, spec.maximum);
  if (name === 'type') return checkTypes(values[0] ?? '');
  if (name === '_lastUpdated' || name === 'service-date') {
    const valid = values.every((v) => matches(spec.pattern, v) && parseDateBound(v) !== undefined);
    return valid ? undefined : detailError(400, `the ${name} operator is not valid`);
  }
  return checkForwarded(version, name, values, spec);
}

/** Parameters BB2 passes to the backend unchecked: a bad value is the backend's 400. */
function checkForwarded(
  version: number,
  name: string,
  values: readonly string[],
  spec: ParamSpec,
): SandboxResponse | undefined {
  for (const value of values) {
    const parts = spec.enum !== undefined ? value.split(',').map((p) => p.trim()) : [value];
    const bad = parts.find(
      (p) => !matches(spec.pattern, p) || (spec.enum !== undefined && !spec.enum.includes(p)),
    );
    if (bad !== undefined) return upstreamBadRequest(version, `Invalid value for parameter ${name}: ${bad}`);
  }
  return undefined;
}

function matches(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || new RegExp(pattern).test(value);
}

/** voluptuous `Coerce(int)` + `Range` messages, as BB2 turns them into `{detail}`. */
function checkInteger(
  name: string,
  value: string | undefined,
  min: number | undefined,
  max: number | undefined,
): SandboxResponse | undefined {
  const where = `for dictionary value @ data['${name}']`;
  if (value === undefined || !/^\s*[+-]?\d+\s*$/.test(value))
    return detailError(400, `expected int ${where}`);
  const n = toInt(value);
  if (max !== undefined && n > max) return detailError(400, `value must be at most ${max} ${where}`);
  if (min !== undefined && n < min) return detailError(400, `value must be at least ${min} ${where}`);
  return undefined;
}

/** Comma list, whitespace allowed, case-insensitive, optional eob-type system prefix. */
function checkTypes(value: string): SandboxResponse | undefined {
  const tokens = value.split(',').map((t) => t.trim().toLowerCase());
  return tokens.every((t) => TYPE_TOKENS.has(t))
    ? undefined
    : detailError(400, 'the type parameter value is not valid');
}

function claimTypes(value: string | undefined): ReadonlySet<ClaimType> | undefined {
  if (value === undefined) return undefined;
  const types = new Set<ClaimType>();
  for (const raw of value.split(',')) {
    const token = raw.trim().toLowerCase();
    // The bare system (`...eob-type|`) means every type.
    if (token === EOB_TYPE_PREFIX) return undefined;
    const bare = token.startsWith(EOB_TYPE_PREFIX) ? token.slice(EOB_TYPE_PREFIX.length) : token;
    const type = CLAIM_TYPES.find((t) => t === bare);
    if (type !== undefined) types.add(type);
  }
  return types;
}

/**
 * v3 `_source` (comma list) and `_tag=<System-Type>|<code>` select by the system a claim comes from:
 * NCH holds the Part A/B/DME claims, DDPS the Part D events; Shared Systems and EDPS hold none of the
 * sandbox's claims. Tags of other systems (adjudication status) keep every claim: all are adjudicated.
 */
function restrictToSources(
  types: ReadonlySet<ClaimType> | undefined,
  query: URLSearchParams,
): ReadonlySet<ClaimType> | undefined {
  const wanted: string[][] = [];
  const source = last(query, '_source');
  if (source !== undefined) wanted.push(source.split(',').map((s) => s.trim()));
  const systemTag = `${CODE_SYSTEMS.v3SystemType}|`;
  for (const tag of query.getAll('_tag'))
    if (tag.startsWith(systemTag)) wanted.push([tag.slice(systemTag.length)]);
  let result = types;
  for (const codes of wanted) {
    const allowed = new Set<ClaimType>();
    for (const code of codes) for (const t of SOURCE_TYPES[code] ?? []) allowed.add(t);
    result = new Set([...(result ?? CLAIM_TYPES)].filter((t) => allowed.has(t)));
  }
  return result;
}

const NCH_TYPES = CLAIM_TYPES.filter((t) => t !== 'pde');
const SOURCE_TYPES: Readonly<Record<string, readonly ClaimType[]>> = {
  NCH: NCH_TYPES,
  NationalClaimsHistory: NCH_TYPES,
  DDPS: ['pde'],
};

function keptParams(query: URLSearchParams, spec: Readonly<Record<string, ParamSpec>>): [string, string][] {
  const kept: [string, string][] = [];
  for (const name of new Set(query.keys())) {
    const param = spec[name];
    if (param === undefined || PAGING.has(name) || IDENTITY.has(name)) continue;
    const values = param.style === 'repeat' ? query.getAll(name) : [last(query, name) ?? ''];
    for (const value of values) kept.push([name, value]);
  }
  return kept;
}

function toBound(value: string): DateBound[] {
  const parsed = parseDateBound(value);
  return parsed === undefined ? [] : [parsed];
}

function last(query: URLSearchParams, name: string): string | undefined {
  return query.getAll(name).at(-1);
}

function toInt(value: string | undefined): number {
  return Number.parseInt((value ?? '0').trim(), 10);
}
