/**
 * One FHIR (or userinfo) GET, in named stages: build the URL from the spec, authorize with the latest
 * token (refreshing first if it is about to expire, and once more after a 401), send through the
 * resilience transport, then parse into data or a typed error.
 */
import type { TokenManager } from '../auth/token-manager.js';
import { redactUrl } from '../errors/redact.js';
import { InvalidParamsError, VersionMismatchError } from '../errors/request-errors.js';
import type { RawResponse, Transport } from '../resilience/transport.js';
import { type ApiVersion, ENDPOINTS, type EndpointSpec } from '../types.js';
import { expectResource, parseJson, toHttpError } from './parse-response.js';
import { SDK_HEADERS } from './sdk-headers.js';
import { serializeQuery } from './serialize-query.js';

/** Accepted by every data call. */
export interface RequestOptions {
  /** Aborts the call, including a backoff wait, at once; the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Per attempt; default the configured `timeoutMs`. */
  readonly timeoutMs?: number;
  /** Overall, retries and waits included; default the configured `deadlineMs`. */
  readonly deadlineMs?: number;
  /** Extra request headers (e.g. `Prefer: handling=strict` on v3). Cannot replace Authorization. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ClientContext {
  readonly baseUrl: string;
  readonly origin: string;
  readonly transport: Transport;
  readonly tokens: TokenManager;
  readonly now: () => number;
}

export interface FhirResult {
  readonly data: unknown;
  readonly status: number;
  readonly headers: Headers;
}

/** FHIR logical ids (FHIR R4 2.24.0.1 `id`): also keeps `$operations` and `../` out of read paths. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function endpointOf(version: ApiVersion, path: string): EndpointSpec {
  const table: Readonly<Record<string, EndpointSpec>> = ENDPOINTS[`v${version}`];
  const ep = table[`GET ${path}`];
  if (!ep) throw new InvalidParamsError(path, [`v${version} has no GET ${path}`]);
  return ep;
}

/** Builds the URL of `GET path` with its path id and spec-serialized query. */
export function buildUrl(
  ctx: ClientContext,
  version: ApiVersion,
  path: string,
  id?: string,
  query?: unknown,
): string {
  const endpoint = endpointOf(version, path);
  let p = path;
  if (path.includes('{resource_id}')) {
    if (typeof id !== 'string' || !FHIR_ID.test(id)) {
      // The rejected value is not echoed: it may be a patient id or worse.
      const got = typeof id === 'string' ? `${id.length} characters` : typeof id;
      throw new InvalidParamsError(path, [
        `resource id must be 1-64 characters of [A-Za-z0-9-.], got ${got}`,
      ]);
    }
    p = path.replace('{resource_id}', id);
  }
  const qs = serializeQuery(endpoint, query);
  return `${ctx.baseUrl}${p}${qs ? `?${qs}` : ''}`;
}

function checkVersion(tokenVersion: ApiVersion, version: ApiVersion): void {
  // v1 and v2 share patient ids and tokens; v3 has its own (bb2-api 1.2).
  if ((tokenVersion === 3) !== (version === 3)) throw new VersionMismatchError(tokenVersion, version);
}

/** Sends a GET with the current token; after a 401, refreshes once and replays once (never a loop). */
export async function sendAuthorized(
  ctx: ClientContext,
  version: ApiVersion,
  url: string,
  options: RequestOptions = {},
): Promise<RawResponse> {
  checkVersion(ctx.tokens.token.version, version);
  const redactedUrl = () => redactUrl(url);
  const call = (accessToken: string) =>
    ctx.transport.call(
      {
        method: 'GET',
        url,
        headers: {
          ...options.headers,
          ...SDK_HEADERS,
          // BB2's userinfo renders plain JSON only and answers `application/fhir+json` with 406 (bb2-api 9).
          Accept: /\/connect\/userinfo\/?(\?|$)/.test(url) ? 'application/json' : 'application/fhir+json',
          'Accept-Encoding': 'gzip',
          Authorization: `Bearer ${accessToken}`,
        },
      },
      {
        idempotent: true,
        redactedUrl,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
        deadlineMs: options.deadlineMs,
      },
    );
  const token = await ctx.tokens.current();
  const raw = await call(token.accessToken);
  if (raw.status !== 401) return raw;
  const fresh = await ctx.tokens.afterUnauthorized(token);
  return fresh ? call(fresh.accessToken) : raw;
}

/** Sends, then returns the parsed body checked against `expect` (a resourceType), or throws HTTP_ERROR. */
export async function getJson(
  ctx: ClientContext,
  version: ApiVersion,
  url: string,
  expect: string | undefined,
  options?: RequestOptions,
): Promise<FhirResult> {
  const raw = await sendAuthorized(ctx, version, url, options);
  if (raw.status < 200 || raw.status > 299) throw toHttpError(raw, ctx.now());
  const data = parseJson(raw);
  expectResource(data, expect, raw);
  return { data, status: raw.status, headers: raw.headers };
}

/** A GET that needs no token (metadata, discovery): the token is not sent where it is not needed. */
export async function getPublicJson(
  ctx: ClientContext,
  url: string,
  expect: string | undefined,
  options: RequestOptions = {},
): Promise<FhirResult> {
  const raw = await ctx.transport.call(
    {
      method: 'GET',
      url,
      headers: { ...options.headers, ...SDK_HEADERS, Accept: 'application/fhir+json, application/json' },
    },
    {
      idempotent: true,
      redactedUrl: () => redactUrl(url),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
    },
  );
  if (raw.status < 200 || raw.status > 299) throw toHttpError(raw, ctx.now());
  const data = parseJson(raw);
  expectResource(data, expect, raw);
  return { data, status: raw.status, headers: raw.headers };
}
