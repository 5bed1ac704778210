/**
 * One worker process of the multi-process store checks (started with `fork`, driven over IPC): it serves
 * every beneficiary of a token file through one shared store and reads each beneficiary's Patient per
 * round, as an app's worker would. Modes: `normal`; `die-holding-lease` (reports the first lease it
 * takes and then stalls, so the parent can SIGKILL it holding that lease).
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TokenStore } from '../../../src/auth/token-store.js';
import {
  AuthorizationToken,
  type AuthorizationTokenJSON,
  BlueButton,
  isBlueButtonError,
} from '../../../src/index.js';
import { createPostgresTokenStore } from '../../../src/stores/postgres/index.js';
import { createRedisTokenStore } from '../../../src/stores/redis/index.js';

export interface WorkerSetup {
  readonly config: { clientId: string; clientSecret: string; callbackUrl: string; baseUrl: string };
  readonly tokens: readonly AuthorizationTokenJSON[];
  readonly backend:
    | { kind: 'postgres'; url: string; table: string }
    | { kind: 'redis'; url: string; prefix: string };
  /** application_name / Redis connection name, so the parent can drop exactly our connections. */
  readonly connectionName: string;
  readonly mode: 'normal' | 'die-holding-lease';
  readonly maxLeaseMs: number;
}

export type ToWorker =
  | { type: 'setup'; setup: WorkerSetup }
  | { type: 'round'; round: number }
  | { type: 'exit' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'leased' }
  | {
      type: 'done';
      round: number;
      reads: number;
      failures: Record<string, number>;
      refreshHooks: number;
      invalidGrant: number;
      /** `get`s the store answered with "no record" (cumulative). */
      notFound: number;
    };

/** Store outages (before a refresh, or saving after one): the call is safe to repeat. */
const RETRIED = new Set(['TOKEN_STORE_FAILED', 'TOKEN_SAVE_FAILED']);

const send = (m: FromWorker) => process.send?.(m);

async function openStore(setup: WorkerSetup): Promise<TokenStore & { close(): Promise<void> }> {
  const b = setup.backend;
  if (b.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: b.url, application_name: setup.connectionName, max: 4 });
    pool.on('error', () => undefined);
    const store = await createPostgresTokenStore({
      pool,
      table: b.table,
      maxLeaseMs: setup.maxLeaseMs,
      createTable: false,
    });
    return { ...store, close: () => pool.end() };
  }
  const client = new Redis(b.url, { connectionName: setup.connectionName, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  const store = await createRedisTokenStore({ client, keyPrefix: b.prefix, maxLeaseMs: setup.maxLeaseMs });
  return { ...store, close: async () => void client.disconnect() };
}

/** Stalls forever after the first lease this process takes (the parent kills it then). */
function dyingAfterLease(store: TokenStore): TokenStore {
  let reported = false;
  return {
    get: (key) => store.get(key),
    async compareAndSet(key, expected, next) {
      const wrote = await store.compareAndSet(key, expected, next);
      if (wrote && next.lease) {
        if (!reported) send({ type: 'leased' });
        reported = true;
        return new Promise<boolean>(() => undefined);
      }
      return wrote;
    },
  };
}

/** Counts the store's "no record" answers. */
function countingNotFound(store: TokenStore, found: { notFound: number }): TokenStore {
  return {
    async get(key) {
      const record = await store.get(key);
      if (record === undefined) found.notFound++;
      return record;
    },
    compareAndSet: (key, expected, next) => store.compareAndSet(key, expected, next),
  };
}

async function main(setup: WorkerSetup) {
  const base = await openStore(setup);
  const found = { notFound: 0 };
  const counted = countingNotFound(base, found);
  const store = setup.mode === 'die-holding-lease' ? dyingAfterLease(counted) : counted;
  let refreshHooks = 0;
  const bb = new BlueButton({
    ...setup.config,
    environment: 'LOCAL',
    version: 2,
    tokenStore: store,
    retrySettings: { total: 2, backoffFactor: 0.01, jitter: false },
  });
  const clients = setup.tokens.map((json) => {
    const token = AuthorizationToken.fromJSON(json);
    return {
      patient: token.patient,
      client: bb.client(token, { onTokenRefresh: () => void refreshHooks++ }),
    };
  });
  process.on('message', async (m: ToWorker) => {
    if (m.type === 'exit') {
      await base.close();
      process.exit(0);
    }
    if (m.type !== 'round') return;
    const failures: Record<string, number> = {};
    let reads = 0;
    let invalidGrant = 0;
    const queue = [...clients];
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          // A store outage fails the call with a typed error; the worker retries it, as a job would.
          for (let attempt = 0; ; attempt++) {
            try {
              // A signal per call: without one, cockatiel hangs every call's listener on one shared signal.
              await c.client.v2.Patient.read(c.patient, { signal: new AbortController().signal });
              reads++;
              break;
            } catch (e) {
              const code = isBlueButtonError(e) ? e.code : `raw:${e instanceof Error ? e.name : typeof e}`;
              failures[code] = (failures[code] ?? 0) + 1;
              if (code === 'REAUTHORIZATION_REQUIRED') invalidGrant++;
              if (!RETRIED.has(code) || attempt > 50) break;
              await new Promise((r) => setTimeout(r, 20));
            }
          }
        }
      }),
    );
    send({
      type: 'done',
      round: m.round,
      reads,
      failures,
      refreshHooks,
      invalidGrant,
      notFound: found.notFound,
    });
  });
  send({ type: 'ready' });
}

process.once('message', (m: ToWorker) => {
  if (m.type === 'setup') void main(m.setup);
});
