import { type ConnectionOptions, DelayedError, type Job, Worker } from 'bullmq';
import { SYNC_JOB, type SyncJobData } from './enqueue-sync.js';
import { type SyncContext, type SyncOutcome, syncBeneficiary } from './sync-beneficiary.js';
import type { SyncTelemetry } from './sync-telemetry.js';

export interface SyncWorkerOptions extends Omit<SyncContext, 'signal'> {
  readonly connection: ConnectionOptions;
  /** Default `bluebutton-sync`. */
  readonly queueName?: string;
  /** Beneficiaries synced at once by this worker. Default 4. */
  readonly concurrency?: number;
  /**
   * Jobs started per `duration` ms across all workers of the queue (BullMQ's limiter). Set it from your
   * BB2 limit: a job makes 3 requests (EOB page, Coverage, Patient) plus one per further 50 EOBs.
   */
  readonly limiter?: { readonly max: number; readonly duration: number };
  /**
   * How long a worker's lock on a job lasts without renewal (ms). A worker that dies stops renewing; the
   * stalled-job check then hands its jobs to another worker. Default 30,000 (BullMQ's).
   */
  readonly lockDurationMs?: number;
  /** How often workers look for stalled jobs (ms). Default 30,000. */
  readonly stalledIntervalMs?: number;
  /** A span (and metrics) per job: `createSyncTelemetry()` from `bluebutton-ts/telemetry`. */
  readonly telemetry?: SyncTelemetry;
  /** Called after each job, in this process. */
  onJob?(event: SyncJobEvent): void;
}

/**
 * `outcome` once a job ended (a `rate-limited` outcome: it runs again after `retryAfterMs`); `error` when
 * it threw (`willRetry`: the queue runs it again).
 */
export type SyncJobEvent =
  | { readonly jobId: string; readonly outcome: SyncOutcome }
  | { readonly jobId: string; readonly error: unknown; readonly willRetry: boolean };

export interface SyncWorker {
  readonly worker: Worker<SyncJobData, SyncOutcome>;
  /** Finishes the jobs in hand, then closes the worker's connections. */
  close(): Promise<void>;
}

/** Longest wait a 429 may impose on a beneficiary: a garbled `Retry-After` must not park it for years. */
const MAX_RATE_LIMIT_DELAY_MS = 24 * 3600_000;

/**
 * A BullMQ worker that syncs one beneficiary per job (see {@link syncBeneficiary}). BB2 throttles per
 * access token, so a 429 that outlived the SDK's own retries delays only that beneficiary's job, for its
 * `Retry-After`, without counting an attempt; REAUTHORIZATION_REQUIRED completes the job with that
 * outcome (never retried).
 */
export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const queueName = options.queueName ?? 'bluebutton-sync';
  const worker = new Worker<SyncJobData, SyncOutcome>(
    queueName,
    async (job: Job<SyncJobData, SyncOutcome>, token, signal) => {
      if (job.name !== SYNC_JOB) throw new Error(`Unknown job name ${job.name}`);
      const run = () => syncBeneficiary({ ...options, signal }, job.data.key);
      const info = { queue: queueName, attempt: job.attemptsMade + 1 };
      const outcome = await (options.telemetry ? options.telemetry.job(info, run) : run());
      if (outcome.status === 'rate-limited') {
        await job.moveToDelayed(Date.now() + Math.min(outcome.retryAfterMs, MAX_RATE_LIMIT_DELAY_MS), token);
        options.onJob?.({ jobId: job.id ?? '', outcome });
        throw new DelayedError();
      }
      return outcome;
    },
    {
      connection: options.connection,
      concurrency: options.concurrency ?? 4,
      ...(options.limiter ? { limiter: { ...options.limiter } } : {}),
      ...(options.lockDurationMs === undefined ? {} : { lockDuration: options.lockDurationMs }),
      ...(options.stalledIntervalMs === undefined ? {} : { stalledInterval: options.stalledIntervalMs }),
      maxStalledCount: 3,
    },
  );
  // Job failures reach onJob; the worker's own errors (Redis away) must not crash the process.
  worker.on('error', () => undefined);
  worker.on('completed', (job, outcome) => options.onJob?.({ jobId: job.id ?? '', outcome }));
  worker.on('failed', (job, error) => {
    if (!job) return;
    const willRetry = job.attemptsMade < (job.opts.attempts ?? 1);
    options.onJob?.({ jobId: job.id ?? '', error, willRetry });
  });
  return {
    worker,
    async close() {
      await worker.close();
    },
  };
}
