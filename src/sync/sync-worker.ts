import { type ConnectionOptions, type Job, Queue, RateLimitError, Worker } from 'bullmq';
import { isBlueButtonError } from '../errors/blue-button-error.js';
import { SYNC_JOB, type SyncJobData } from './enqueue-sync.js';
import { type SyncContext, type SyncOutcome, syncBeneficiary } from './sync-beneficiary.js';

export interface SyncWorkerOptions extends Omit<SyncContext, 'signal'> {
  readonly connection: ConnectionOptions;
  /** Default `bluebutton-sync`. */
  readonly queueName?: string;
  /** Beneficiaries synced at once by this worker. Default 4. */
  readonly concurrency?: number;
  /**
   * Jobs started per `duration` ms across all workers of the queue (BullMQ's limiter). Set it from your
   * BB2 limit: a job makes about 3 + (EOBs / 50) requests.
   */
  readonly limiter?: { readonly max: number; readonly duration: number };
  /**
   * How long a worker's lock on a job lasts without renewal (ms). A worker that dies stops renewing; the
   * stalled-job check then hands its jobs to another worker. Default 30,000 (BullMQ's).
   */
  readonly lockDurationMs?: number;
  /** How often workers look for stalled jobs (ms). Default 30,000. */
  readonly stalledIntervalMs?: number;
  /** Called after each job, in this process. */
  onJob?(event: SyncJobEvent): void;
}

export type SyncJobEvent =
  | { readonly jobId: string; readonly outcome: SyncOutcome }
  | { readonly jobId: string; readonly error: unknown; readonly willRetry: boolean };

export interface SyncWorker {
  readonly worker: Worker<SyncJobData, SyncOutcome>;
  /** Finishes the jobs in hand, then closes the worker's connections. */
  close(): Promise<void>;
}

/** Longest pause a 429 may impose on the whole queue: BB2 answers `Retry-After` in seconds. */
const MAX_RATE_LIMIT_PAUSE_MS = 5 * 60_000;

/**
 * A BullMQ worker that syncs one beneficiary per job (see {@link syncBeneficiary}). A 429 that outlived
 * the SDK's own retries pauses the whole queue for its `Retry-After` and puts the job back, without
 * counting an attempt; REAUTHORIZATION_REQUIRED completes the job with that outcome (never retried).
 */
export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const queueName = options.queueName ?? 'bluebutton-sync';
  const queue = new Queue<SyncJobData>(queueName, { connection: options.connection });
  const worker = new Worker<SyncJobData, SyncOutcome>(
    queueName,
    async (job: Job<SyncJobData, SyncOutcome>, _token, signal) => {
      if (job.name !== SYNC_JOB) throw new Error(`Unknown job name ${job.name}`);
      try {
        return await syncBeneficiary({ ...options, signal }, job.data.key);
      } catch (e) {
        if (isBlueButtonError(e) && e.code === 'HTTP_ERROR' && (e as { status?: unknown }).status === 429) {
          const after = (e as { retryAfterMs?: unknown }).retryAfterMs;
          await queue.rateLimit(Math.min(typeof after === 'number' ? after : 1000, MAX_RATE_LIMIT_PAUSE_MS));
          throw new RateLimitError();
        }
        throw e;
      }
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
      await queue.close();
    },
  };
}
