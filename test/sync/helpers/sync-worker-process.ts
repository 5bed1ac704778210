/**
 * One sync worker process (started with `fork`): BullMQ worker + PostgreSQL token store and sink. It
 * reports every job, every SDK retry (reason and delay) and every 429 it was answered, over IPC.
 */
import pg from 'pg';
import { BlueButton } from '../../../src/index.js';
import { createPostgresTokenStore } from '../../../src/stores/postgres/index.js';
import { createPostgresSyncSink, createSyncWorker, type SyncOutcome } from '../../../src/sync/index.js';

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
  | { type: 'job'; jobId: string; outcome: SyncOutcome }
  | { type: 'failed'; jobId: string; code: string; willRetry: boolean }
  | { type: 'retry'; reason: number | string; delayMs: number }
  | { type: 'throttled' };

const send = (m: FromSyncWorker) => process.send?.(m);

process.once('message', async (m: { type: 'setup'; setup: SyncWorkerSetup }) => {
  const s = m.setup;
  const pool = new pg.Pool({ connectionString: s.pgUrl, max: 4 });
  pool.on('error', () => undefined);
  const store = await createPostgresTokenStore({ pool, table: s.tokenTable, createTable: false });
  const sink = await createPostgresSyncSink({ pool, schema: s.schema });
  const bb = new BlueButton({
    ...s.config,
    environment: 'LOCAL',
    version: 2,
    tokenStore: store,
    retrySettings: { total: 4, backoffFactor: 0.01, jitter: false },
    hooks: {
      onRetry: (r) => send({ type: 'retry', reason: r.reason, delayMs: r.delayMs }),
      onResponse: (r) => (r.status === 429 ? send({ type: 'throttled' }) : undefined),
    },
  });
  const worker = createSyncWorker({
    bb,
    store,
    sink,
    connection: { ...s.redis, maxRetriesPerRequest: null },
    queueName: s.queueName,
    concurrency: 8,
    // Long enough that a worker starved of CPU on a loaded machine keeps its locks; short enough that
    // the killed worker's jobs are taken over within seconds.
    lockDurationMs: 5000,
    stalledIntervalMs: 1000,
    onJob(e) {
      if ('outcome' in e) send({ type: 'job', jobId: e.jobId, outcome: e.outcome });
      else {
        const code = (e.error as { code?: unknown }).code;
        send({ type: 'failed', jobId: e.jobId, code: String(code ?? e.error), willRetry: e.willRetry });
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
  send({ type: 'ready' });
});
