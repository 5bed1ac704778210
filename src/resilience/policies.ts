/**
 * The cockatiel policies behind the transport: retry (with BB2-aware waits), a consecutive-failure
 * circuit breaker, and a cooperative per-attempt timeout. The only module that imports cockatiel.
 */
import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhenResult,
  type IPolicy,
  type IRetryBackoffContext,
  isBrokenCircuitError,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { NetworkError, TimeoutError } from '../errors/transport-errors.js';
import { retryAfterMs } from './retry-after.js';
import type { RawResponse } from './transport.js';

export interface RetryPolicySettings {
  /** Retries after the first attempt. */
  readonly total: number;
  /** Seconds: wait before retry i (0-based) is `backoffFactor * 2 ** (i - 1)`. */
  readonly backoffFactor: number;
  readonly statusForcelist: readonly number[];
  readonly maxDelayMs: number;
  readonly jitter: boolean;
}

export interface BreakerSettings {
  readonly threshold: number;
  readonly halfOpenAfterMs: number;
}

export interface PolicyRun {
  /** Undefined: never retry (OAuth calls). */
  readonly retry: RetryPolicySettings | undefined;
  readonly breaker: CircuitBreakerPolicy | undefined;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly random: () => number;
  readonly onRetry: (info: { attempt: number; reason: number | string; delayMs: number }) => void;
}

const isRaw = (r: unknown): r is RawResponse =>
  typeof r === 'object' && r !== null && 'status' in r && 'body' in r;
const isTransient = (e: unknown) => e instanceof NetworkError || e instanceof TimeoutError;

/** The caller aborted an attempt; carries the signal's reason out of the policies untouched. */
export class AbortedByCaller extends Error {
  override name = 'AbortedByCaller';
  readonly reason: unknown;
  constructor(reason: unknown) {
    super('aborted by the caller');
    this.reason = reason;
  }
}

/**
 * A breaker counts server failures (5xx, no answer); a 4xx or a 429 says the server is up. A caller's
 * abort says nothing either way, except during the half-open trial: cockatiel would count it as a success
 * and close the circuit on a server that never answered, so there it counts as a failure.
 */
export function createBreaker(settings: BreakerSettings, onOpen: () => void): CircuitBreakerPolicy {
  const failed = handleWhenResult((r) => isRaw(r) && r.status >= 500)
    .orWhen(isTransient)
    .orWhen((e) => e instanceof AbortedByCaller && policy.state === CircuitState.HalfOpen);
  const policy: CircuitBreakerPolicy = circuitBreaker(failed, {
    halfOpenAfter: settings.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.threshold),
  });
  policy.onBreak(onOpen);
  return policy;
}

export const isBrokenCircuit = (e: unknown): boolean => isBrokenCircuitError(e);

/** The wait before the next attempt, in ms; `ctx.attempt` is the 1-based number of the retry about to happen. */
function delayFor(ctx: IRetryBackoffContext<unknown>, s: RetryPolicySettings, run: PolicyRun): number {
  let ms = s.backoffFactor * 1000 * 2 ** (ctx.attempt - 2);
  if ('value' in ctx.result && isRaw(ctx.result.value)) {
    const asked = retryAfterMs(ctx.result.value.headers, run.now(), ctx.result.value.status === 429);
    if (asked !== undefined) ms = asked;
  }
  ms = Math.min(ms, s.maxDelayMs);
  // Jitter spreads retries of many clients over [ms/2, ms] so they do not hit BB2 in step.
  return s.jitter ? ms * (0.5 + run.random() * 0.5) : ms;
}

function reasonOf(result: { value: unknown } | { error: unknown }): number | string {
  if ('value' in result) return isRaw(result.value) ? result.value.status : 'unknown';
  const e = result.error;
  if (e instanceof NetworkError || e instanceof TimeoutError) return e.code;
  return e instanceof Error ? e.name : 'unknown';
}

/**
 * Runs `fn` under the policies for one call. Built per call because the retry settings and the hook's
 * context (method, path) are per call; the breaker is shared per origin.
 */
export function runPolicy(
  run: PolicyRun,
  fn: (ctx: { signal: AbortSignal; attempt: number }) => Promise<RawResponse>,
  signal: AbortSignal | undefined,
): Promise<RawResponse> {
  const perAttempt = timeout(run.timeoutMs, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: true });
  const policies: IPolicy[] = [];
  const s = run.retry;
  if (s && s.total > 0) {
    const retryable = new Set([429, ...s.statusForcelist]);
    // Unref'd: a wait that the caller abandoned (abort) must not keep the process alive.
    const retryPolicy = retry(
      handleWhenResult((r) => isRaw(r) && retryable.has(r.status)).orWhen(isTransient),
      {
        maxAttempts: s.total,
        backoff: new DelegateBackoff((ctx: IRetryBackoffContext<unknown>) => delayFor(ctx, s, run)),
      },
    ).dangerouslyUnref();
    retryPolicy.onRetry((e) =>
      run.onRetry({ attempt: e.attempt + 1, reason: reasonOf(e), delayMs: e.delay }),
    );
    policies.push(retryPolicy);
  }
  if (run.breaker) policies.push(run.breaker);
  policies.push(perAttempt);
  let attempt = 0;
  const wrapped = wrap(...policies);
  return wrapped.execute(
    ({ signal: s2 }) => fn({ signal: s2, attempt: ++attempt }),
    signal,
  ) as Promise<RawResponse>;
}
