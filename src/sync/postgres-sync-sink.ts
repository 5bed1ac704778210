import type { Pool } from 'pg';
import { checkTableName } from '../stores/postgres/token-table.js';
import type { BeneficiaryState, SyncSink } from './sync-sink.js';

export interface PostgresSyncSinkOptions {
  readonly pool: Pool;
  /** Schema holding `bluebutton_resources` and `bluebutton_sync_state`. Default `public`. */
  readonly schema?: string;
}

export interface PostgresSyncSink extends SyncSink {
  readonly resourcesTable: string;
  readonly stateTable: string;
}

/** The sink's tables (idempotent). Resources are keyed by (type, id): a rerun overwrites, never duplicates. */
export function syncTablesSql(schema = 'public'): string {
  const s = checkTableName(schema);
  return `CREATE TABLE IF NOT EXISTS ${s}.bluebutton_resources (
  resource_type TEXT NOT NULL,
  id            TEXT NOT NULL,
  beneficiary   TEXT NOT NULL,
  patient       TEXT NOT NULL,
  last_updated  TEXT,
  resource      JSONB NOT NULL,
  synced_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (resource_type, id)
);
CREATE TABLE IF NOT EXISTS ${s}.bluebutton_sync_state (
  beneficiary TEXT PRIMARY KEY,
  watermarks  JSONB NOT NULL DEFAULT '{}',
  status      TEXT NOT NULL DEFAULT 'active',
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)`;
}

/** A SyncSink on PostgreSQL; creates its tables if they do not exist. */
export async function createPostgresSyncSink(options: PostgresSyncSinkOptions): Promise<PostgresSyncSink> {
  const schema = checkTableName(options.schema ?? 'public');
  const { pool } = options;
  const resourcesTable = `${schema}.bluebutton_resources`;
  const stateTable = `${schema}.bluebutton_sync_state`;
  const setup = await pool.connect();
  try {
    // Workers starting together would collide on CREATE TABLE IF NOT EXISTS; one lock serialises them.
    await setup.query('BEGIN');
    await setup.query(`SELECT pg_advisory_xact_lock(hashtext('${resourcesTable}'))`);
    await setup.query(syncTablesSql(schema));
    await setup.query('COMMIT');
  } catch (e) {
    await setup.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    setup.release();
  }
  return {
    resourcesTable,
    stateTable,
    async state(beneficiary) {
      const { rows } = await pool.query<{ watermarks: BeneficiaryState['watermarks']; status: string }>(
        `SELECT watermarks, status FROM ${stateTable} WHERE beneficiary = $1`,
        [beneficiary],
      );
      const row = rows[0];
      return {
        watermarks: row?.watermarks ?? {},
        status: row?.status === 'reauthorization-required' ? 'reauthorization-required' : 'active',
      };
    },
    async write(beneficiary, patient, resources, watermarks) {
      // One statement is one transaction: the rows and the watermarks commit together, in one round trip
      // and without holding a pooled client across four.
      await pool.query(
        `WITH written AS (
           INSERT INTO ${resourcesTable} (resource_type, id, beneficiary, patient, last_updated, resource)
           SELECT r.resource_type, r.id, $2, $3, r.last_updated, r.resource
           FROM jsonb_to_recordset($1::jsonb) AS r(resource_type TEXT, id TEXT, last_updated TEXT, resource JSONB)
           ON CONFLICT (resource_type, id) DO UPDATE SET resource = EXCLUDED.resource,
             last_updated = EXCLUDED.last_updated, beneficiary = EXCLUDED.beneficiary, synced_at = now()
           RETURNING 1)
         INSERT INTO ${stateTable} (beneficiary, watermarks) VALUES ($2, $4)
         ON CONFLICT (beneficiary) DO UPDATE SET watermarks = ${stateTable}.watermarks || EXCLUDED.watermarks, updated_at = now()`,
        [
          JSON.stringify(
            resources.map((r) => ({
              resource_type: r.resourceType,
              id: r.id,
              last_updated: r.lastUpdated ?? null,
              resource: r.resource,
            })),
          ),
          beneficiary,
          patient,
          JSON.stringify(watermarks),
        ],
      );
    },
    async markReauthorizationRequired(beneficiary) {
      await pool.query(
        `INSERT INTO ${stateTable} (beneficiary, status) VALUES ($1, 'reauthorization-required')
         ON CONFLICT (beneficiary) DO UPDATE SET status = 'reauthorization-required', updated_at = now()`,
        [beneficiary],
      );
    },
  };
}
