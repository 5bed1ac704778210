/**
 * What the sync worker tells telemetry about each job. `createSyncTelemetry` (`bluebutton-ts/telemetry`)
 * implements it on OpenTelemetry; the sync module itself imports no telemetry package.
 */
import type { SyncOutcome } from './sync-beneficiary.js';

export interface SyncJobInfo {
  /** The BullMQ queue's name. */
  readonly queue: string;
  /** 1 for a job's first run; a rerun after a failure counts up (a rate-limit delay does not). */
  readonly attempt: number;
}

export interface SyncTelemetry {
  /** Runs one job (`run`) inside whatever it records; returns or throws exactly what `run` does. */
  job(info: SyncJobInfo, run: () => Promise<SyncOutcome>): Promise<SyncOutcome>;
}
