/**
 * The sync against the sandbox (its per-token throttle on, so 429 + Retry-After happen): 500
 * beneficiaries, 4 worker processes on BullMQ, one SIGKILLed mid-run. Every resource lands exactly once
 * in PostgreSQL (ids equal the sandbox's), watermarks are the newest lastUpdated, and a second run
 * asks only for what changed since (`_lastUpdated=gt<watermark>`) and writes nothing new.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { BlueButton, type StoredToken } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { createPostgresTokenStore, type PostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import { enqueueSync } from 'bluebutton-ts/sync';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PG_URL, pgSchema, uniqueName } from '../stores/helpers/backends.js';
import type { FromSyncWorker, SyncWorkerSetup } from './helpers/sync-worker-process.js';

const BENEFICIARIES = 500;
const EOBS = 3;
const WORKER = join(import.meta.dirname, 'helpers', 'sync-worker-process.ts');
const redis = { host: '127.0.0.1', port: 6379 };

let sandbox: Sandbox;
let pgs: Awaited<ReturnType<typeof pgSchema>>;
let store: PostgresTokenStore;
let queue: Queue;
let keys: string[];
const queueName = uniqueName('sync');

beforeAll(async () => {
  // 3 requests per token per second: each job's third or fourth request meets a 429 with Retry-After.
  sandbox = await startSandbox({
    beneficiaries: BENEFICIARIES,
    eobsPerBeneficiary: EOBS,
    rateLimit: { limit: 3, windowSeconds: 1 },
  });
  pgs = await pgSchema('sync');
  store = await createPostgresTokenStore({ connectionString: PG_URL, table: `${pgs.schema}.tokens` });
  queue = new Queue(queueName, { connection: redis });
  const bb = new BlueButton({ ...sandbox.config(), version: 2 });
  keys = [];
  for (let i = 0; i < BENEFICIARIES; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, BENEFICIARIES - i) }, async (_, j) => {
        const authData = bb.generateAuthData();
        const token = await bb.handleCallback(
          authData,
          await sandbox.authorize(bb.generateAuthorizeUrl(authData), { beneficiary: i + j }),
        );
        const key = `bluebutton:${sandbox.client.clientId}:v2:${token.patient}`;
        const record: StoredToken = { token: token.toJSON(), revision: 1 };
        expect(await store.compareAndSet(key, undefined, record)).toBe(true);
        return key;
      }),
    );
    keys.push(...batch);
  }
}, 180_000);

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await store?.close();
  await pgs?.drop();
  await sandbox?.close();
});

interface Proc {
  child: ChildProcess;
  ready: Promise<void>;
}

function startWorker(events: FromSyncWorker[]): Proc {
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const setup: SyncWorkerSetup = {
    config: sandbox.config(),
    pgUrl: PG_URL,
    tokenTable: `${pgs.schema}.tokens`,
    schema: pgs.schema,
    redis,
    queueName,
  };
  child.send({ type: 'setup', setup });
  const ready = new Promise<void>((resolve) =>
    child.on('message', (m: FromSyncWorker) => (m.type === 'ready' ? resolve() : events.push(m))),
  );
  return { child, ready };
}

async function drained() {
  const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

async function stop(procs: Proc[]) {
  await Promise.all(
    procs.map((p) =>
      p.child.exitCode !== null || p.child.signalCode !== null
        ? undefined
        : new Promise((r) => {
            p.child.once('exit', r);
            p.child.send({ type: 'exit' });
          }),
    ),
  );
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await pgs.admin.query<{ n: string }>(sql, params)).rows[0]?.n);

test('500 beneficiaries, 4 workers, one killed mid-run: every resource exactly once, watermarks right, second run fetches only changes', async () => {
  const events: FromSyncWorker[] = [];
  const procs = Array.from({ length: 4 }, () => startWorker(events));
  await Promise.all(procs.map((p) => p.ready));
  await enqueueSync(queue, keys);
  await enqueueSync(queue, keys.slice(0, 50)); // still queued: not queued twice
  await expect
    .poll(() => events.filter((e) => e.type === 'job').length, { interval: 50, timeout: 120_000 })
    .toBeGreaterThan(100);
  (procs[0] as Proc).child.kill('SIGKILL');
  await expect.poll(drained, { interval: 200, timeout: 150_000 }).toBe(0);
  const done = new Set(events.flatMap((e) => (e.type === 'job' && e.status === 'synced' ? [e.jobId] : [])));
  expect(done.size).toBe(BENEFICIARIES);
  expect(events.filter((e) => e.type === 'failed' && !e.willRetry)).toEqual([]);

  // Exactly the sandbox's resources, each once (the primary key makes a duplicate impossible; the ids prove none is missing or extra).
  const ds = sandbox.dataset;
  const expected = ds.beneficiaries.flatMap((b) => [
    ...Array.from({ length: b.eobCount }, (_, i) => `ExplanationOfBenefit/${ds.claimHeader(b, i).id}`),
    ...ds.coverages(b, 2).map((c) => `Coverage/${c.id}`),
    `Patient/${b.patientId.v2}`,
  ]);
  const rows = await pgs.admin.query<{ ref: string }>(
    `SELECT resource_type || '/' || id AS ref FROM ${pgs.schema}.bluebutton_resources`,
  );
  expect(rows.rows.map((r) => r.ref).sort()).toEqual([...expected].sort());

  // Watermarks: the newest lastUpdated of each beneficiary's claims.
  const states = await pgs.admin.query<{ beneficiary: string; watermarks: Record<string, string> }>(
    `SELECT beneficiary, watermarks FROM ${pgs.schema}.bluebutton_sync_state`,
  );
  expect(states.rows).toHaveLength(BENEFICIARIES);
  const byPatient = new Map(states.rows.map((r) => [r.beneficiary.split(':').at(-1), r.watermarks]));
  for (const b of ds.beneficiaries.slice(0, 50)) {
    const newest = Array.from({ length: b.eobCount }, (_, i) => ds.claimHeader(b, i).lastUpdated).sort(
      (x, y) => Date.parse(y) - Date.parse(x),
    )[0];
    expect(byPatient.get(b.patientId.v2)?.ExplanationOfBenefit).toBe(newest);
  }

  // Second run: every EOB search names the watermark, and nothing new arrives.
  const before = sandbox.requests.length;
  const eventsBefore = events.length;
  await enqueueSync(queue, keys);
  await expect
    .poll(() => events.slice(eventsBefore).filter((e) => e.type === 'job').length, {
      interval: 100,
      timeout: 120_000,
    })
    .toBe(BENEFICIARIES);
  const second = sandbox.requests
    .slice(before)
    .filter((r) => r.routeKey === 'GET /v2/fhir/ExplanationOfBenefit/');
  expect(second.length).toBeGreaterThanOrEqual(BENEFICIARIES);
  expect(second.filter((r) => !/(^|&)_lastUpdated=gt/.test(r.query))).toEqual([]);
  expect(events.slice(eventsBefore).filter((e) => e.type === 'job' && e.resources !== 0)).toEqual([]);
  expect(await count(`SELECT count(*) AS n FROM ${pgs.schema}.bluebutton_resources`)).toBe(expected.length);
  await stop(procs);
}, 420_000);
