import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';

export const SYNC_JOB = 'bluebutton-sync';

export interface SyncJobData {
  /** The beneficiary's token store key (`bluebutton:<clientId>:v2:<patient>`). */
  readonly key: string;
}

/**
 * The job id of a beneficiary: a hash of its store key, so BullMQ holds one job per beneficiary at a
 * time and Redis key names carry no patient id.
 */
export function syncJobId(key: string): string {
  return `sync-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/**
 * Queues one sync per beneficiary. A beneficiary whose job is still waiting or running is not queued
 * twice (same job id); finished jobs are removed so the next run can queue it again.
 */
export async function enqueueSync(queue: Queue, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    await queue.addBulk(
      keys.slice(i, i + 500).map((key) => ({
        name: SYNC_JOB,
        data: { key } satisfies SyncJobData,
        opts: {
          jobId: syncJobId(key),
          removeOnComplete: true,
          removeOnFail: true,
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
        },
      })),
    );
  }
}
