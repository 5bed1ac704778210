/**
 * Four worker processes x 200 beneficiaries share one store (the real PostgreSQL or Redis) while the
 * sandbox expires every access token between rounds: exactly one refresh per beneficiary per expiry,
 * one onTokenRefresh per rotation, no invalid_grant, every read served. Then the same with a worker
 * SIGKILLed while it holds leases, and with every connection the workers hold dropped twice mid-refresh
 * (pg_terminate_backend / CLIENT KILL of this run's connections only: the servers are shared).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { AuthorizationToken, BlueButton } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { createPostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import { createRedisTokenStore } from 'bluebutton-ts/stores/redis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeKey } from '../../src/auth/token-manager.js';
import { PG_URL, pgSchema, REDIS_URL, redisPrefix, uniqueName } from './helpers/backends.js';
import type { FromWorker, ToWorker, WorkerSetup } from './helpers/token-worker.js';

const BENEFICIARIES = 200;
const WORKERS = 4;
const WORKER = join(import.meta.dirname, 'helpers', 'token-worker.ts');

let sandbox: Sandbox;
let tokens: AuthorizationToken[];
let pgs: Awaited<ReturnType<typeof pgSchema>>;
let rds: Awaited<ReturnType<typeof redisPrefix>>;

beforeAll(async () => {
  sandbox = await startSandbox({ beneficiaries: BENEFICIARIES, eobsPerBeneficiary: 1 });
  pgs = await pgSchema('multi');
  rds = await redisPrefix('multi');
}, 120_000);

/** A fresh consent per beneficiary: each scenario starts from unspent refresh tokens. */
async function loginAll(): Promise<AuthorizationToken[]> {
  const bb = new BlueButton({ ...sandbox.config(), version: 2 });
  const out: AuthorizationToken[] = [];
  for (let i = 0; i < BENEFICIARIES; i += 20) {
    const batch = Array.from({ length: Math.min(20, BENEFICIARIES - i) }, async (_, j) => {
      const authData = bb.generateAuthData();
      const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData), { beneficiary: i + j });
      return bb.handleCallback(authData, callback);
    });
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

afterAll(async () => {
  await sandbox?.close();
  await pgs?.drop();
  await rds?.drop();
});

const refreshBodies = () =>
  sandbox.requests
    .filter((r) => r.routeKey === 'POST /v2/o/token/' && r.body.includes('grant_type=refresh_token'))
    .map((r) => r.body);
const refreshPosts = () => refreshBodies().length;

/**
 * Refresh tokens sent since request `from`, counted per distinct token: BB2 refresh tokens work once, so
 * a token sent twice is an invalid_grant at the sandbox.
 */
function refreshTokensSent(from: number) {
  const sent = refreshBodies()
    .slice(from)
    .map((b) => new URLSearchParams(b).get('refresh_token'));
  return { sent: sent.length, distinct: new Set(sent).size };
}

interface Worker {
  child: ChildProcess;
  messages: FromWorker[];
  next(type: FromWorker['type']): Promise<FromWorker>;
  send(m: ToWorker): void;
}

function startWorker(setup: WorkerSetup): Worker {
  const child = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: FromWorker[] = [];
  const waiting: Array<{ type: string; resolve: (m: FromWorker) => void }> = [];
  child.on('message', (m: FromWorker) => {
    const i = waiting.findIndex((w) => w.type === m.type);
    if (i >= 0) waiting.splice(i, 1)[0]?.resolve(m);
    else messages.push(m);
  });
  child.send({ type: 'setup', setup } satisfies ToWorker);
  return {
    child,
    messages,
    next: (type) => {
      const i = messages.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(messages.splice(i, 1)[0] as FromWorker);
      return new Promise((resolve) => waiting.push({ type, resolve }));
    },
    send: (m) => child.send(m),
  };
}

type Backend = 'postgres' | 'redis';
type Scenario = 'plain' | 'sigkill' | 'drop';

interface Drop {
  /** Refreshes the sandbox had seen (this run) when the connections were gone. */
  readonly afterRefreshes: number;
  /** Connections ended. */
  readonly dropped: number;
}

/**
 * Drops every connection named `connectionName` (the workers' own) once the sandbox has seen each of
 * `thresholds` refreshes since `before`: mid-refresh, with leases held and token saves in flight.
 */
function dropConnectionsDuring(kind: Backend, connectionName: string, before: number, thresholds: number[]) {
  const drops: Drop[] = [];
  let stopped = false;
  const done = (async () => {
    for (const n of thresholds) {
      while (!stopped && refreshPosts() - before < n) await new Promise((r) => setTimeout(r, 2));
      if (stopped) return;
      const dropped =
        kind === 'postgres' ? await pgs.terminate(connectionName) : await rds.terminate(connectionName);
      drops.push({ afterRefreshes: refreshPosts() - before, dropped });
    }
  })();
  return {
    drops,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

async function runScenario(kind: Backend, scenario: Scenario) {
  tokens = await loginAll();
  const connectionName = uniqueName(`${kind}_${scenario}`);
  const table = `${pgs.schema}.${uniqueName('tokens')}`;
  const backend: WorkerSetup['backend'] =
    kind === 'postgres'
      ? { kind, url: PG_URL, table }
      : { kind, url: REDIS_URL, prefix: `${rds.prefix}${connectionName}:` };
  const store = await openStore(backend, true);
  try {
    // drop: every grant is stored before the run (as an app saves it at consent), so a worker's `get`
    // that answers "not found" can only be a store hiding an outage.
    if (scenario === 'drop')
      for (const t of tokens)
        expect(await store.compareAndSet(keyOf(t), undefined, { token: t.toJSON(), revision: 1 })).toBe(true);
  } finally {
    await store.close();
  }
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    startWorker({
      config: sandbox.config(),
      tokens: tokens.map((t) => t.toJSON()),
      backend,
      connectionName,
      mode: scenario === 'sigkill' && i === 0 ? 'die-holding-lease' : 'normal',
      // A live worker's lease must outlast its refresh request: on a loaded 2-core machine the sandbox
      // took over 3 s to answer (another worker took the lease and refreshed again: 221 refreshes, not 200).
      maxLeaseMs: scenario === 'sigkill' ? 10_000 : 20_000,
    }),
  );
  try {
    await Promise.all(workers.map((w) => w.next('ready')));
    const before = refreshPosts();
    const results: Extract<FromWorker, { type: 'done' }>[] = [];
    let alive = workers;
    let drops: Drop[] = [];
    const rounds = scenario === 'sigkill' ? 1 : 2;
    for (let round = 1; round <= rounds; round++) {
      // drop: round 1 expires every token and loses the connections mid-refresh; round 2 only reads.
      if (scenario !== 'drop' || round === 1) sandbox.expireAccessTokens();
      const dropping =
        scenario === 'drop' && round === 1
          ? dropConnectionsDuring(kind, connectionName, before, [BENEFICIARIES / 5, BENEFICIARIES / 2])
          : undefined;
      for (const w of alive) w.send({ type: 'round', round });
      if (scenario === 'sigkill' && round === 1) {
        const dying = workers[0] as Worker;
        await dying.next('leased');
        dying.child.kill('SIGKILL');
        alive = workers.slice(1);
      }
      results.push(...((await Promise.all(alive.map((w) => w.next('done')))) as typeof results));
      if (dropping) {
        await dropping.stop();
        drops = dropping.drops;
      }
    }
    return {
      results,
      refreshes: refreshPosts() - before,
      tokensSent: refreshTokensSent(before),
      drops,
      backend,
    };
  } finally {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.send({ type: 'exit' });
    await Promise.all(
      workers.map((w) =>
        w.child.exitCode !== null || w.child.signalCode !== null
          ? undefined
          : new Promise((r) => w.child.once('exit', r)),
      ),
    );
  }
}

const keyOf = (t: AuthorizationToken) => storeKey(sandbox.client.clientId, t);

/** The run's store as the test (not a worker) sees it; `create` makes the PostgreSQL table. */
function openStore(backend: WorkerSetup['backend'], create = false) {
  return backend.kind === 'postgres'
    ? createPostgresTokenStore({ connectionString: backend.url, table: backend.table, createTable: create })
    : createRedisTokenStore({ url: backend.url, keyPrefix: backend.prefix });
}

/** Every beneficiary's stored token is the live one: it reads without a refresh. */
async function expectNoTokenLost(backend: WorkerSetup['backend']) {
  const store = await openStore(backend);
  const bb = new BlueButton({
    ...sandbox.config(),
    version: 2,
    tokenRefreshOnExpire: false,
    tokenStore: store,
  });
  try {
    const stored = await Promise.all(tokens.map((t) => store.get(keyOf(t))));
    expect(stored.filter((s) => s === undefined || s.lease !== undefined)).toEqual([]);
    const live = stored.map((s) => AuthorizationToken.fromJSON(s?.token ?? tokens[0]!.toJSON(), 2));
    const reads = await Promise.allSettled(live.map((t) => bb.client(t).v2.Patient.read(t.patient)));
    expect(reads.filter((r) => r.status === 'rejected')).toEqual([]);
  } finally {
    await store.close();
  }
}

describe.each<Backend>(['postgres', 'redis'])('4 processes x 200 beneficiaries on %s', (kind) => {
  test('two expiries during the run: exactly one refresh and one onTokenRefresh per beneficiary per expiry, every read served', async () => {
    const { results, refreshes, tokensSent, backend } = await runScenario(kind, 'plain');
    expect(refreshes).toBe(2 * BENEFICIARIES);
    expect(tokensSent).toEqual({ sent: 2 * BENEFICIARIES, distinct: 2 * BENEFICIARIES });
    expect(results.reduce((n, r) => n + r.reads, 0)).toBe(2 * WORKERS * BENEFICIARIES);
    expect(results.map((r) => r.failures)).toEqual(results.map(() => ({})));
    // Hook counts are cumulative per worker: the last round's sum is every rotation of the run.
    expect(results.filter((r) => r.round === 2).reduce((n, r) => n + r.refreshHooks, 0)).toBe(
      2 * BENEFICIARIES,
    );
    await expectNoTokenLost(backend);
  }, 120_000);

  test('a worker SIGKILLed holding leases blocks no one past the lease; still one refresh per beneficiary', async () => {
    const { results, refreshes, tokensSent, backend } = await runScenario(kind, 'sigkill');
    expect(refreshes).toBe(BENEFICIARIES);
    expect(tokensSent).toEqual({ sent: BENEFICIARIES, distinct: BENEFICIARIES });
    expect(results.reduce((n, r) => n + r.reads, 0)).toBe(BENEFICIARIES * (WORKERS - 1));
    expect(results.reduce((n, r) => n + r.refreshHooks, 0)).toBe(BENEFICIARIES);
    expect(results.map((r) => r.failures)).toEqual(results.map(() => ({})));
    await expectNoTokenLost(backend);
  }, 120_000);

  test('every worker connection dropped twice mid-refresh: only typed errors reach callers, then recovery; one refresh per beneficiary, no token lost', async ({
    annotate,
  }) => {
    const { results, refreshes, tokensSent, drops, backend } = await runScenario(kind, 'drop');
    // Both drops happened while refreshes were still to come, and each ended connections the workers held.
    expect(drops.map((d) => d.afterRefreshes < BENEFICIARIES && d.dropped > 0)).toEqual([true, true]);
    expect(refreshes).toBe(BENEFICIARIES);
    expect(tokensSent).toEqual({ sent: BENEFICIARIES, distinct: BENEFICIARIES });
    const [during, after] = [1, 2].map((round) => results.filter((r) => r.round === round));
    const seen: Record<string, number> = {};
    for (const r of during ?? [])
      for (const [code, n] of Object.entries(r.failures)) seen[code] = (seen[code] ?? 0) + n;
    // Every failure a caller saw was a store outage, typed; each call was then retried and served.
    expect(Object.keys(seen).filter((c) => c !== 'TOKEN_STORE_FAILED' && c !== 'TOKEN_SAVE_FAILED')).toEqual(
      [],
    );
    expect(during?.reduce((n, r) => n + r.reads, 0)).toBe(WORKERS * BENEFICIARIES);
    expect(during?.reduce((n, r) => n + r.invalidGrant, 0)).toBe(0);
    // Every grant was stored before the run: a "not found" would be an outage passed off as an answer.
    expect(results.reduce((n, r) => n + r.notFound, 0)).toBe(0);
    // Recovery: the next round reads every beneficiary in every worker without a single failure.
    expect(after?.map((r) => r.failures)).toEqual(after?.map(() => ({})));
    expect(after?.reduce((n, r) => n + r.reads, 0)).toBe(WORKERS * BENEFICIARIES);
    expect(after?.reduce((n, r) => n + r.refreshHooks, 0)).toBe(BENEFICIARIES);
    await annotate(
      `${kind}: dropped ${drops.map((d) => `${d.dropped} connections after ${d.afterRefreshes} refreshes`).join(', ')}; errors callers saw: ${JSON.stringify(seen)}`,
    );
    await expectNoTokenLost(backend);
  }, 120_000);
});
