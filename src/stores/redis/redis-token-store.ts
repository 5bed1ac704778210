import type { Redis } from 'ioredis';
import type { TokenStore } from '../../auth/token-store.js';
import { StoreUnavailableError, type TokenStoreOperation } from '../store-unavailable-error.js';
import { capLease, type SharedStoreOptions, toStoredToken } from '../stored-token-record.js';

export type RedisTokenStoreOptions = ({ readonly url: string } | { readonly client: Redis }) &
  SharedStoreOptions & {
    /** Prepended to every key. Default none (the SDK's keys already start with `bluebutton:`). */
    readonly keyPrefix?: string;
  };

export interface RedisTokenStore extends TokenStore {
  /** Quits the connection if the store opened it (a `url`); a client you passed stays yours. */
  close(): Promise<void>;
}

/**
 * Compare-and-set in one script (atomic in Redis). A replay of the same write answers 1: a client that
 * resends a command after a dropped connection must not read its own success as a lost race.
 */
const CAS = `local cur = redis.call('HGET', KEYS[1], 'revision')
if cur == ARGV[2] and redis.call('HGET', KEYS[1], 'record') == ARGV[3] then return 1 end
if ARGV[1] == '' then
  if cur then return 0 end
elseif cur ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'revision', ARGV[2], 'record', ARGV[3])
return 1`;

/**
 * A TokenStore on Redis (peer dependency `ioredis`): one hash per grant (`revision`, `record`), written
 * only by a Lua compare-and-set on the revision.
 *
 * @example
 * const store = await createRedisTokenStore({ url: 'redis://127.0.0.1:6379' });
 * const bb = new BlueButton({ ...config, tokenStore: store });
 */
export async function createRedisTokenStore(options: RedisTokenStoreOptions): Promise<RedisTokenStore> {
  const prefix = options.keyPrefix ?? '';
  const now = options.now ?? Date.now;
  const owned = !('client' in options);
  const client = 'client' in options ? options.client : await openClient(options.url);

  async function run<T>(operation: TokenStoreOperation, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw new StoreUnavailableError('redis', operation, e);
    }
  }

  return {
    get(key) {
      return run('get', async () => {
        const [revision, record] = await client.hmget(prefix + key, 'revision', 'record');
        if (revision == null || record == null) return undefined;
        const parsed: unknown = JSON.parse(record);
        const { token, lease } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
          token?: unknown;
          lease?: unknown;
        };
        return toStoredToken(token, revision, lease);
      });
    },
    compareAndSet(key, expected, next) {
      const n = capLease(next, options.maxLeaseMs, now());
      const record = JSON.stringify({ token: n.token, lease: n.lease });
      return run('compareAndSet', async () => {
        const expectedRevision = expected === undefined ? '' : String(expected.revision);
        const wrote = await client.eval(CAS, 1, prefix + key, expectedRevision, String(n.revision), record);
        return wrote === 1;
      });
    },
    async close() {
      if (owned) await client.quit();
    },
  };
}

async function openClient(url: string): Promise<Redis> {
  const { Redis } = await import('ioredis');
  // A few retries per command ride out a dropped connection; past them the caller gets a typed error
  // instead of a command queued forever.
  const client = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: true });
  // Connection errors surface on the commands that fail; without a listener ioredis prints each one.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    client.disconnect();
    throw new StoreUnavailableError('redis', 'connect', e);
  }
  return client;
}
