/**
 * BB2's per-token throttle (DRF `TokenRateThrottle`, bb2-api 4.3): a fixed window per access token, with
 * the `X-RateLimit-*` headers every FHIR response carries.
 */
import type { SandboxRateLimit } from '../sandbox-types.js';

export interface RateDecision {
  readonly allowed: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /** Whole seconds until the window frees (for `Retry-After`). */
  readonly retryAfter: number;
}

export interface RateLimiter {
  hit(key: string): RateDecision;
}

export function createRateLimiter(config: SandboxRateLimit, now: () => number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = config.windowSeconds * 1000;
  return {
    hit(key) {
      const t = now();
      let window = windows.get(key);
      if (window === undefined || t >= window.start + windowMs) {
        window = { start: t, count: 0 };
        windows.set(key, window);
      }
      const allowed = window.count < config.limit;
      if (allowed) window.count += 1;
      const resetSeconds = Math.max(0, (window.start + windowMs - t) / 1000);
      return {
        allowed,
        retryAfter: Math.max(1, Math.ceil(resetSeconds)),
        headers: {
          'x-ratelimit-limit': String(config.limit),
          'x-ratelimit-remaining': String(Math.max(0, config.limit - window.count)),
          'x-ratelimit-reset': formatSeconds(resetSeconds),
        },
      };
    },
  };
}

/** Python renders the float with at least one decimal (`86400.0`). */
export function formatSeconds(seconds: number): string {
  const rounded = Math.round(seconds * 1000) / 1000;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}
