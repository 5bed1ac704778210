/**
 * How long the server asked us to wait: `Retry-After` (delta seconds or an HTTP date, RFC 9110 10.2.3),
 * else, for a 429, BB2's `X-RateLimit-Reset` (seconds until the window frees, a float such as `86400.0`).
 * On other statuses the reset header describes the rate window, not this failure, so it is ignored.
 */
export function retryAfterMs(headers: Headers, now: number, rateLimited: boolean): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (!rateLimited) return undefined;
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) return Math.round(Number(reset) * 1000);
  return undefined;
}

/** Numeric `X-RateLimit-*` headers; BB2 can stamp the string `None` where it has no value. */
export function rateLimitOf(headers: Headers) {
  const num = (name: string) => {
    const v = Number(headers.get(name));
    return headers.has(name) && Number.isFinite(v) ? v : undefined;
  };
  const info = {
    limit: num('x-ratelimit-limit'),
    remaining: num('x-ratelimit-remaining'),
    resetSeconds: num('x-ratelimit-reset'),
  };
  return info.limit === undefined && info.remaining === undefined && info.resetSeconds === undefined
    ? undefined
    : info;
}
