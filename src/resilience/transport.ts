/**
 * Sends one HTTP call with the resilience policy around it: per-attempt timeout, retries with backoff that
 * honour `Retry-After`, a circuit breaker per origin, an overall deadline, and cancellation that ends a
 * backoff wait at once. cockatiel stays behind ./policies.ts; nothing of it reaches a public signature.
 *
 * This is the hot path of every request, so it allocates little: policies are built once per transport,
 * and the redacted URL is computed only when an error or a hook needs it.
 */
import { abortErrorFor, CircuitOpenError, NetworkError, TimeoutError } from '../errors/transport-errors.js';
import type { Hooks } from '../hooks.js';
import { abortable } from './abortable.js';
import { AbortedByCaller } from './aborted-by-caller.js';
import type {
  BreakerSettings,
  Policies,
  PolicySettings,
  RetryCause,
  RetryPolicySettings,
} from './policies.js';
import { redactForHooks } from './redact-for-hooks.js';
import { rateLimitOf } from './retry-after.js';

export interface OutgoingRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** `manual` for OAuth POSTs: a redirect must not carry their secrets anywhere. */
  readonly redirect?: RequestRedirect;
}

/** A response whose body has been read inside the attempt, so a stalled or cut body is retried too. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  readonly response: Response;
  readonly method: string;
  /** The request URL, redacted (computed on first use). */
  readonly redactedUrl: () => string;
}

export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  readonly deadlineMs?: number | undefined;
  /**
   * Data GETs are retried and count toward the breaker. OAuth calls are not idempotent (codes and refresh
   * tokens are single-use), so they get the timeout only.
   */
  readonly idempotent: boolean;
  /** The redacted URL for errors and hooks (the caller knows which parts identify a patient); called lazily. */
  readonly redactedUrl: () => string;
}

export interface TransportSettings {
  readonly retry: RetryPolicySettings;
  readonly timeoutMs: number;
  readonly deadlineMs: number | undefined;
  readonly circuitBreaker: BreakerSettings | false;
  readonly hooks: Hooks;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
  /** The origin this transport talks to (one breaker per origin). */
  readonly origin: string;
  readonly random?: () => number;
}

export interface Transport {
  call(request: OutgoingRequest, options: CallOptions): Promise<RawResponse>;
}

interface CallContext {
  readonly request: OutgoingRequest;
  readonly options: CallOptions;
  readonly redacted: () => string;
  readonly timeoutMs: number;
  readonly callSignal: AbortSignal;
  readonly deadline: AbortSignal | undefined;
  readonly deadlineMs: number | undefined;
  /** The status of the last attempt that got an answer, for a TIMEOUT that follows it. */
  lastStatus: number | undefined;
}

/**
 * A signal of this call's own, following the caller's and the deadline. Everything that listens (the
 * policies, the abort race, each attempt) listens here: AbortSignal.any links to its sources without
 * adding listeners to them, so a signal shared by many calls or pages never collects them (Node warns
 * past 10).
 */
function callSignalOf(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal {
  const sources = [a, b].filter((s): s is AbortSignal => s !== undefined);
  // With no signal at all, cockatiel would listen on one never-aborted signal shared by every call.
  return sources.length ? AbortSignal.any(sources) : new AbortController().signal;
}

function once(f: () => string): () => string {
  let v: string | undefined;
  return () => {
    v ??= f();
    return v;
  };
}

export function createTransport(settings: TransportSettings): Transport {
  // Called as a plain function: browser-style fetch implementations throw "Illegal invocation" as a method.
  const fetchImpl = settings.fetch;
  const { hooks } = settings;
  const policySettings: PolicySettings = {
    retry: settings.retry,
    circuitBreaker: settings.circuitBreaker,
    now: settings.now,
    random: settings.random ?? Math.random,
    onRetry: (cause: RetryCause, attempt, delayMs) => {
      if (!hooks.onRetry) return;
      const [method, url, reason] =
        'value' in cause
          ? [cause.value.method, cause.value.redactedUrl(), cause.value.status]
          : [cause.error.method, cause.error.url, cause.error.code];
      hooks.onRetry({ method, path: redactForHooks(url), attempt, reason, delayMs });
    },
    onBreak: () => {
      if (settings.circuitBreaker) {
        hooks.onCircuitOpen?.({
          origin: settings.origin,
          halfOpenAfterMs: settings.circuitBreaker.halfOpenAfterMs,
        });
      }
    },
  };
  // cockatiel (28 modules, ~25 ms) loads with the first request, not with the SDK.
  let loaded: Promise<Policies> | undefined;
  const policies = () => {
    loaded ??= import('./policies.js').then((m) => m.createPolicies(policySettings));
    return loaded;
  };

  /**
   * Names why an attempt ended without a response. Inside the policies, a deadline is a timeout (it counts
   * for the breaker) and a caller's abort is AbortedByCaller (it proves nothing about the server).
   */
  function failure(e: unknown, c: CallContext, attemptSignal: AbortSignal): Error {
    const { method } = c.request;
    if (c.options.signal?.aborted) return new AbortedByCaller(c.options.signal.reason);
    if (c.deadline?.aborted) return new TimeoutError(method, c.redacted(), c.deadlineMs ?? 0, e);
    if (attemptSignal.aborted) return new TimeoutError(method, c.redacted(), c.timeoutMs, e);
    return new NetworkError(method, c.redacted(), e);
  }

  async function attempt(c: CallContext, signal: AbortSignal, n: number): Promise<RawResponse> {
    if (c.callSignal.aborted) throw failure(c.callSignal.reason, c, signal);
    const { request } = c;
    const path = hooks.onRequest || hooks.onResponse ? redactForHooks(c.redacted()) : '';
    hooks.onRequest?.({ method: request.method, path, attempt: n });
    const started = hooks.onResponse ? settings.now() : 0;
    try {
      // Redirects are never followed here: a data GET follows them by hand within the configured API
      // (client/follow-redirects.ts), and an OAuth POST not at all (codes and refresh tokens are secrets).
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        redirect: 'manual',
        signal: AbortSignal.any([signal, c.callSignal]),
      };
      if (request.body !== undefined) init.body = request.body;
      if (request.redirect !== undefined) init.redirect = request.redirect;
      const response = await fetchImpl(request.url, init);
      c.lastStatus = response.status;
      const body = await response.text();
      hooks.onResponse?.({
        method: request.method,
        path,
        attempt: n,
        status: response.status,
        durationMs: settings.now() - started,
        rateLimit: rateLimitOf(response.headers),
      });
      return {
        status: response.status,
        headers: response.headers,
        body,
        response,
        method: request.method,
        redactedUrl: c.redacted,
      };
    } catch (e) {
      throw failure(e, c, signal);
    }
  }

  return {
    async call(request, options) {
      const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
      const deadlineMs = options.deadlineMs ?? settings.deadlineMs;
      const deadline = deadlineMs === undefined ? undefined : AbortSignal.timeout(deadlineMs);
      const callSignal = callSignalOf(options.signal, deadline);
      const c: CallContext = {
        request,
        options,
        redacted: once(options.redactedUrl),
        timeoutMs,
        callSignal,
        deadline,
        deadlineMs,
        lastStatus: undefined,
      };
      const p = await policies();
      const run = p.run((signal, n) => attempt(c, signal, n), {
        idempotent: options.idempotent,
        timeoutMs,
        signal: callSignal,
      });
      try {
        return await abortable(run, callSignal);
      } catch (e) {
        const reason = options.signal?.aborted
          ? options.signal.reason
          : e instanceof AbortedByCaller
            ? e.reason
            : e;
        if (options.signal?.aborted || e instanceof AbortedByCaller) {
          throw abortErrorFor(reason, request.method, c.redacted(), c.lastStatus);
        }
        if (deadline?.aborted) {
          const cause = e instanceof TimeoutError ? e.cause : e;
          throw new TimeoutError(request.method, c.redacted(), deadlineMs, cause, c.lastStatus);
        }
        if (p.isBrokenCircuit(e)) throw new CircuitOpenError(settings.origin, e);
        throw e;
      }
    },
  };
}
