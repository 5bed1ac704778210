/**
 * Where a beneficiary's latest token lives, shared by every process that serves that beneficiary.
 *
 * BB2 refresh tokens are single-use: if two processes refresh the same token, the second gets
 * `invalid_grant` and the beneficiary must consent again. The SDK therefore takes a short lease in the
 * store before refreshing, and adopts a newer token it finds there instead of refreshing at all. Any
 * store with an atomic compare-and-set works (Redis WATCH/MULTI or a Lua script, a SQL `UPDATE ... WHERE
 * revision = ?`, DynamoDB conditional writes).
 *
 * @example
 * // Redis, with ioredis: compare-and-set on the revision in a Lua script.
 * const CAS = `local cur = redis.call('GET', KEYS[1])
 *   local rev = cur and cjson.decode(cur).revision or -1
 *   if rev ~= tonumber(ARGV[1]) then return 0 end
 *   redis.call('SET', KEYS[1], ARGV[2]) return 1`;
 * const store: TokenStore = {
 *   async get(key) { const v = await redis.get(key); return v ? JSON.parse(v) : undefined; },
 *   async compareAndSet(key, expected, next) {
 *     return (await redis.eval(CAS, 1, key, String(expected?.revision ?? -1), JSON.stringify(next))) === 1;
 *   },
 * };
 * const bb = new BlueButton({ ...config, tokenStore: store });
 */
import type { AuthorizationTokenJSON } from './authorization-token.js';

export interface StoredToken {
  readonly token: AuthorizationTokenJSON;
  /** Increases by one on every write; compare-and-set compares it. */
  readonly revision: number;
  /** Set while one process refreshes; others wait for it (or for `until`) instead of refreshing too. */
  readonly lease?: { readonly owner: string; readonly until: number } | undefined;
}

export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  /**
   * Writes `next` only if the stored record's revision still equals `expected?.revision` (absent when
   * `expected` is undefined). Returns whether it wrote. Must be atomic across processes.
   */
  compareAndSet(key: string, expected: StoredToken | undefined, next: StoredToken): Promise<boolean>;
}

/** The default store: one process's memory. Correct within a process; use a shared store across processes. */
export function createMemoryTokenStore(): TokenStore {
  const records = new Map<string, StoredToken>();
  return {
    async get(key) {
      return records.get(key);
    },
    async compareAndSet(key, expected, next) {
      if (records.get(key)?.revision !== expected?.revision) return false;
      records.set(key, next);
      return true;
    },
  };
}
