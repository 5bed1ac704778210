/** Failures with no HTTP response to show for them. Each keeps what caused it in `cause`. */
import { BlueButtonError } from './blue-button-error.js';

/** The connection failed (refused, reset, DNS, TLS) or the body could not be read. `status` is 0. */
export class NetworkError extends BlueButtonError {
  override name = 'NetworkError';
  readonly status = 0;
  readonly method: string;
  readonly url: string;

  constructor(method: string, url: string, cause: unknown) {
    super('NETWORK_ERROR', `${method} ${url} failed: ${describe(cause)}`, { cause });
    this.method = method;
    this.url = url;
  }
}

/**
 * An attempt exceeded `timeoutMs`, the whole call exceeded `deadlineMs`, or the caller's signal was a
 * timeout (`AbortSignal.timeout`). `lastStatus` keeps what the server last answered, if it answered.
 */
export class TimeoutError extends BlueButtonError {
  override name = 'TimeoutError';
  readonly method: string;
  readonly url: string;
  /** The limit that was reached; undefined when it was the caller's own timeout signal. */
  readonly timeoutMs: number | undefined;
  /** The status of the last attempt that got an answer (e.g. 503 before the deadline ran out). */
  readonly lastStatus: number | undefined;

  constructor(
    method: string,
    url: string,
    timeoutMs: number | undefined,
    cause?: unknown,
    lastStatus?: number,
  ) {
    const limit = timeoutMs === undefined ? "(the caller's timeout signal)" : `after ${timeoutMs} ms`;
    const last = lastStatus === undefined ? '' : `; the last answer was ${lastStatus}`;
    super('TIMEOUT', `${method} ${url} timed out ${limit}${last}`, { cause });
    this.method = method;
    this.url = url;
    this.timeoutMs = timeoutMs;
    this.lastStatus = lastStatus;
  }
}

/** The caller aborted the call (its `signal`); `cause` is the signal's reason. Nothing more was sent. */
export class AbortedError extends BlueButtonError {
  override name = 'AbortedError';
  readonly method: string;
  readonly url: string;

  constructor(method: string, url: string, reason: unknown) {
    super('ABORTED', `${method} ${url} was aborted by the caller`, { cause: reason });
    this.method = method;
    this.url = url;
  }
}

/** The circuit breaker for this origin is open: the call failed fast without touching the network. */
export class CircuitOpenError extends BlueButtonError {
  override name = 'CircuitOpenError';
  readonly origin: string;

  constructor(origin: string, cause?: unknown) {
    super(
      'CIRCUIT_OPEN',
      `Circuit open for ${origin}: too many consecutive failed calls; not calling it for now`,
      {
        cause,
      },
    );
    this.origin = origin;
  }
}

/** Error text without stack or secrets; undici nests the useful part in `cause`. */
function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
  return `${cause.message}${inner}`;
}

/** An abort by the caller, with a code: TIMEOUT for a timeout signal, ABORTED otherwise. */
export function abortErrorFor(
  reason: unknown,
  method: string,
  url: string,
  lastStatus?: number,
): TimeoutError | AbortedError {
  return reason instanceof DOMException && reason.name === 'TimeoutError'
    ? new TimeoutError(method, url, undefined, reason, lastStatus)
    : new AbortedError(method, url, reason);
}
