/**
 * createSyncTelemetry with the real OpenTelemetry SDK and its in-memory exporters: a span per sync job
 * (status, resources, requests, attempt), the request spans of createTelemetryHooks under it, job and
 * resource counters; no attribute anywhere holds a patient id, an MBI, a token, a store key or a job id.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Context, type ContextManager, context, ROOT_CONTEXT } from '@opentelemetry/api';
import type { DataPoint } from '@opentelemetry/sdk-metrics';
import { BlueButton } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import { createPostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import { createPostgresSyncSink, createSyncWorker, enqueueSync, syncJobId } from 'bluebutton-ts/sync';
import { createSyncTelemetry, createTelemetryHooks } from 'bluebutton-ts/telemetry';
import { Queue } from 'bullmq';
import pg from 'pg';
import { expect, test } from 'vitest';
import { PG_URL, pgSchema, uniqueName } from '../stores/helpers/backends.js';
import { inMemoryMeter, inMemoryTracer } from '../telemetry/helpers/in-memory-otel.js';

/** The context manager an OpenTelemetry Node SDK registers, in its few lines: contexts follow awaits. */
class AsyncContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();
  active() {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.#storage.run(ctx, () => fn.apply(thisArg, args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable() {
    return this;
  }
  disable() {
    this.#storage.disable();
    return this;
  }
}

test('a span per sync job, with the request spans under it, counters by status and type, and no PHI', async () => {
  const manager = new AsyncContextManager();
  context.setGlobalContextManager(manager);
  const sandbox = await startSandbox({ beneficiaries: 2, eobsPerBeneficiary: 7 });
  const pgs = await pgSchema('synctel');
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const queueName = uniqueName('synctel');
  const queue = new Queue(queueName, { connection });
  const { spans, tracer } = inMemoryTracer();
  const { reader, meter } = inMemoryMeter();
  const store = await createPostgresTokenStore({ pool, table: `${pgs.schema}.tokens` });
  const secrets: string[] = [];
  const keys: string[] = [];
  try {
    const login = new BlueButton({ ...sandbox.config(), version: 2 });
    for (const i of [0, 1]) {
      const authData = login.generateAuthData();
      const token = await login.handleCallback(
        authData,
        await sandbox.authorize(login.generateAuthorizeUrl(authData), { beneficiary: i }),
      );
      const key = `bluebutton:${sandbox.client.clientId}:v2:${token.patient}`;
      await store.compareAndSet(key, undefined, { token: token.toJSON(), revision: 1 });
      keys.push(key);
      secrets.push(key, syncJobId(key), token.accessToken, token.refreshToken ?? '', token.patient);
    }
    for (const b of sandbox.dataset.beneficiaries) secrets.push(b.mbi, b.patientId.v2, b.username);
    sandbox.expireGrant(1);
    const bb = new BlueButton({
      ...sandbox.config(),
      version: 2,
      tokenStore: store,
      hooks: createTelemetryHooks({ tracer, meter }),
    });
    const sink = await createPostgresSyncSink({ pool, schema: pgs.schema });
    let done = 0;
    const worker = createSyncWorker({
      bb,
      store,
      sink,
      connection,
      queueName,
      telemetry: createSyncTelemetry({ tracer, meter }),
      onJob: () => done++,
    });
    await enqueueSync(queue, keys);
    await expect.poll(() => done, { timeout: 20_000 }).toBe(2);
    await worker.close();
    const first = sandbox.dataset.beneficiaries[0];
    const coverages = first ? sandbox.dataset.coverages(first, 2).length : 0;

    const all = spans.getFinishedSpans();
    const { resourceMetrics } = await reader.collect();
    // Nothing secret or identifying in any span's name or attribute, nor in any metric.
    const text = JSON.stringify([
      all.map((s) => [s.name, s.attributes, s.events]),
      resourceMetrics.scopeMetrics.flatMap((m) => m.metrics.map((x) => x.dataPoints)),
    ]);
    for (const s of secrets.filter((x) => x !== '')) expect(text).not.toContain(s);
    const jobs = all.filter((s) => s.name === 'bluebutton.sync_job');
    expect(
      jobs
        .map((s) => s.attributes)
        .sort((a, b) =>
          String(a['bluebutton.sync.status']).localeCompare(String(b['bluebutton.sync.status'])),
        ),
    ).toEqual([
      {
        'messaging.system': 'bullmq',
        'messaging.destination.name': queueName,
        'bluebutton.sync.attempt': 1,
        'bluebutton.sync.status': 'reauthorization-required',
        'bluebutton.sync.resources': 0,
        'bluebutton.sync.requests': 0,
      },
      {
        'messaging.system': 'bullmq',
        'messaging.destination.name': queueName,
        'bluebutton.sync.attempt': 1,
        'bluebutton.sync.status': 'synced',
        'bluebutton.sync.resources': 7 + coverages + 1,
        'bluebutton.sync.requests': 3,
      },
    ]);
    // Every request span belongs to a job span: the job's span is active while it runs.
    const jobIds = new Set(jobs.map((s) => s.spanContext().spanId));
    const requests = all.filter((s) => s.name.startsWith('GET ') || s.name.startsWith('POST '));
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(requests.filter((s) => !jobIds.has(s.parentSpanContext?.spanId ?? ''))).toEqual([]);

    const points = (name: string) =>
      resourceMetrics.scopeMetrics
        .flatMap((m) => m.metrics)
        .filter((m) => m.descriptor.name === name)
        .flatMap((m) => m.dataPoints as DataPoint<unknown>[])
        .map((p) => ({ attributes: p.attributes, value: p.value }));
    expect(points('bluebutton.sync.jobs')).toEqual(
      expect.arrayContaining([
        { attributes: { 'bluebutton.sync.status': 'synced' }, value: 1 },
        { attributes: { 'bluebutton.sync.status': 'reauthorization-required' }, value: 1 },
      ]),
    );
    expect(points('bluebutton.sync.resources')).toEqual([
      { attributes: { 'fhir.resource_type': 'ExplanationOfBenefit' }, value: 7 },
      { attributes: { 'fhir.resource_type': 'Coverage' }, value: coverages },
      { attributes: { 'fhir.resource_type': 'Patient' }, value: 1 },
    ]);
    expect(points('bluebutton.sync.job.duration')).toHaveLength(2);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    await pool.end();
    await pgs.drop();
    await sandbox.close();
    context.disable();
  }
});
