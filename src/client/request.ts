/**
 * One FHIR (or userinfo) GET, in named stages: build the URL from the spec, authorize with the latest
 * token (refreshing first if it is about to expire, and once more after a 401), send through the
 * resilience transport, then parse into data or a typed error.
 */
import { cancellation, remainingMs } from '../auth/call-context.js';
import type { TokenManager } from '../auth/token-manager.js';
import { redactUrl } from '../errors/redact.js';
import { InvalidParamsError, VersionMismatchError } from '../errors/request-errors.js';
import type { Hooks } from '../hooks.js';
import type { RawResponse, Transport } from '../resilience/transport.js';
import { type ApiVersion, ENDPOINTS, type EndpointSpec } from '../types.js';
import { sendFollowingRedirects } from './follow-redirects.js';
import { mergeHeaders } from './merge-headers.js';
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
  /**
   * Extra request headers (e.g. `Prefer: handling=strict` on v3); they win over the SDK's own (`Accept`
   * included). `Authorization`, `Host`, `Cookie` and the framing headers cannot be replaced.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ClientContext {
  readonly baseUrl: string;
  readonly origin: string;
  readonly transport: Transport;
  readonly tokens: TokenManager;
  readonly now: () => number;
  /** The configured hooks, for what the transport does not see (a page walk). */
  readonly hooks?: Hooks;
}

export interface FhirResult {
  readonly data: unknown;
  readonly status: number;
  readonly headers: Headers;
}

/**
 * FHIR logical ids (FHIR R4 2.24.0.1 `id`): also keeps `$operations`, `/`, `?`, `#` and `%` out of read
 * paths. An id of dots only is a path segment (`.`, `..`) that fetch would resolve to another endpoint.
 */
const FHIR_ID = /^(?!\.+$)[A-Za-z0-9\-.]{1,64}$/;

/** What BB2 answers for FHIR data; `/connect/userinfo` answers 406 to it and wants plain JSON. */
export const FHIR_JSON = 'application/fhir+json';
export const PLAIN_JSON = 'application/json';

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
        `resource id must be 1-64 characters of [A-Za-z0-9-.], not only dots, got ${got}`,
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

/** One GET through the transport, following redirects within the configured API only. */
function sendGet(
  ctx: ClientContext,
  url: string,
  headers: Readonly<Record<string, string>>,
  options: RequestOptions,
): Promise<RawResponse> {
  return sendFollowingRedirects(ctx, url, (hop) =>
    ctx.transport.call(
      { method: 'GET', url: hop, headers },
      {
        idempotent: true,
        redactedUrl: () => redactUrl(hop),
        signal: options.signal,
        timeoutMs: options.timeoutMs,
        deadlineMs: options.deadlineMs,
      },
    ),
  );
}

function withDeadline(options: RequestOptions, deadlineMs: number | undefined): RequestOptions {
  const { deadlineMs: _given, ...rest } = options;
  return deadlineMs === undefined ? rest : { ...rest, deadlineMs };
}

/** Sends a GET with the current token; after a 401, refreshes once and replays once (never a loop). */
export async function sendAuthorized(
  ctx: ClientContext,
  version: ApiVersion,
  url: string,
  options: RequestOptions = {},
  accept: string = FHIR_JSON,
): Promise<RawResponse> {
  checkVersion(ctx.tokens.token.version, version);
  // One context from authorize to send: a refresh spends the call's deadline, it does not restart it.
  const callCtx = ctx.tokens.startCall(options);
  // After a refresh the request gets what is left of the deadline; without one, the deadline as given.
  const call = (accessToken: string, refreshed: boolean) => {
    // The token step may have spent the call's time (a lease wait, a slow refresh): then nothing is sent.
    const late = cancellation(callCtx, redactUrl(url), 'GET');
    if (late !== undefined) return Promise.reject(late);
    return sendGet(
      ctx,
      url,
      mergeHeaders({ ...SDK_HEADERS, Accept: accept, 'Accept-Encoding': 'gzip' }, options.headers, {
        Authorization: `Bearer ${accessToken}`,
      }),
      refreshed ? withDeadline(options, remainingMs(callCtx)) : options,
    );
  };
  const held = ctx.tokens.token;
  const token = await ctx.tokens.current(callCtx);
  const raw = await call(token.accessToken, token !== held);
  if (raw.status !== 401) return raw;
  const fresh = await ctx.tokens.afterUnauthorized(token, callCtx);
  return fresh ? call(fresh.accessToken, true) : raw;
}

/** Sends, then returns the parsed body checked against `expect` (a resourceType), or throws HTTP_ERROR. */
export async function getJson(
  ctx: ClientContext,
  version: ApiVersion,
  url: string,
  expect: string | undefined,
  options?: RequestOptions,
  accept?: string,
): Promise<FhirResult> {
  const raw = await sendAuthorized(ctx, version, url, options, accept);
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
  const headers = mergeHeaders(
    { ...SDK_HEADERS, Accept: `${FHIR_JSON}, ${PLAIN_JSON}` },
    options.headers,
    {},
  );
  const raw = await sendGet(ctx, url, headers, options);
  if (raw.status < 200 || raw.status > 299) throw toHttpError(raw, ctx.now());
  const data = parseJson(raw);
  expectResource(data, expect, raw);
  return { data, status: raw.status, headers: raw.headers };
}
