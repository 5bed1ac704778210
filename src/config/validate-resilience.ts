/**
 * Retry, circuit breaker and time limits. Defaults for retry are the official SDKs'; the rest are ours.
 */
import { booleanValue, MAX_TIMER_MS, numberValue, optional } from './checks.js';
import { type Fields, invalid, type Located, shown } from './fields.js';
import type { CircuitBreakerSettings, RetrySettings } from './types.js';

const DEFAULT_STATUS_FORCELIST: readonly number[] = Object.freeze([500, 502, 503, 504]);

export function resolveRetry(fields: Fields): Readonly<Required<RetrySettings>> {
  return Object.freeze({
    total: optional(fields['retrySettings.total'], (f) => numberValue(f, { min: 0, integer: true }), 3),
    backoffFactor: optional(fields['retrySettings.backoffFactor'], (f) => numberValue(f, { min: 0 }), 5),
    statusForcelist: optional(fields['retrySettings.statusForcelist'], statusList, DEFAULT_STATUS_FORCELIST),
    maxDelayMs: optional(
      fields['retrySettings.maxDelayMs'],
      (f) => numberValue(f, { min: 0, max: MAX_TIMER_MS }),
      60_000,
    ),
    jitter: optional(fields['retrySettings.jitter'], booleanValue, false),
  });
}

function statusList(field: Located): readonly number[] {
  const { value } = field;
  if (!Array.isArray(value)) {
    throw invalid(
      field,
      `must be a list of HTTP status codes, e.g. [500, 502, 503, 504] (got ${shown(value)})`,
    );
  }
  const list: unknown[] = value;
  const index = list.findIndex((item) => !Number.isInteger(item) || Number(item) < 100 || Number(item) > 599);
  if (index !== -1) {
    throw invalid(
      field,
      `must hold HTTP status codes (integers 100-599); item ${index} is ${shown(list[index])}`,
    );
  }
  return Object.freeze(list.map(Number));
}

export function resolveCircuitBreaker(fields: Fields): Readonly<Required<CircuitBreakerSettings>> | false {
  if (fields.circuitBreaker?.value === false) return false;
  return Object.freeze({
    threshold: optional(
      fields['circuitBreaker.threshold'],
      (f) => numberValue(f, { min: 1, integer: true }),
      5,
    ),
    halfOpenAfterMs: optional(
      fields['circuitBreaker.halfOpenAfterMs'],
      (f) => numberValue(f, { min: 0, max: MAX_TIMER_MS }),
      30_000,
    ),
  });
}

export interface TimeLimits {
  readonly refreshSkewMs: number;
  readonly timeoutMs: number;
  readonly deadlineMs: number | undefined;
}

export function resolveTimeLimits(fields: Fields): TimeLimits {
  const positiveTimer = (f: Located): number =>
    numberValue(f, { min: 0, exclusive: true, max: MAX_TIMER_MS });
  return {
    refreshSkewMs: optional(fields.refreshSkewMs, (f) => numberValue(f, { min: 0 }), 60_000),
    timeoutMs: optional(fields.timeoutMs, positiveTimer, 30_000),
    deadlineMs: optional<number | undefined>(fields.deadlineMs, positiveTimer, undefined),
  };
}
