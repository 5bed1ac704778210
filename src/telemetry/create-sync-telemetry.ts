import { type Meter, metrics, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { isBlueButtonError } from '../errors/blue-button-error.js';
import type { SyncOutcome } from '../sync/sync-beneficiary.js';
import { SYNCED_TYPES } from '../sync/sync-sink.js';
import type { SyncTelemetry } from '../sync/sync-telemetry.js';
import { SDK_VERSION } from '../types.js';

export interface SyncTelemetryOptions {
  /** Default: the global tracer provider's `bluebutton-ts` tracer (a no-op until an SDK is registered). */
  readonly tracer?: Tracer;
  /** Default: the global meter provider's `bluebutton-ts` meter. */
  readonly meter?: Meter;
}

/**
 * A `bluebutton.sync_job` span per sync job (queue, attempt, status, resources written, requests, the
 * `Retry-After` of a rate-limited run), active while the job runs so the request spans of
 * `createTelemetryHooks` nest under it; counters of jobs by status and of resources written by type, and
 * a histogram of job durations. No attribute holds a patient id, a job id (a hash of one) or a token.
 *
 * @example
 * const worker = createSyncWorker({ bb, store, sink, connection, telemetry: createSyncTelemetry() });
 */
export function createSyncTelemetry(options: SyncTelemetryOptions = {}): SyncTelemetry {
  const tracer = options.tracer ?? trace.getTracer('bluebutton-ts', SDK_VERSION);
  const meter = options.meter ?? metrics.getMeter('bluebutton-ts', SDK_VERSION);
  const jobs = meter.createCounter('bluebutton.sync.jobs', { description: 'Sync jobs run, by status' });
  const written = meter.createCounter('bluebutton.sync.resources', {
    description: 'Resources upserted by sync jobs, by FHIR type',
  });
  const duration = meter.createHistogram('bluebutton.sync.job.duration', {
    description: 'How long a sync job ran',
    unit: 'ms',
  });
  const record = (span: { setAttributes(a: Record<string, string | number>): unknown }, o: SyncOutcome) => {
    span.setAttributes({
      'bluebutton.sync.status': o.status,
      'bluebutton.sync.resources': o.resources,
      'bluebutton.sync.requests': o.requests,
      ...(o.status === 'rate-limited' ? { 'bluebutton.sync.retry_after_ms': o.retryAfterMs } : {}),
    });
    if (o.status === 'synced')
      for (const type of SYNCED_TYPES)
        if (o.written[type] > 0) written.add(o.written[type], { 'fhir.resource_type': type });
  };
  return {
    job(info, run) {
      const attributes = {
        'messaging.system': 'bullmq',
        'messaging.destination.name': info.queue,
        'bluebutton.sync.attempt': info.attempt,
      };
      return tracer.startActiveSpan('bluebutton.sync_job', { attributes }, async (span) => {
        const started = performance.now();
        let status = 'failed';
        try {
          const outcome = await run();
          status = outcome.status;
          record(span, outcome);
          return outcome;
        } catch (e) {
          // The code, not the message: messages name URLs and servers' words.
          const type = isBlueButtonError(e) ? e.code : e instanceof Error ? e.name : 'unknown';
          span.setAttributes({ 'bluebutton.sync.status': 'failed', 'error.type': type });
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw e;
        } finally {
          jobs.add(1, { 'bluebutton.sync.status': status });
          duration.record(performance.now() - started, { 'bluebutton.sync.status': status });
          span.end();
        }
      });
    },
  };
}
