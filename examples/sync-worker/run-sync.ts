/**
 * A sync app: every beneficiary in the token table gets a job, N workers (BullMQ, here in one process;
 * in production one per machine or container) copy their claims, coverage and patient record into
 * PostgreSQL, and progress is printed as jobs finish. Run it against the sandbox with `main.ts`.
 */
import type { BlueButton } from 'bluebutton-ts';
import { createPostgresTokenStore, type PostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import {
  createPostgresSyncSink,
  createSyncWorker,
  enqueueSync,
  type SyncOutcome,
  type SyncWorker,
} from 'bluebutton-ts/sync';
import { type ConnectionOptions, Queue } from 'bullmq';
import type { Pool } from 'pg';

export interface RunSyncOptions {
  /** Builds each worker's client on the shared store (the store must be the one `bb` refreshes into). */
  readonly blueButton: (store: PostgresTokenStore) => BlueButton<2>;
  readonly pool: Pool;
  /** The token table (`schema.table`), filled by your OAuth callback. */
  readonly tokenTable: string;
  /** Schema of the sink's tables. Default `public`. */
  readonly schema?: string;
  readonly connection: ConnectionOptions;
  readonly queueName?: string;
  readonly workers: number;
  readonly log: (line: string) => void;
}

export interface RunSyncResult {
  readonly beneficiaries: number;
  readonly byStatus: Readonly<Record<SyncOutcome['status'] | 'failed', number>>;
  readonly resources: number;
}

export async function runSync(options: RunSyncOptions): Promise<RunSyncResult> {
  const queueName = options.queueName ?? 'bluebutton-sync';
  const store = await createPostgresTokenStore({ pool: options.pool, table: options.tokenTable });
  const sink = await createPostgresSyncSink({ pool: options.pool, schema: options.schema ?? 'public' });
  const { rows } = await options.pool.query<{ key: string }>(`SELECT key FROM ${store.table} ORDER BY key`);
  const keys = rows.map((r) => r.key);
  const byStatus = { synced: 0, skipped: 0, 'reauthorization-required': 0, 'rate-limited': 0, failed: 0 };
  let resources = 0;
  let finished = 0;
  let settle: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const workers: SyncWorker[] = [];
  for (let i = 0; i < options.workers; i++)
    workers.push(
      createSyncWorker({
        bb: options.blueButton(store),
        store,
        sink,
        connection: options.connection,
        queueName,
        onJob(e) {
          if ('outcome' in e) {
            byStatus[e.outcome.status]++;
            // A rate-limited job comes back after its Retry-After: not finished yet.
            if (e.outcome.status === 'rate-limited') return;
            resources += e.outcome.resources;
          } else if (e.willRetry) return;
          else byStatus.failed++;
          finished++;
          if (finished % Math.max(1, Math.ceil(keys.length / 10)) === 0 || finished === keys.length)
            options.log(`worker ${i + 1}: ${finished}/${keys.length} beneficiaries, ${resources} resources`);
          if (finished === keys.length) settle();
        },
      }),
    );
  const queue = new Queue(queueName, { connection: options.connection });
  try {
    options.log(`${keys.length} beneficiaries queued for ${options.workers} workers`);
    if (keys.length === 0) settle();
    await enqueueSync(queue, keys);
    await allDone;
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await queue.close();
  }
  return { beneficiaries: keys.length, byStatus, resources };
}
