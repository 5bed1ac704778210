import type { Pool } from 'pg';
import type { StoredToken, TokenStore } from '../../auth/token-store.js';
import { StoreUnavailableError, type TokenStoreOperation } from '../store-unavailable-error.js';
import { capLease, type SharedStoreOptions, toStoredToken } from '../stored-token-record.js';
import { checkTableName, createTokenTable, DEFAULT_TOKEN_TABLE } from './token-table.js';

export type PostgresTokenStoreOptions = ({ readonly connectionString: string } | { readonly pool: Pool }) &
  SharedStoreOptions & {
    /** `name` or `schema.name`. Default `bluebutton_tokens`. */
    readonly table?: string;
    /** Runs `CREATE TABLE IF NOT EXISTS` first. Default true. */
    readonly createTable?: boolean;
  };

export interface PostgresTokenStore extends TokenStore {
  readonly table: string;
  /** Ends the pool if the store opened it (a `connectionString`); a pool you passed stays yours. */
  close(): Promise<void>;
}

interface TokenRow {
  revision: string;
  token: unknown;
  lease_owner: string | null;
  lease_until: string | null;
}

/**
 * A TokenStore on PostgreSQL: one row per grant; compare-and-set is a single `UPDATE ... WHERE revision
 * = $n` (or `INSERT ... ON CONFLICT DO NOTHING` for a first write), atomic across processes.
 *
 * @example
 * const store = await createPostgresTokenStore({ connectionString: 'postgres://127.0.0.1/app' });
 * const bb = new BlueButton({ ...config, tokenStore: store });
 */
export async function createPostgresTokenStore(
  options: PostgresTokenStoreOptions,
): Promise<PostgresTokenStore> {
  const table = checkTableName(options.table ?? DEFAULT_TOKEN_TABLE);
  const now = options.now ?? Date.now;
  const owned = !('pool' in options);
  const pool = 'pool' in options ? options.pool : await openPool(options.connectionString);
  if (options.createTable !== false) {
    try {
      await createTokenTable(pool, table);
    } catch (e) {
      if (owned) await pool.end().catch(() => undefined);
      throw e;
    }
  }

  async function run<T>(operation: TokenStoreOperation, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      throw new StoreUnavailableError('postgres', operation, e);
    }
  }

  return {
    table,
    get(key) {
      return run('get', async () => {
        const { rows } = await pool.query<TokenRow>(
          `SELECT revision, token, lease_owner, lease_until FROM ${table} WHERE key = $1`,
          [key],
        );
        const row = rows[0];
        if (!row) return undefined;
        return toStoredToken(row.token, row.revision, { owner: row.lease_owner, until: row.lease_until });
      });
    },
    compareAndSet(key, expected, next) {
      const n: StoredToken = capLease(next, options.maxLeaseMs, now());
      const values = [
        key,
        n.revision,
        JSON.stringify(n.token),
        n.lease?.owner ?? null,
        n.lease?.until ?? null,
      ];
      return run('compareAndSet', async () => {
        const { rowCount } = expected
          ? await pool.query(
              `UPDATE ${table} SET revision = $2, token = $3, lease_owner = $4, lease_until = $5, updated_at = now()
               WHERE key = $1 AND revision = $6`,
              [...values, expected.revision],
            )
          : await pool.query(
              `INSERT INTO ${table} (key, revision, token, lease_owner, lease_until) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (key) DO NOTHING`,
              values,
            );
        return rowCount === 1;
      });
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}

async function openPool(connectionString: string): Promise<Pool> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString });
  // An idle connection the server ends (restart, pg_terminate_backend) is reported here; without a
  // listener it would crash the process. The next query opens a new connection.
  pool.on('error', () => undefined);
  return pool;
}
