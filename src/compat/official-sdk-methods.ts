/**
 * The official Node SDK's data methods (`cms-bluebutton-sdk` 1.0.13), with its names and `{ token, response }`
 * / `{ token, pages }` results, typed. What changes, on purpose: failures throw typed errors instead of
 * coming back as a response (4xx/5xx) or `undefined` (network errors), and `getPages` threads the latest
 * token through every page (the official SDKs reuse the first one, so a mid-walk refresh ends in
 * `invalid_grant`).
 */
import type { AuthorizationToken } from '../auth/authorization-token.js';
import {
  buildUrl,
  type ClientContext,
  endpointOf,
  type FhirResult,
  getJson,
  type RequestOptions,
} from '../client/request.js';
import { InvalidParamsError } from '../errors/request-errors.js';
import { findLink, rebaseTrusted, searchOfNextLink } from '../pagination/next-link.js';
import { pagesAfter } from '../pagination/paginate.js';
import type {
  ApiVersion,
  InsuranceCardBundle,
  ResourceType,
  SearchBundle,
  SearchParams,
  UserInfo,
} from '../types.js';
import { fromNodeSdkParams } from './node-sdk-params.js';

/** The Node SDK's `axiosConfig`, reduced to what applies: query params, headers, a signal. */
export interface CompatRequestConfig<P = Record<string, unknown>> {
  readonly params?: P;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface CompatResponse<T> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly data: T;
}

export interface CompatResult<T> {
  /** The latest token (refreshed if it had expired): keep this one. */
  readonly token: AuthorizationToken;
  readonly response: CompatResponse<T>;
}

/** Distributes over a union of versions (a config read from a file). */
export type SearchDataFor<V extends ApiVersion, R extends ResourceType> = V extends ApiVersion
  ? SearchBundle<V, R>
  : never;
export type SearchParamsFor<V extends ApiVersion, R extends ResourceType> = V extends ApiVersion
  ? SearchParams<V, R>
  : never;
export type UserInfoFor<V extends ApiVersion> = V extends ApiVersion ? UserInfo<V> : never;

export interface CompatContext {
  readonly version: ApiVersion;
  readonly baseUrl: string;
  readonly origin: string;
  /**
   * A client context whose token manager starts from `token` (this SDK's token or the Node SDK's).
   * @throws {InvalidParamsError} INVALID_PARAMS when it is not a token
   */
  contextFor(token: unknown): ClientContext;
}

function toResult<T>(ctx: ClientContext, r: FhirResult): CompatResult<T> {
  return {
    token: ctx.tokens.token,
    response: { status: r.status, headers: Object.fromEntries(r.headers), data: r.data as T },
  };
}

function options(config?: CompatRequestConfig<unknown>): RequestOptions {
  return {
    ...(config?.headers ? { headers: config.headers } : {}),
    ...(config?.signal ? { signal: config.signal } : {}),
  };
}

/** The Node SDK's params (strings included) are normalised, then validated as strictly as the typed API. */
export async function searchData<T>(
  c: CompatContext,
  resource: ResourceType,
  token: unknown,
  config?: CompatRequestConfig<unknown>,
): Promise<CompatResult<T>> {
  const ctx = c.contextFor(token);
  const path = `/v${c.version}/fhir/${resource}/`;
  const params = fromNodeSdkParams(endpointOf(c.version, path), config?.params);
  const url = buildUrl(ctx, c.version, path, undefined, params);
  return toResult<T>(ctx, await getJson(ctx, c.version, url, 'Bundle', options(config)));
}

export async function profileData<T>(
  c: CompatContext,
  token: unknown,
  config?: CompatRequestConfig<unknown>,
) {
  const ctx = c.contextFor(token);
  const url = buildUrl(ctx, c.version, `/v${c.version}/connect/userinfo`);
  return toResult<T>(ctx, await getJson(ctx, c.version, url, undefined, options(config)));
}

/** Always v3, as in the Node SDK; needs a v3 token (VERSION_MISMATCH otherwise). */
export async function insuranceCardData(
  c: CompatContext,
  token: unknown,
  config?: CompatRequestConfig<unknown>,
) {
  const ctx = c.contextFor(token);
  const url = buildUrl(ctx, 3, '/v3/fhir/Patient/$generate-insurance-card');
  return toResult<InsuranceCardBundle>(ctx, await getJson(ctx, 3, url, 'Bundle', options(config)));
}

/** The Node SDK's `getCustomData(path)`: a URL, or a path; anything else is refused before sending. */
function customUrl(c: CompatContext, path: unknown): URL {
  const where = 'getCustomData(path)';
  if (typeof path !== 'string' || path === '') {
    throw new InvalidParamsError(where, [
      `path must be a non-empty string (a path under /v${c.version}/ or a URL under the base URL), got ${typeof path}`,
    ]);
  }
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(path);
  try {
    return new URL(absolute ? path : `${c.baseUrl}/v${c.version}/${path.replace(/^\/+/, '')}`);
  } catch {
    // The text is not echoed: a path can carry a patient id.
    throw new InvalidParamsError(where, [`path is not a valid URL (${path.length} characters)`]);
  }
}

/**
 * GET an absolute URL under the base URL, or a path relative to `<baseUrl>/v<version>/` (the Node SDK's
 * rule). An absolute URL elsewhere is refused: the token only goes to the configured API.
 * @throws {InvalidParamsError} INVALID_PARAMS for a path that is not a string or not a URL, or params
 *   that are not an object of strings and numbers; nothing is sent
 */
export async function customData(
  c: CompatContext,
  path: unknown,
  token: unknown,
  config?: CompatRequestConfig<Readonly<Record<string, string | number>>>,
): Promise<CompatResult<unknown>> {
  const given = customUrl(c, path);
  const version = Number(/^\/v([123])\//.exec(given.pathname)?.[1] ?? c.version) as ApiVersion;
  // v3 links name BFD's internal host: re-issue them on the base URL, as pages() does (the Node SDK cannot).
  const url = rebaseTrusted(given, c, version);
  const params: unknown = config?.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new InvalidParamsError('getCustomData(config.params)', ['params must be an object']);
  }
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new InvalidParamsError('getCustomData(config.params)', [
        `${k} must be a string or a number, got ${typeof v}`,
      ]);
    }
    url.searchParams.append(k, String(v));
  }
  const ctx = c.contextFor(token);
  return toResult(ctx, await getJson(ctx, version, url.toString(), undefined, options(config)));
}

/** Every page from `bundle` on (`bundle` first, as the Node SDK), each fetched with the latest token. */
export async function allPages<B>(c: CompatContext, bundle: B, token: unknown) {
  const ctx = c.contextFor(token);
  const pages: B[] = [bundle];
  const target = searchOfNextLink(bundle, c.baseUrl);
  if (target) for await (const page of pagesAfter(ctx, target, bundle as object)) pages.push(page as B);
  return { token: ctx.tokens.token, pages };
}

/** The Node SDK's rule: only a searchset Bundle has navigation links; anything else gives null. */
export function pageNavUrl(bundle: unknown, relation: string): string | null {
  if (typeof bundle !== 'object' || bundle === null) return null;
  const b = bundle as { resourceType?: unknown; type?: unknown };
  if (b.resourceType !== 'Bundle' || b.type !== 'searchset') return null;
  return findLink(bundle, relation as 'next');
}
