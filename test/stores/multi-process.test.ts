/**
 * Four worker processes x 200 beneficiaries share one store (the real PostgreSQL or Redis) while the
 * sandbox expires every access token between rounds: exactly one refresh per beneficiary per expiry,
 * one onTokenRefresh per rotation, no invalid_grant, every read served. Then the same with a worker
 * SIGKILLed while it holds leases. (Dropped connections: token-store-contract.test.ts.)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { type AuthorizationToken, BlueButton } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { createPostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

const refreshPosts = () =>
  sandbox.requests.filter(
    (r) => r.routeKey === 'POST /v2/o/token/' && r.body.includes('grant_type=refresh_token'),
  ).length;

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

async function runScenario(kind: Backend, scenario: 'plain' | 'sigkill') {
  tokens = await loginAll();
  const connectionName = uniqueName(`${kind}_${scenario}`);
  const table = `${pgs.schema}.${uniqueName('tokens')}`;
  if (kind === 'postgres')
    await (await createPostgresTokenStore({ connectionString: PG_URL, table })).close();
  const backend: WorkerSetup['backend'] =
    kind === 'postgres'
      ? { kind, url: PG_URL, table }
      : { kind, url: REDIS_URL, prefix: `${rds.prefix}${connectionName}:` };
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    startWorker({
      config: sandbox.config(),
      tokens: tokens.map((t) => t.toJSON()),
      backend,
      connectionName,
      mode: scenario === 'sigkill' && i === 0 ? 'die-holding-lease' : 'normal',
      maxLeaseMs: scenario === 'sigkill' ? 3000 : 20_000,
    }),
  );
  try {
    await Promise.all(workers.map((w) => w.next('ready')));
    const before = refreshPosts();
    const results: Extract<FromWorker, { type: 'done' }>[] = [];
    let alive = workers;
    const rounds = scenario === 'plain' ? 2 : 1;
    for (let round = 1; round <= rounds; round++) {
      sandbox.expireAccessTokens();
      for (const w of alive) w.send({ type: 'round', round });
      if (scenario === 'sigkill' && round === 1) {
        const dying = workers[0] as Worker;
        await dying.next('leased');
        dying.child.kill('SIGKILL');
        alive = workers.slice(1);
      }
      results.push(...((await Promise.all(alive.map((w) => w.next('done')))) as typeof results));
    }
    return { results, refreshes: refreshPosts() - before, backend };
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

/** Every beneficiary's stored token is the live one: it reads without a refresh, and refreshes once more. */
async function expectNoTokenLost(backend: WorkerSetup['backend']) {
  const { createRedisTokenStore } = await import('bluebutton-ts/stores/redis');
  const store =
    backend.kind === 'postgres'
      ? await createPostgresTokenStore({
          connectionString: backend.url,
          table: backend.table,
          createTable: false,
        })
      : await createRedisTokenStore({ url: backend.url, keyPrefix: backend.prefix });
  const bb = new BlueButton({
    ...sandbox.config(),
    version: 2,
    tokenRefreshOnExpire: false,
    tokenStore: store,
  });
  try {
    const { AuthorizationToken } = await import('bluebutton-ts');
    const clientId = sandbox.client.clientId;
    const stored = await Promise.all(tokens.map((t) => store.get(`bluebutton:${clientId}:v2:${t.patient}`)));
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
    const { results, refreshes, backend } = await runScenario(kind, 'plain');
    expect(refreshes).toBe(2 * BENEFICIARIES);
    expect(results.reduce((n, r) => n + r.reads, 0)).toBe(2 * WORKERS * BENEFICIARIES);
    expect(results.map((r) => r.failures)).toEqual(results.map(() => ({})));
    // Hook counts are cumulative per worker: the last round's sum is every rotation of the run.
    expect(results.filter((r) => r.round === 2).reduce((n, r) => n + r.refreshHooks, 0)).toBe(
      2 * BENEFICIARIES,
    );
    await expectNoTokenLost(backend);
  }, 120_000);

  test('a worker SIGKILLed holding leases blocks no one past the lease; still one refresh per beneficiary', async () => {
    const { results, refreshes, backend } = await runScenario(kind, 'sigkill');
    expect(refreshes).toBe(BENEFICIARIES);
    expect(results.reduce((n, r) => n + r.reads, 0)).toBe(BENEFICIARIES * (WORKERS - 1));
    expect(results.reduce((n, r) => n + r.refreshHooks, 0)).toBe(BENEFICIARIES);
    expect(results.map((r) => r.failures)).toEqual(results.map(() => ({})));
    await expectNoTokenLost(backend);
  }, 120_000);
});
