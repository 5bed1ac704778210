/**
 * The optional `throttle`: a token bucket per access token (`burst` requests at once, refilled at
 * `requestsPerSecond`), answering like DRF's throttle (429, `Retry-After`, `X-RateLimit-*`).
 */
import { formatSeconds, type RateDecision } from './rate-limiter.js';
import type { ThrottleSettings } from './settings.js';

export interface Throttle {
  take(key: string): RateDecision;
}

export function createThrottle(config: ThrottleSettings, now: () => number): Throttle {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = config.requestsPerSecond / 1000;
  return {
    take(key) {
      const t = now();
      const previous = buckets.get(key) ?? { tokens: config.burst, at: t };
      const bucket = {
        tokens: Math.min(config.burst, previous.tokens + Math.max(0, t - previous.at) * perMs),
        at: t,
      };
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      buckets.set(key, bucket);
      const untilOne = allowed ? 0 : (1 - bucket.tokens) / perMs / 1000;
      const untilFull = (config.burst - bucket.tokens) / perMs / 1000;
      return {
        allowed,
        retryAfter: Math.max(1, Math.ceil(untilOne)),
        headers: {
          'x-ratelimit-limit': String(config.burst),
          'x-ratelimit-remaining': String(Math.floor(bucket.tokens)),
          'x-ratelimit-reset': formatSeconds(untilFull),
        },
      };
    },
  };
}
