/** One sync worker process (started with `fork`): BullMQ worker + PostgreSQL token store and sink. */
import pg from 'pg';
import { BlueButton } from '../../../src/index.js';
import { createPostgresTokenStore } from '../../../src/stores/postgres/index.js';
import { createPostgresSyncSink, createSyncWorker } from '../../../src/sync/index.js';

export interface SyncWorkerSetup {
  readonly config: { clientId: string; clientSecret: string; callbackUrl: string; baseUrl: string };
  readonly pgUrl: string;
  readonly tokenTable: string;
  readonly schema: string;
  readonly redis: { host: string; port: number };
  readonly queueName: string;
}

export type FromSyncWorker =
  | { type: 'ready' }
  | { type: 'job'; jobId: string; status: string; resources: number }
  | { type: 'failed'; jobId: string; code: string; willRetry: boolean };

process.once('message', async (m: { type: 'setup'; setup: SyncWorkerSetup }) => {
  const s = m.setup;
  const pool = new pg.Pool({ connectionString: s.pgUrl, max: 6 });
  pool.on('error', () => undefined);
  const store = await createPostgresTokenStore({ pool, table: s.tokenTable, createTable: false });
  const sink = await createPostgresSyncSink({ pool, schema: s.schema });
  const bb = new BlueButton({
    ...s.config,
    environment: 'LOCAL',
    version: 2,
    tokenStore: store,
    retrySettings: { total: 4, backoffFactor: 0.01, jitter: false },
  });
  const worker = createSyncWorker({
    bb,
    store,
    sink,
    connection: { ...s.redis, maxRetriesPerRequest: null },
    queueName: s.queueName,
    concurrency: 8,
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
    onJob(e) {
      if ('outcome' in e)
        process.send?.({
          type: 'job',
          jobId: e.jobId,
          status: e.outcome.status,
          resources: e.outcome.resources,
        });
      else {
        const code = (e.error as { code?: unknown }).code;
        process.send?.({
          type: 'failed',
          jobId: e.jobId,
          code: String(code ?? e.error),
          willRetry: e.willRetry,
        });
      }
    },
  });
  await worker.worker.waitUntilReady();
  process.on('message', async (x: { type: string }) => {
    if (x.type !== 'exit') return;
    await worker.close();
    await pool.end();
    process.exit(0);
  });
  process.send?.({ type: 'ready' } satisfies FromSyncWorker);
});
