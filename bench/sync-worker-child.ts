/**
 * One sync worker process of the sync bench (started with `fork`): a BullMQ worker on the shared
 * PostgreSQL token store and sink, reporting each job's duration (active to completed) over IPC.
 */
import pg from 'pg';
import { BlueButton } from '../src/index.js';
import { createPostgresTokenStore } from '../src/stores/postgres/index.js';
import { createPostgresSyncSink, createSyncWorker } from '../src/sync/index.js';

export interface SyncChildSetup {
  readonly config: { clientId: string; clientSecret: string; callbackUrl: string; baseUrl: string };
  readonly pgUrl: string;
  readonly tokenTable: string;
  readonly schema: string;
  readonly queueName: string;
  readonly concurrency: number;
  readonly limiter: { readonly max: number; readonly duration: number };
}

export type FromSyncChild =
  | { readonly type: 'ready' }
  | { readonly type: 'job'; readonly ms: number; readonly status: string; readonly resources: number }
  | { readonly type: 'failed'; readonly code: string };

const send = (m: FromSyncChild) => process.send?.(m);

process.once('message', async (m: { type: 'setup'; setup: SyncChildSetup }) => {
  const s = m.setup;
  const pool = new pg.Pool({ connectionString: s.pgUrl, max: s.concurrency + 2 });
  pool.on('error', () => undefined);
  const store = await createPostgresTokenStore({ pool, table: s.tokenTable, createTable: false });
  const sink = await createPostgresSyncSink({ pool, schema: s.schema });
  const bb = new BlueButton({ ...s.config, environment: 'LOCAL', version: 2, tokenStore: store });
  const started = new Map<string, number>();
  const sync = createSyncWorker({
    bb,
    store,
    sink,
    connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
    queueName: s.queueName,
    concurrency: s.concurrency,
    limiter: s.limiter,
    onJob(e) {
      const t0 = started.get(e.jobId);
      started.delete(e.jobId);
      if ('outcome' in e)
        send({
          type: 'job',
          ms: t0 === undefined ? Number.NaN : performance.now() - t0,
          status: e.outcome.status,
          resources: e.outcome.resources,
        });
      else send({ type: 'failed', code: String((e.error as { code?: unknown }).code ?? e.error) });
    },
  });
  sync.worker.on('active', (job) => started.set(job.id ?? '', performance.now()));
  await sync.worker.waitUntilReady();
  process.on('message', async (x: { type: string }) => {
    if (x.type !== 'exit') return;
    await sync.close();
    await pool.end();
    process.exit(0);
  });
  send({ type: 'ready' });
});
