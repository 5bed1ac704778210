/**
 * The sync against the sandbox with its per-token throttle on (3 at once, 1 a second: the beneficiaries
 * with 120 EOBs make 5 requests and may meet 429 + Retry-After; 20 scripted 429s make sure): 500 beneficiaries, 4 worker processes on
 * BullMQ, one SIGKILLed mid-run. Every resource lands exactly once in PostgreSQL (ids equal the
 * sandbox's), every watermark is the newest lastUpdated of its type, and a second run asks only for what
 * changed since (`_lastUpdated=gt<watermark>`): nothing, except for the beneficiaries whose watermarks
 * were moved back, who get exactly the resources newer than it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { BlueButton, type StoredToken } from 'bluebutton-ts';
import { type Sandbox, type SyntheticBeneficiary, startSandbox } from 'bluebutton-ts/sandbox';
import { createPostgresTokenStore, type PostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import { enqueueSync, type SyncOutcome, syncJobId } from 'bluebutton-ts/sync';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PG_URL, pgSchema, uniqueName } from '../stores/helpers/backends.js';
import type { FromSyncWorker, SyncWorkerSetup } from './helpers/sync-worker-process.js';

const BENEFICIARIES = 500;
/** Every 25th beneficiary has 120 EOBs (three pages of 50), the others 3. */
const eobsOf = (i: number) => (i % 25 === 0 ? 120 : 3);
const SCRIPTED_429 = 20;
const WORKER = join(import.meta.dirname, 'helpers', 'sync-worker-process.ts');
const redis = { host: '127.0.0.1', port: 6379 };

let sandbox: Sandbox;
let pgs: Awaited<ReturnType<typeof pgSchema>>;
let store: PostgresTokenStore;
let queue: Queue;
/** Store key by beneficiary index. */
let keys: string[];
const queueName = uniqueName('sync');
const procs: Proc[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    beneficiaries: BENEFICIARIES,
    eobsPerBeneficiary: Array.from({ length: BENEFICIARIES }, (_, i) => eobsOf(i)),
    throttle: { requestsPerSecond: 1, burst: 3 },
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
  for (const p of procs)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
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
  const proc = { child, ready };
  procs.push(proc);
  return proc;
}

async function pending() {
  const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(c).reduce((a, b) => a + b, 0);
}

async function stop(list: Proc[]) {
  await Promise.all(
    list.map((p) =>
      p.child.exitCode !== null || p.child.signalCode !== null
        ? undefined
        : new Promise((r) => {
            p.child.once('exit', r);
            p.child.send({ type: 'exit' });
          }),
    ),
  );
}

const synced = (events: readonly FromSyncWorker[]) =>
  new Map(
    events.flatMap((e) =>
      e.type === 'job' && e.outcome.status === 'synced' ? [[e.jobId, e.outcome] as const] : [],
    ),
  );
const writtenOf = (o: SyncOutcome | undefined) => (o?.status === 'synced' ? o.written : undefined);
const after = (w: string) => (lu: string) => Date.parse(lu) > Date.parse(w);
const newest = (dates: readonly string[]) => [...dates].sort((x, y) => Date.parse(y) - Date.parse(x))[0];

test('500 beneficiaries, 4 workers, one killed mid-run: every resource exactly once, watermarks right, second run fetches only changes', async () => {
  const ds = sandbox.dataset;
  const eobDates = (b: SyntheticBeneficiary) =>
    Array.from({ length: b.eobCount }, (_, i) => ds.claimHeader(b, i).lastUpdated);
  const events: FromSyncWorker[] = [];
  const workers = Array.from({ length: 4 }, () => startWorker(events));
  await Promise.all(workers.map((p) => p.ready));
  // The throttle's 429s depend on how fast the machine is; these 20 come whatever the load (Retry-After
  // 1 s, like the throttle's).
  sandbox.faults.set(
    'GET /v2/fhir/ExplanationOfBenefit/',
    Array.from({ length: SCRIPTED_429 }, () => ({ status: 429, retryAfter: 1 })),
  );
  await enqueueSync(queue, keys);
  await enqueueSync(queue, keys.slice(0, 50)); // still queued: not queued twice
  await expect.poll(() => synced(events).size, { interval: 50, timeout: 120_000 }).toBeGreaterThan(100);
  (workers[0] as Proc).child.kill('SIGKILL');
  // The queue is the judge of "done", not the workers' messages: a job the killed worker completed in
  // Redis may never have reached us over its IPC channel. The sink's rows and watermarks below then prove
  // that every beneficiary, those included, was synced.
  await expect.poll(() => pending(), { interval: 200, timeout: 180_000 }).toBe(0);
  expect(events.filter((e) => e.type === 'failed')).toEqual([]);
  const jobIds = keys.map(syncJobId);
  const unreported = jobIds.filter((id) => !synced(events).has(id));
  // At most the killed worker's in-flight jobs (its concurrency, 8) went unreported; every reported one
  // is a queued beneficiary's.
  expect(unreported.length).toBeLessThanOrEqual(8);
  expect([...synced(events).keys()].every((id) => jobIds.includes(id))).toBe(true);

  // 429s (the scripted ones, and the throttle's on the 120-EOB beneficiaries' 4th and 5th requests when
  // they come within the second): each was retried after exactly its Retry-After (1 s), and none
  // outlived the SDK's retries.
  const throttled = events.filter((e) => e.type === 'throttled').length;
  const retries = events.flatMap((e) => (e.type === 'retry' ? [e] : []));
  expect(sandbox.faults.pending('GET /v2/fhir/ExplanationOfBenefit/')).toBe(0);
  expect(throttled).toBeGreaterThanOrEqual(SCRIPTED_429);
  expect(retries.filter((r) => r.reason === 429).map((r) => r.delayMs)).toEqual(
    Array.from({ length: throttled }, () => 1000),
  );
  expect(events.filter((e) => e.type === 'job' && e.outcome.status === 'rate-limited')).toEqual([]);

  // Exactly the sandbox's resources, each once (the primary key makes a duplicate impossible; the ids
  // prove none is missing or extra).
  const expected = ds.beneficiaries.flatMap((b) => [
    ...Array.from({ length: b.eobCount }, (_, i) => `ExplanationOfBenefit/${ds.claimHeader(b, i).id}`),
    ...ds.coverages(b, 2).map((c) => `Coverage/${c.id}`),
    `Patient/${b.patientId.v2}`,
  ]);
  const rows = await pgs.admin.query<{ ref: string }>(
    `SELECT resource_type || '/' || id AS ref FROM ${pgs.schema}.bluebutton_resources`,
  );
  expect(rows.rows).toHaveLength(expected.length);
  expect(rows.rows.map((r) => r.ref).sort()).toEqual([...expected].sort());

  // Watermarks: per beneficiary and type, the newest lastUpdated BB2 sent.
  const states = await pgs.admin.query<{ beneficiary: string; watermarks: Record<string, string> }>(
    `SELECT beneficiary, watermarks FROM ${pgs.schema}.bluebutton_sync_state`,
  );
  const byKey = new Map(states.rows.map((r) => [r.beneficiary, r.watermarks]));
  expect(byKey.size).toBe(BENEFICIARIES);
  for (const b of ds.beneficiaries)
    expect(byKey.get(keys[b.index] ?? '')).toEqual({
      ExplanationOfBenefit: newest(eobDates(b)),
      Coverage: newest(ds.coverages(b, 2).map((c) => c.meta?.lastUpdated ?? '')),
      Patient: ds.patient(b, 2).meta?.lastUpdated,
    });

  // What "changed": four beneficiaries' EOB watermarks go back (two with 120 EOBs, to their 60th newest
  // claim: more than a page to fetch again), and one forgets its Coverage watermark.
  const movedBack = new Map<number, string>();
  for (const [index, nth] of [
    [0, 60],
    [50, 60],
    [7, 2],
    [333, 1],
  ] as const) {
    const b = ds.beneficiaries[index] as SyntheticBeneficiary;
    const w = [...eobDates(b)].sort((x, y) => Date.parse(y) - Date.parse(x))[nth] ?? '';
    movedBack.set(index, w);
    await pgs.admin.query(
      `UPDATE ${pgs.schema}.bluebutton_sync_state
       SET watermarks = watermarks || jsonb_build_object('ExplanationOfBenefit', $2::text) WHERE beneficiary = $1`,
      [keys[index], w],
    );
  }
  await pgs.admin.query(
    `UPDATE ${pgs.schema}.bluebutton_sync_state SET watermarks = watermarks - 'Coverage' WHERE beneficiary = $1`,
    [keys[101]],
  );

  // Second run: every search names its watermark; only the changes arrive.
  const before = sandbox.requests.length;
  const eventsBefore = events.length;
  await enqueueSync(queue, keys);
  const second = () => synced(events.slice(eventsBefore));
  await expect.poll(() => second().size, { interval: 100, timeout: 120_000 }).toBe(BENEFICIARIES);
  for (const b of ds.beneficiaries) {
    const w = movedBack.get(b.index);
    expect(writtenOf(second().get(syncJobId(keys[b.index] ?? '')))).toEqual({
      ExplanationOfBenefit: w === undefined ? 0 : eobDates(b).filter(after(w)).length,
      Coverage: b.index === 101 ? ds.coverages(b, 2).length : 0,
      Patient: 0,
    });
  }
  const searches = sandbox.requests
    .slice(before)
    .filter((r) => /^GET \/v2\/fhir\/(ExplanationOfBenefit|Coverage|Patient)\/$/.test(r.routeKey ?? ''));
  expect(searches.length).toBeGreaterThanOrEqual(3 * BENEFICIARIES);
  // The one search without a watermark: the Coverage of the beneficiary that forgot it.
  expect(searches.filter((r) => !/(^|&)_lastUpdated=gt/.test(r.query)).map((r) => r.routeKey)).toEqual([
    'GET /v2/fhir/Coverage/',
  ]);
  expect(events.slice(eventsBefore).filter((e) => e.type === 'failed')).toEqual([]);
  expect(
    (await pgs.admin.query(`SELECT count(*)::int AS n FROM ${pgs.schema}.bluebutton_resources`)).rows[0],
  ).toEqual({ n: expected.length });
  await stop(workers);
}, 420_000);
