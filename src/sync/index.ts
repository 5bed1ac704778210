/**
 * `bluebutton-ts/sync`: keeps a PostgreSQL copy of every beneficiary's claims, coverage and patient
 * record, one BullMQ job per beneficiary (peer dependencies `bullmq`, `pg`).
 *
 * @example
 * import { createPostgresSyncSink, createSyncWorker, enqueueSync } from 'bluebutton-ts/sync';
 * const sink = await createPostgresSyncSink({ pool });
 * const worker = createSyncWorker({ bb, store, sink, connection: { host: '127.0.0.1', port: 6379 } });
 * await enqueueSync(new Queue('bluebutton-sync', { connection }), keys);
 */
export { enqueueSync, SYNC_JOB, type SyncJobData, syncJobId } from './enqueue-sync.js';
export {
  createPostgresSyncSink,
  type PostgresSyncSink,
  type PostgresSyncSinkOptions,
  syncTablesSql,
} from './postgres-sync-sink.js';
export { type SyncContext, type SyncOutcome, syncBeneficiary } from './sync-beneficiary.js';
export {
  type BeneficiaryState,
  SYNCED_TYPES,
  type SyncedResource,
  type SyncedType,
  type SyncSink,
} from './sync-sink.js';
export type { SyncJobInfo, SyncTelemetry } from './sync-telemetry.js';
export {
  createSyncWorker,
  type SyncJobEvent,
  type SyncWorker,
  type SyncWorkerOptions,
} from './sync-worker.js';
