/**
 * Scripted faults per route: each request on a route consumes one step of its script, and an exhausted
 * script means normal behaviour. Responses imitate what BB2 and the infrastructure in front of it send.
 */
import type { FaultController, FaultStep } from '../sandbox-types.js';
import {
  DETAIL,
  detailError,
  htmlResponse,
  jsonResponse,
  oauthError,
  type SandboxResponse,
  serverError,
} from './responses.js';
import { resolveRouteKey } from './router.js';

export interface FaultScripts extends FaultController {
  /** Takes the next step of a route's script, if any. */
  next(routeKey: string): FaultStep | undefined;
}

/** What the server does with a request after its fault step. */
export type FaultAction =
  | { readonly kind: 'respond'; readonly response: SandboxResponse }
  | { readonly kind: 'reset' }
  | { readonly kind: 'hang' }
  | {
      readonly kind: 'normal';
      readonly delayMs: number;
      readonly truncate: boolean;
      readonly nonJson: boolean;
      readonly expireToken: boolean;
    };

const NAMED_STEPS = new Set(['reset', 'hang', 'truncate', 'non-json', 'expire-token', 'pass']);
const NORMAL = { kind: 'normal', delayMs: 0, truncate: false, nonJson: false, expireToken: false } as const;

export function createFaultScripts(routeKeys: ReadonlySet<string>): FaultScripts {
  const scripts = new Map<string, FaultStep[]>();
  const resolve = (key: string): string => {
    const resolved = resolveRouteKey(routeKeys, key);
    if (resolved === undefined) throw new TypeError(`Unknown sandbox route key: ${JSON.stringify(key)}`);
    return resolved;
  };
  return {
    set(routeKey, steps) {
      steps.forEach(assertValidStep);
      scripts.set(resolve(routeKey), [...steps]);
    },
    clear(routeKey) {
      if (routeKey === undefined) scripts.clear();
      else scripts.delete(resolve(routeKey));
    },
    pending: (routeKey) => scripts.get(resolve(routeKey))?.length ?? 0,
    next(routeKey) {
      const script = scripts.get(routeKey);
      const step = script?.shift();
      if (script?.length === 0) scripts.delete(routeKey);
      return step;
    },
  };
}

function assertValidStep(step: FaultStep): void {
  if (typeof step === 'number') {
    if (!isStatus(step)) throw new TypeError(`Invalid fault status: ${step}`);
  } else if (typeof step === 'string') {
    if (!NAMED_STEPS.has(step)) throw new TypeError(`Unknown fault step: ${JSON.stringify(step)}`);
  } else if ('delayMs' in step) {
    if (!(step.delayMs >= 0)) throw new TypeError(`Invalid fault delayMs: ${step.delayMs}`);
  } else if (!isStatus(step.status)) {
    throw new TypeError(`Invalid fault status: ${String(step.status)}`);
  }
}

function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599;
}

export interface FaultContext {
  /** OAuth endpoints answer with OAuth error bodies, FHIR endpoints with `{detail}`. */
  readonly oauthRoute: boolean;
  readonly rateLimit: number;
}

export function faultAction(step: FaultStep | undefined, context: FaultContext): FaultAction {
  if (step === undefined || step === 'pass') return NORMAL;
  if (step === 'reset' || step === 'hang') return { kind: step };
  if (step === 'truncate') return { ...NORMAL, truncate: true };
  if (step === 'non-json') return { ...NORMAL, nonJson: true };
  if (step === 'expire-token') return { ...NORMAL, expireToken: true };
  if (typeof step === 'number') return { kind: 'respond', response: statusBody(step, context, undefined) };
  if ('delayMs' in step) return { ...NORMAL, delayMs: step.delayMs };
  const base = statusBody(step.status, context, step.retryAfter);
  const body =
    step.body === undefined
      ? base.body
      : typeof step.body === 'string'
        ? step.body
        : JSON.stringify(step.body);
  return {
    kind: 'respond',
    response: { status: step.status, headers: { ...base.headers, ...step.headers }, body },
  };
}

/** A body like the one BB2 or its load balancer sends with this status. */
function statusBody(status: number, context: FaultContext, retryAfter: number | undefined): SandboxResponse {
  if (status === 429) return throttled(retryAfter ?? 1, context.rateLimit);
  const extra: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
  if (status === 500) return withExtra(serverError(), extra);
  if (status === 502) return withExtra(detailError(502, DETAIL.upstreamFailure), extra);
  if (status === 503 || status === 504) return withExtra(gatewayPage(status), extra);
  if (context.oauthRoute) return withExtra(oauthFaultBody(status), extra);
  if (status === 401) {
    return detailError(401, DETAIL.notAuthenticated, { 'www-authenticate': 'Bearer realm="api"', ...extra });
  }
  return withExtra(detailError(status, fhirFaultDetail(status)), extra);
}

function withExtra(response: SandboxResponse, extra: Readonly<Record<string, string>>): SandboxResponse {
  return { ...response, headers: { ...response.headers, ...extra } };
}

/** DRF's throttle answer (bb2-api 4.3). */
export function throttled(retryAfter: number, limit: number): SandboxResponse {
  return jsonResponse(
    429,
    { detail: `Request was throttled. Expected available in ${retryAfter} seconds.` },
    {
      'retry-after': String(retryAfter),
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': retryAfter.toFixed(1),
    },
  );
}

function gatewayPage(status: 503 | 504): SandboxResponse {
  const title = status === 503 ? '503 Service Temporarily Unavailable' : '504 Gateway Time-out';
  return htmlResponse(
    status,
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  );
}

function oauthFaultBody(status: number): SandboxResponse {
  if (status === 401) return oauthError(401, 'invalid_client');
  if (status === 400) return oauthError(400, 'invalid_grant');
  return oauthError(status, status === 403 ? 'access_denied' : 'server_error');
}

function fhirFaultDetail(status: number): string {
  if (status === 403) return DETAIL.forbidden;
  if (status === 404) return DETAIL.notFound;
  if (status >= 200 && status < 300) return 'OK';
  return status >= 500 ? DETAIL.upstreamFailure : `${DETAIL.upstream}:HTTP ${status}`;
}
