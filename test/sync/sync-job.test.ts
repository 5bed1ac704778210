/**
 * One worker in this process against the sandbox, the real PostgreSQL and Redis: a beneficiary whose
 * grant ended is marked and never retried; a 429 beyond the SDK's patience delays only that
 * beneficiary's job by its Retry-After without spending an attempt; a beneficiary is queued once.
 */
import { BlueButton, type StoredToken } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { createPostgresTokenStore, type PostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import {
  createPostgresSyncSink,
  createSyncWorker,
  enqueueSync,
  type SyncJobEvent,
  type SyncWorker,
  syncJobId,
} from 'bluebutton-ts/sync';
import { Queue } from 'bullmq';
import pg from 'pg';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { PG_URL, pgSchema, uniqueName } from '../stores/helpers/backends.js';

const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
const EOB_ROUTE = 'GET /v2/fhir/ExplanationOfBenefit/';

let sandbox: Sandbox;
let pgs: Awaited<ReturnType<typeof pgSchema>>;
let pool: pg.Pool;
let store: PostgresTokenStore;
let queue: Queue;
let queueName: string;
let keys: string[];
let worker: SyncWorker | undefined;

beforeEach(async () => {
  sandbox = await startSandbox({ beneficiaries: 3, eobsPerBeneficiary: 4 });
  pgs = await pgSchema('syncjob');
  pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
  store = await createPostgresTokenStore({ pool, table: `${pgs.schema}.tokens` });
  queueName = uniqueName('syncjob');
  queue = new Queue(queueName, { connection });
  const bb = new BlueButton({ ...sandbox.config(), version: 2 });
  keys = [];
  for (const i of [0, 1, 2]) {
    const authData = bb.generateAuthData();
    const token = await bb.handleCallback(
      authData,
      await sandbox.authorize(bb.generateAuthorizeUrl(authData), { beneficiary: i }),
    );
    const key = `bluebutton:${sandbox.client.clientId}:v2:${token.patient}`;
    await store.compareAndSet(key, undefined, { token: token.toJSON(), revision: 1 } satisfies StoredToken);
    keys.push(key);
  }
});

afterEach(async () => {
  await worker?.close();
  worker = undefined;
  await queue.obliterate({ force: true });
  await queue.close();
  await pool.end();
  await pgs.drop();
  await sandbox.close();
});

async function startWorker(events: SyncJobEvent[], retrySettings = {}) {
  const bb = new BlueButton({
    ...sandbox.config(),
    version: 2,
    tokenStore: store,
    retrySettings: { total: 2, backoffFactor: 0.01, jitter: false, ...retrySettings },
  });
  const sink = await createPostgresSyncSink({ pool, schema: pgs.schema });
  worker = createSyncWorker({
    bb,
    store,
    sink,
    connection,
    queueName,
    concurrency: 3,
    onJob: (e) => events.push(e),
  });
  await worker.worker.waitUntilReady();
  return sink;
}

const statusOf = (e: SyncJobEvent) => ('outcome' in e ? e.outcome.status : 'error');

test('REAUTHORIZATION_REQUIRED marks the beneficiary, ends its job without retry, and later runs skip it', async () => {
  sandbox.expireGrant(1);
  const events: SyncJobEvent[] = [];
  const sink = await startWorker(events);
  await enqueueSync(queue, keys);
  await expect.poll(() => events.length, { timeout: 20_000 }).toBe(3);
  const byJob = new Map(events.map((e) => [e.jobId, statusOf(e)]));
  expect(byJob).toEqual(
    new Map([
      [syncJobId(keys[0] ?? ''), 'synced'],
      [syncJobId(keys[1] ?? ''), 'reauthorization-required'],
      [syncJobId(keys[2] ?? ''), 'synced'],
    ]),
  );
  expect(await sink.state(keys[1] ?? '')).toEqual({ watermarks: {}, status: 'reauthorization-required' });
  const rows = await pgs.admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${pgs.schema}.bluebutton_resources WHERE beneficiary = $1`,
    [keys[1]],
  );
  expect(rows.rows[0]).toEqual({ n: 0 });
  // One refused search and one refused refresh: the job was not run again.
  const refreshes = sandbox.requests.filter(
    (r) => r.routeKey === 'POST /v2/o/token/' && r.body.includes('grant_type=refresh_token'),
  );
  expect(refreshes).toHaveLength(1);
  expect(sandbox.requests.filter((r) => r.routeKey === EOB_ROUTE)).toHaveLength(3);

  // The next run skips it without a request, and syncs the others (nothing new).
  const before = sandbox.requests.length;
  await enqueueSync(queue, keys);
  await expect.poll(() => events.length, { timeout: 20_000 }).toBe(6);
  expect(events.slice(3).find((e) => e.jobId === syncJobId(keys[1] ?? ''))).toEqual({
    jobId: syncJobId(keys[1] ?? ''),
    outcome: { status: 'skipped', resources: 0, requests: 0 },
  });
  expect(sandbox.requests.slice(before).filter((r) => r.routeKey === EOB_ROUTE)).toHaveLength(2);
});

test("a 429 beyond the SDK's retries delays that beneficiary's job by Retry-After, spends no attempt, and the others go on", async () => {
  // Retry-After 5 s is above the SDK's maxDelayMs (1 s): the SDK hands the 429 to the worker at once.
  sandbox.faults.set(EOB_ROUTE, [{ status: 429, retryAfter: 5 }]);
  const events: SyncJobEvent[] = [];
  await startWorker(events, { maxDelayMs: 1000 });
  await enqueueSync(queue, keys);
  await expect.poll(() => events.length, { timeout: 20_000 }).toBe(4);
  const limited = events[0];
  expect(limited && 'outcome' in limited ? limited.outcome : undefined).toEqual({
    status: 'rate-limited',
    resources: 0,
    requests: 0,
    retryAfterMs: 5000,
  });
  // The other two finished while the limited one waited; then it ran again and synced.
  expect(events.map(statusOf)).toEqual(['rate-limited', 'synced', 'synced', 'synced']);
  expect(events[3]?.jobId).toBe(limited?.jobId);
  expect(new Set(events.slice(1).map((e) => e.jobId)).size).toBe(3);
  // Four EOB searches (one 429, three answers), and the job that waited still had all its attempts.
  expect(sandbox.requests.filter((r) => r.routeKey === EOB_ROUTE)).toHaveLength(4);
  expect(sandbox.faults.pending(EOB_ROUTE)).toBe(0);
});

test('the delayed job carries the Retry-After as its delay and no attempt made', async () => {
  sandbox.faults.set(EOB_ROUTE, [{ status: 429, retryAfter: 60 }]);
  const events: SyncJobEvent[] = [];
  await startWorker(events, { maxDelayMs: 1000 });
  await enqueueSync(queue, keys.slice(0, 1));
  await expect.poll(() => events.length, { timeout: 20_000 }).toBe(1);
  const job = await queue.getJob(syncJobId(keys[0] ?? ''));
  expect(await job?.getState()).toBe('delayed');
  // Retry-After as the delay (less the microseconds between reading the clock and moving the job).
  expect(job?.delay).toBeGreaterThan(59_000);
  expect(job?.delay).toBeLessThanOrEqual(60_000);
  expect(job?.attemptsMade).toBe(0);
});

test('a beneficiary already queued is not queued twice', async () => {
  await enqueueSync(queue, keys);
  await enqueueSync(queue, [...keys, ...keys]);
  expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 3 });
  const events: SyncJobEvent[] = [];
  await startWorker(events);
  await expect.poll(() => events.length, { timeout: 20_000 }).toBe(3);
  expect(new Set(events.map((e) => e.jobId)).size).toBe(3);
});
