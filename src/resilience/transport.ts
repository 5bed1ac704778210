/**
 * Sends one HTTP call with the resilience policy around it: per-attempt timeout, retries with backoff that
 * honour `Retry-After`, a circuit breaker per origin, an overall deadline, and cancellation that ends a
 * backoff wait at once. The only module that imports cockatiel (through ./policies.ts); nothing of
 * cockatiel reaches a public signature.
 */
import { CircuitOpenError, NetworkError, TimeoutError } from '../errors/transport-errors.js';
import type { Hooks } from '../hooks.js';
import { abortable } from './abortable.js';
import {
  AbortedByCaller,
  type BreakerSettings,
  createBreaker,
  isBrokenCircuit,
  type RetryPolicySettings,
  runPolicy,
} from './policies.js';
import { redactForHooks } from './redact-for-hooks.js';

export interface OutgoingRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A response whose body has been read inside the attempt, so a stalled or cut body is retried too. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  readonly response: Response;
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
  /** The redacted URL used in errors and hooks (the caller knows which parts identify a patient). */
  readonly redactedUrl: string;
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

interface AttemptContext {
  readonly signal: AbortSignal;
  readonly attempt: number;
  readonly timeoutMs: number;
  readonly callSignal: AbortSignal | undefined;
  readonly deadline: AbortSignal | undefined;
  readonly deadlineMs: number | undefined;
}

/** Combines signals without allocating when there is zero or one. */
function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}

export function createTransport(settings: TransportSettings): Transport {
  // Called as a plain function: browser-style fetch implementations throw "Illegal invocation" as a method.
  const fetchImpl = settings.fetch;
  const breaker = settings.circuitBreaker
    ? createBreaker(settings.circuitBreaker, () =>
        settings.hooks.onCircuitOpen?.({
          origin: settings.origin,
          halfOpenAfterMs: (settings.circuitBreaker as BreakerSettings).halfOpenAfterMs,
        }),
      )
    : undefined;

  /**
   * Names why an attempt ended without a response. Inside the policies, a deadline is a timeout (it counts
   * for the breaker) and a caller's abort is AbortedByCaller (it proves nothing about the server).
   */
  function failure(e: unknown, request: OutgoingRequest, options: CallOptions, ctx: AttemptContext): Error {
    if (options.signal?.aborted) return new AbortedByCaller(options.signal.reason);
    if (ctx.deadline?.aborted)
      return new TimeoutError(request.method, options.redactedUrl, ctx.deadlineMs ?? 0, e);
    if (ctx.signal.aborted) return new TimeoutError(request.method, options.redactedUrl, ctx.timeoutMs, e);
    return new NetworkError(request.method, options.redactedUrl, e);
  }

  async function attempt(
    request: OutgoingRequest,
    options: CallOptions,
    ctx: AttemptContext,
  ): Promise<RawResponse> {
    const { callSignal } = ctx;
    if (callSignal?.aborted) throw failure(callSignal.reason, request, options, ctx);
    const path = redactForHooks(options.redactedUrl);
    settings.hooks.onRequest?.({ method: request.method, path, attempt: ctx.attempt });
    const started = settings.now();
    try {
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        signal: anySignal([ctx.signal, callSignal]) ?? ctx.signal,
      };
      if (request.body !== undefined) init.body = request.body;
      const response = await fetchImpl(request.url, init);
      const body = await response.text();
      settings.hooks.onResponse?.({
        method: request.method,
        path,
        attempt: ctx.attempt,
        status: response.status,
        durationMs: settings.now() - started,
      });
      return { status: response.status, headers: response.headers, body, response };
    } catch (e) {
      throw failure(e, request, options, ctx);
    }
  }

  return {
    async call(request, options) {
      const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
      const deadlineMs = options.deadlineMs ?? settings.deadlineMs;
      const deadline = deadlineMs === undefined ? undefined : AbortSignal.timeout(deadlineMs);
      const callSignal = anySignal([options.signal, deadline]);
      const run = runPolicy(
        {
          retry: options.idempotent ? settings.retry : undefined,
          breaker: options.idempotent ? breaker : undefined,
          timeoutMs,
          now: settings.now,
          random: settings.random ?? Math.random,
          onRetry: (info) =>
            settings.hooks.onRetry?.({
              method: request.method,
              path: redactForHooks(options.redactedUrl),
              ...info,
            }),
        },
        ({ signal, attempt: n }) =>
          attempt(request, options, { signal, attempt: n, timeoutMs, callSignal, deadline, deadlineMs }),
        callSignal,
      );
      try {
        return await abortable(run, callSignal);
      } catch (e) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (e instanceof AbortedByCaller) throw e.reason;
        if (deadline?.aborted) {
          throw e instanceof TimeoutError
            ? e
            : new TimeoutError(request.method, options.redactedUrl, deadlineMs ?? 0, e);
        }
        if (isBrokenCircuit(e)) throw new CircuitOpenError(settings.origin, e);
        throw e;
      }
    },
  };
}
