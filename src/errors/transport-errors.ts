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

/** An attempt exceeded `timeoutMs`, or the whole call exceeded `deadlineMs`. */
export class TimeoutError extends BlueButtonError {
  override name = 'TimeoutError';
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;

  constructor(method: string, url: string, timeoutMs: number, cause?: unknown) {
    super('TIMEOUT', `${method} ${url} timed out after ${timeoutMs} ms`, { cause });
    this.method = method;
    this.url = url;
    this.timeoutMs = timeoutMs;
  }
}

/** The circuit breaker for this origin is open: the call failed fast without touching the network. */
export class CircuitOpenError extends BlueButtonError {
  override name = 'CircuitOpenError';
  readonly origin: string;

  constructor(origin: string, cause?: unknown) {
    super(
      'CIRCUIT_OPEN',
      `Circuit open for ${origin}: too many consecutive failures; not calling it for now`,
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
