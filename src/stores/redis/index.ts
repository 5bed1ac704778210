/**
 * `bluebutton-ts/stores/redis`: a TokenStore on Redis shared by every worker (peer dependency `ioredis`).
 *
 * @example
 * import { createRedisTokenStore } from 'bluebutton-ts/stores/redis';
 * const store = await createRedisTokenStore({ url: 'redis://127.0.0.1:6379' });
 */
export { StoreUnavailableError, type TokenStoreOperation } from '../store-unavailable-error.js';
export {
  createRedisTokenStore,
  type RedisTokenStore,
  type RedisTokenStoreOptions,
} from './redis-token-store.js';
