/**
 * The sync bench: 1,000 beneficiaries x 50 EOBs, the sandbox at 50 ms latency with its per-token
 * throttle on, and the app's budget of R requests a second across all workers, spent through BullMQ's
 * limiter (a job is 3 requests: one EOB page of 50, Coverage, Patient). For 1, 2 and 4 worker processes:
 * the request rate the sandbox saw as a share of R, and the median and p95 job times.
 *
 *   npx tsx bench/sync.ts [--quick]     this section alone (npm run bench runs it too)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import pg from 'pg';
import { BlueButton } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { createPostgresTokenStore } from '../src/stores/postgres/index.js';
import { enqueueSync } from '../src/sync/index.js';
import { fmtMs, summarize } from './stats.js';
import type { FromSyncChild, SyncChildSetup } from './sync-worker-child.js';

const PG_URL = process.env.BB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sync-worker-child.ts');
const EOBS = 50;
const LATENCY_MS = 50;
/**
 * The app's budget across all workers (requests per second). A job here costs about 150 ms of CPU (a
 * 1.2 MB page built, gzipped, parsed and written as JSONB), so 30/s (10 jobs/s) is what 2 idle cores
 * sustain; `--rate=N` sets another.
 */
const rateArg = process.argv.find((a) => a.startsWith('--rate='));
const rateOf = (quick: boolean) => (rateArg ? Number(rateArg.slice(7)) : quick ? 15 : 30);
const REQUESTS_PER_JOB = 3;
const CONCURRENCY = 8;
const WORKER_COUNTS = [1, 2, 4] as const;

export interface SyncRun {
  readonly workers: number;
  readonly requests: number;
  readonly wallMs: number;
  readonly rate: number;
  readonly medianJobMs: number;
  readonly p95JobMs: number;
  readonly failed: number;
  readonly resources: number;
}

export interface SyncBenchResult {
  readonly beneficiaries: number;
  /** The budget, requests per second. */
  readonly rate: number;
  readonly runs: readonly SyncRun[];
}

const p95 = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? Number.NaN;
};

export async function measureSync(log: (line: string) => void, quick = false): Promise<SyncBenchResult> {
  const beneficiaries = quick ? 100 : 1000;
  const R = rateOf(quick);
  log(
    `Sync: ${beneficiaries} beneficiaries x ${EOBS} EOBs, ${LATENCY_MS} ms latency, R = ${R} requests/s, 1/2/4 worker processes x ${CONCURRENCY}`,
  );
  const sandbox = await startSandbox({
    beneficiaries,
    eobsPerBeneficiary: EOBS,
    latencyMs: LATENCY_MS,
    throttle: { requestsPerSecond: 10, burst: 5 },
  });
  const suffix = randomBytes(4).toString('hex');
  const base = `bb_bench_sync_${suffix}`;
  const admin = new pg.Pool({ connectionString: PG_URL, max: 4 });
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  try {
    await admin.query(`CREATE SCHEMA ${base}`);
    const tokenTable = `${base}.tokens`;
    const store = await createPostgresTokenStore({ pool: admin, table: tokenTable });
    const login = new BlueButton({ ...sandbox.config(), version: 2 });
    const keys: string[] = [];
    for (let i = 0; i < beneficiaries; i += 25)
      keys.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(25, beneficiaries - i) }, async (_, j) => {
            const authData = login.generateAuthData();
            const callback = await sandbox.authorize(login.generateAuthorizeUrl(authData), {
              beneficiary: i + j,
            });
            const token = await login.handleCallback(authData, callback);
            const key = `bluebutton:${sandbox.client.clientId}:v2:${token.patient}`;
            await store.compareAndSet(key, undefined, { token: token.toJSON(), revision: 1 });
            return key;
          }),
        )),
      );
    log(`  ${keys.length} tokens in the token table`);
    const runs: SyncRun[] = [];
    for (const workers of WORKER_COUNTS) {
      const schema = `${base}_w${workers}`;
      const queueName = `${base}_w${workers}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const queue = new Queue(queueName, { connection });
      const children: ChildProcess[] = [];
      const jobs: number[] = [];
      let failed = 0;
      let resources = 0;
      try {
        const setup: SyncChildSetup = {
          config: sandbox.config(),
          pgUrl: PG_URL,
          tokenTable,
          schema,
          queueName,
          concurrency: CONCURRENCY,
          limiter: { max: R / REQUESTS_PER_JOB, duration: 1000 },
        };
        let settle: () => void = () => undefined;
        const done = new Promise<void>((r) => {
          settle = r;
        });
        await Promise.all(
          Array.from({ length: workers }, () => {
            const child = fork(CHILD, [], {
              execArgv: ['--import', 'tsx'],
              stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
            });
            children.push(child);
            child.send({ type: 'setup', setup });
            return new Promise<void>((ready) =>
              child.on('message', (m: FromSyncChild) => {
                if (m.type === 'ready') return ready();
                if (m.type === 'failed') failed++;
                else {
                  jobs.push(m.ms);
                  resources += m.resources;
                }
                if (jobs.length + failed >= keys.length) settle();
              }),
            );
          }),
        );
        const before = sandbox.requests.length;
        const t0 = performance.now();
        await enqueueSync(queue, keys);
        await done;
        const wallMs = performance.now() - t0;
        const requests = sandbox.requests.slice(before).filter((r) => r.routeKey?.includes('/fhir/')).length;
        const run: SyncRun = {
          workers,
          requests,
          wallMs,
          rate: requests / (wallMs / 1000),
          medianJobMs: summarize(jobs).median,
          p95JobMs: p95(jobs),
          failed,
          resources,
        };
        runs.push(run);
        log(
          `  ${workers} worker(s): ${requests} requests in ${fmtMs(wallMs)} = ${run.rate.toFixed(1)}/s (${((100 * run.rate) / R).toFixed(0)}% of R), job median ${fmtMs(run.medianJobMs)}, p95 ${fmtMs(run.p95JobMs)}, ${failed} failed`,
        );
      } finally {
        await Promise.all(
          children.map(
            (c) =>
              new Promise((r) => {
                if (c.exitCode !== null) return r(undefined);
                c.once('exit', r);
                c.send({ type: 'exit' });
              }),
          ),
        );
        await queue.obliterate({ force: true });
        await queue.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    }
    return { beneficiaries, rate: R, runs };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${base} CASCADE`);
    await admin.end();
    await sandbox.close();
  }
}

export function syncSection(r: SyncBenchResult): string {
  const R = r.rate;
  return [
    '## Sync (bluebutton-ts/sync)',
    '',
    `${r.beneficiaries} beneficiaries x ${EOBS} EOBs, sandbox at ${LATENCY_MS} ms latency with its per-token throttle on (10/s, burst 5), in this process; PostgreSQL sink and token table, BullMQ on Redis. The app's budget R = ${R} requests/s is BullMQ's limiter (${R / REQUESTS_PER_JOB} jobs/s, ${REQUESTS_PER_JOB} requests a job); each worker is a process with concurrency ${CONCURRENCY}. Rate = FHIR requests the sandbox received / time from enqueue to the last job.`,
    '',
    '| workers | requests | wall | rate | share of R | job median | job p95 | failed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.runs.map(
      (x) =>
        `| ${x.workers} | ${x.requests} | ${fmtMs(x.wallMs)} | ${x.rate.toFixed(1)}/s | ${((100 * x.rate) / R).toFixed(0)}% | ${fmtMs(x.medianJobMs)} | ${fmtMs(x.p95JobMs)} | ${x.failed} |`,
    ),
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = (line: string) =>
    console.log(`[${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${line}`);
  measureSync(log, process.argv.includes('--quick'))
    .then((r) => console.log(`\n${syncSection(r)}`))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
