/**
 * The cockatiel policies behind the transport: retry (with BB2-aware waits), a consecutive-failure
 * circuit breaker, and a cooperative per-attempt timeout. The only module that imports cockatiel.
 *
 * Policies are built once per transport, not per call: what a hook needs about the call (method, URL)
 * travels on the attempt's result or error, so one retry policy serves every call.
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
import { AbortedByCaller } from './aborted-by-caller.js';
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

/** What failed before a retry: the response or the error, each of which names its request. */
export type RetryCause = { readonly value: RawResponse } | { readonly error: NetworkError | TimeoutError };

export interface PolicySettings {
  readonly retry: RetryPolicySettings;
  readonly circuitBreaker: BreakerSettings | false;
  readonly now: () => number;
  readonly random: () => number;
  readonly onRetry: (cause: RetryCause, attempt: number, delayMs: number) => void;
  readonly onBreak: () => void;
}

export interface Policies {
  /** True for cockatiel's "circuit open" rejection. */
  isBrokenCircuit(e: unknown): boolean;
  /**
   * Runs `fn` once per attempt. Data GETs (`idempotent`) get retries and the breaker; OAuth calls only the
   * timeout. `fn` gets the attempt's signal (aborted at the timeout) and its 1-based number.
   */
  run(
    fn: (signal: AbortSignal, attempt: number) => Promise<RawResponse>,
    options: { idempotent: boolean; timeoutMs: number; signal: AbortSignal | undefined },
  ): Promise<RawResponse>;
}

const isRaw = (r: unknown): r is RawResponse =>
  typeof r === 'object' && r !== null && 'status' in r && 'body' in r;
const isTransient = (e: unknown): e is NetworkError | TimeoutError =>
  e instanceof NetworkError || e instanceof TimeoutError;

/**
 * A breaker counts calls that failed on the server's side after their retries (5xx, no answer); a 4xx or
 * a 429 says the server is up. A caller's
 * abort says nothing either way, except during the half-open trial: cockatiel would count it as a success
 * and close the circuit on a server that never answered, so there it counts as a failure.
 */
function createBreaker(settings: BreakerSettings, onOpen: () => void): CircuitBreakerPolicy {
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

/** The wait before the next attempt, in ms; `ctx.attempt` is the 1-based number of the retry about to happen. */
function delayFor(ctx: IRetryBackoffContext<unknown>, s: PolicySettings): number {
  let ms = s.retry.backoffFactor * 1000 * 2 ** (ctx.attempt - 2);
  if ('value' in ctx.result && isRaw(ctx.result.value)) {
    const asked = retryAfterMs(ctx.result.value.headers, s.now(), ctx.result.value.status === 429);
    if (asked !== undefined) ms = asked;
  }
  ms = Math.min(ms, s.retry.maxDelayMs);
  // Jitter spreads retries of many clients over [ms/2, ms] so they do not hit BB2 in step.
  return s.retry.jitter ? ms * (0.5 + s.random() * 0.5) : ms;
}

function createRetry(s: PolicySettings): IPolicy | undefined {
  if (s.retry.total <= 0) return undefined;
  const retryable = new Set([429, ...s.retry.statusForcelist]);
  // A server that asks for a longer wait than `maxDelayMs` (BB2's `Retry-After: 3600`, or a daily rate
  // window) is answered at once, with its `retryAfterMs` on the error: retrying sooner than asked only
  // spends the rate limit, and waiting an hour inside a call is not what a caller wants.
  const asksTooLong = (r: RawResponse) =>
    (retryAfterMs(r.headers, s.now(), r.status === 429) ?? 0) > s.retry.maxDelayMs;
  // Unref'd: a wait that the caller abandoned (abort) must not keep the process alive.
  const retryWhen = (r: unknown) => isRaw(r) && retryable.has(r.status) && !asksTooLong(r);
  const policy = retry(handleWhenResult(retryWhen).orWhen(isTransient), {
    maxAttempts: s.retry.total,
    backoff: new DelegateBackoff((ctx: IRetryBackoffContext<unknown>) => delayFor(ctx, s)),
  }).dangerouslyUnref();
  policy.onRetry((e) => {
    const cause = 'value' in e ? e.value : e.error;
    if (isRaw(cause)) s.onRetry({ value: cause }, e.attempt + 1, e.delay);
    else if (isTransient(cause)) s.onRetry({ error: cause }, e.attempt + 1, e.delay);
  });
  return policy;
}

export function createPolicies(s: PolicySettings): Policies {
  const retryPolicy = createRetry(s);
  const breaker = s.circuitBreaker ? createBreaker(s.circuitBreaker, s.onBreak) : undefined;
  // One timeout policy per duration in use (the configured one, and any per-call override).
  // abortOnReturn is off: the body is read inside the attempt, so nothing is left to cancel, and aborting
  // would build a DOMException on every successful call.
  const timeouts = new Map<number, IPolicy>();
  const timeoutFor = (ms: number) => {
    let t = timeouts.get(ms);
    if (!t) {
      t = timeout(ms, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: false });
      if (timeouts.size < 16) timeouts.set(ms, t);
    }
    return t;
  };
  const chains = new Map<string, IPolicy>();
  const chain = (idempotent: boolean, ms: number) => {
    const key = `${idempotent}:${ms}`;
    let c = chains.get(key);
    if (!c) {
      // The breaker wraps the retries: it counts calls that still failed after them, not attempts. One
      // beneficiary's call that spends its retries is one failure, and a call that got an answer reports
      // that answer, not CIRCUIT_OPEN.
      const parts = idempotent ? [breaker, retryPolicy, timeoutFor(ms)] : [timeoutFor(ms)];
      c = wrap(...parts.filter((p): p is IPolicy => p !== undefined));
      if (chains.size < 32) chains.set(key, c);
    }
    return c;
  };
  return {
    isBrokenCircuit: (e) => isBrokenCircuitError(e),
    run(fn, options) {
      const policy = chain(options.idempotent, options.timeoutMs);
      return policy.execute(
        (ctx) => fn(ctx.signal, 1 + ((ctx as { attempt?: number }).attempt ?? 0)),
        options.signal,
      ) as Promise<RawResponse>;
    },
  };
}
