/**
 * `bluebutton-ts/stores/postgres`: a TokenStore on PostgreSQL shared by every worker (peer dependency `pg`).
 *
 * @example
 * import { createPostgresTokenStore } from 'bluebutton-ts/stores/postgres';
 * const store = await createPostgresTokenStore({ connectionString: process.env.DATABASE_URL ?? '' });
 */
export { StoreUnavailableError, type TokenStoreOperation } from '../store-unavailable-error.js';
export {
  createPostgresTokenStore,
  type PostgresTokenStore,
  type PostgresTokenStoreOptions,
} from './postgres-token-store.js';
export { createTokenTable, DEFAULT_TOKEN_TABLE, tokenTableSql } from './token-table.js';
