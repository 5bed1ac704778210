/**
 * One data call's cancellation, from authorize to send: the caller's `signal`, its deadline as a point on
 * the configured clock (`now`), and how to wait under both. The token step (lease waits, a refresh) and
 * the request that follows share one context, so a deadline is not restarted by a refresh.
 */
import { abortErrorFor, TimeoutError } from '../errors/transport-errors.js';

export interface CallContext {
  readonly signal: AbortSignal | undefined;
  /** The deadline in `now()` milliseconds; undefined for none. */
  readonly deadlineAt: number | undefined;
  /** The deadline as the caller gave it (for the error's text). */
  readonly deadlineMs: number | undefined;
  readonly now: () => number;
}

export function startCall(
  options: { readonly signal?: AbortSignal | undefined; readonly deadlineMs?: number | undefined },
  defaultDeadlineMs: number | undefined,
  now: () => number,
): CallContext {
  const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
  return {
    signal: options.signal,
    deadlineAt: deadlineMs === undefined ? undefined : now() + deadlineMs,
    deadlineMs,
    now,
  };
}

/** A context with no signal and no deadline (token calls made outside a data call). */
export function unboundedCall(now: () => number): CallContext {
  return { signal: undefined, deadlineAt: undefined, deadlineMs: undefined, now };
}

/** Milliseconds left before the deadline (0 once passed), or undefined without one. */
export function remainingMs(call: CallContext): number | undefined {
  return call.deadlineAt === undefined ? undefined : Math.max(0, call.deadlineAt - call.now());
}

/**
 * What a cancelled call rejects with: ABORTED with the signal's reason as `cause` (TIMEOUT for a timeout
 * signal), as the transport does for a data request, or TIMEOUT once the deadline has passed. Undefined while the call may go on.
 */
export function cancellation(call: CallContext, what: string, method: 'GET' | 'POST' = 'POST'): unknown {
  if (call.signal?.aborted) return abortErrorFor(call.signal.reason, method, what);
  if (call.deadlineAt !== undefined && call.now() >= call.deadlineAt) {
    return new TimeoutError(method, what, call.deadlineMs ?? 0);
  }
  return undefined;
}

/**
 * Settles with `work`, or rejects as soon as the call is cancelled (its signal aborts or its deadline
 * passes). `work` goes on and is never left unhandled: a refresh already sent must still land.
 */
export function within<T>(work: Promise<T>, call: CallContext, what: string): Promise<T> {
  const early = cancellation(call, what);
  if (early !== undefined) {
    work.catch(() => {});
    return Promise.reject(early);
  }
  const left = remainingMs(call);
  if (!call.signal && left === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const stop = () => {
      call.signal?.removeEventListener('abort', onCancel);
      if (timer !== undefined) clearTimeout(timer);
    };
    const onCancel = () => {
      stop();
      work.catch(() => {});
      reject(cancellation(call, what) ?? new TimeoutError('POST', what, call.deadlineMs ?? 0));
    };
    call.signal?.addEventListener('abort', onCancel, { once: true });
    const timer = left === undefined ? undefined : setTimeout(onCancel, left);
    work.then(
      (v) => {
        stop();
        resolve(v);
      },
      (e: unknown) => {
        stop();
        reject(e);
      },
    );
  });
}

/** Waits `ms` (a backoff or a lease wait), ended early by the call's cancellation. */
export function pause(ms: number, call: CallContext, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = new Promise<void>((r) => {
    timer = setTimeout(r, ms);
  });
  return within(slept, call, what).finally(() => clearTimeout(timer));
}
