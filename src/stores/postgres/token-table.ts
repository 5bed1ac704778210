import type { Pool } from 'pg';
import { BlueButtonError } from '../../errors/blue-button-error.js';
import { StoreUnavailableError } from '../store-unavailable-error.js';

export const DEFAULT_TOKEN_TABLE = 'bluebutton_tokens';

/** `name` or `schema.name`, unquoted identifiers only: the name is spliced into SQL. */
export function checkTableName(table: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/.test(table))
    throw new BlueButtonError(
      'INVALID_PARAMS',
      `Token table name "${table}" must be lower-case letters, digits and _ (optionally schema.table)`,
    );
  return table;
}

/**
 * The token table: one row per grant (key = `bluebutton:<clientId>:v<n>:<patient>`), `revision` for
 * compare-and-set, the lease in two columns so an operator can see who is refreshing.
 */
export function tokenTableSql(table: string = DEFAULT_TOKEN_TABLE): string {
  const t = checkTableName(table);
  return `CREATE TABLE IF NOT EXISTS ${t} (
  key         TEXT PRIMARY KEY,
  revision    BIGINT NOT NULL,
  token       JSONB NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)`;
}

/** Creates the token table if it does not exist (idempotent; safe from several processes at once). */
export async function createTokenTable(pool: Pick<Pool, 'query'>, table: string = DEFAULT_TOKEN_TABLE) {
  const sql = tokenTableSql(table);
  try {
    // Concurrent CREATE TABLE IF NOT EXISTS can still collide on the catalog; one lock serialises them.
    await pool.query(
      `DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('${table}')); EXECUTE $q$${sql}$q$; END $$`,
    );
  } catch (e) {
    throw new StoreUnavailableError('postgres', 'schema', e);
  }
}
