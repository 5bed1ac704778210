/**
 * Both shared stores against the real PostgreSQL and Redis: the TokenStore compare-and-set and lease
 * contract, typed errors when the server is away, and close() ending only what the store opened.
 */
import { createServer } from 'node:net';
import type { StoredToken, TokenStore } from 'bluebutton-ts';
import { createPostgresTokenStore, tokenTableSql } from 'bluebutton-ts/stores/postgres';
import { createRedisTokenStore } from 'bluebutton-ts/stores/redis';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PG_URL, pgSchema, REDIS_URL, redisPrefix } from './helpers/backends.js';

const record = (revision: number, access: string, lease?: StoredToken['lease']): StoredToken => ({
  token: {
    access_token: access,
    refresh_token: `r-${access}`,
    expires_in: 3600,
    expires_at: 1_900_000_000_000,
    token_type: 'Bearer',
    scope: 'profile',
    patient: '-20140000000001',
  },
  revision,
  ...(lease ? { lease } : {}),
});

/** A port nothing listens on: bound then released. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

let pgs: Awaited<ReturnType<typeof pgSchema>>;
let rds: Awaited<ReturnType<typeof redisPrefix>>;
beforeAll(async () => {
  pgs = await pgSchema('contract');
  rds = await redisPrefix('contract');
});
afterAll(async () => {
  await pgs.drop();
  await rds.drop();
});

type Open = (options?: {
  maxLeaseMs?: number;
  now?: () => number;
}) => Promise<TokenStore & { close(): Promise<void> }>;
const backends: [string, Open][] = [
  [
    'postgres',
    (o = {}) => createPostgresTokenStore({ connectionString: PG_URL, table: `${pgs.schema}.tokens`, ...o }),
  ],
  ['redis', (o = {}) => createRedisTokenStore({ url: REDIS_URL, keyPrefix: rds.prefix, ...o })],
];

describe.each(backends)('%s token store', (name, open) => {
  let store: TokenStore & { close(): Promise<void> };
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  test('a first write inserts; a second first write loses; get returns what was written', async () => {
    const key = `${name}:first`;
    expect(await store.get(key)).toBeUndefined();
    expect(await store.compareAndSet(key, undefined, record(1, 'a'))).toBe(true);
    expect(await store.compareAndSet(key, undefined, record(1, 'b'))).toBe(false);
    expect(await store.get(key)).toEqual({ ...record(1, 'a'), lease: undefined });
  });

  test('compare-and-set writes only over the expected revision, lease included', async () => {
    const key = `${name}:cas`;
    await store.compareAndSet(key, undefined, record(1, 'a'));
    const leased = record(2, 'a', { owner: 'w1', until: 1_900_000_000_000 });
    expect(await store.compareAndSet(key, record(1, 'a'), leased)).toBe(true);
    expect(await store.compareAndSet(key, record(1, 'a'), record(2, 'stale'))).toBe(false);
    expect(await store.get(key)).toEqual(leased);
    expect(await store.compareAndSet(key, leased, record(3, 'b'))).toBe(true);
    expect(await store.get(key)).toEqual({ ...record(3, 'b'), lease: undefined });
  });

  test('20 concurrent contenders over one revision: exactly one wins', async () => {
    const key = `${name}:race`;
    await store.compareAndSet(key, undefined, record(1, 'a'));
    const others = await Promise.all(Array.from({ length: 4 }, () => open()));
    try {
      const all = [store, ...others];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          all[i % all.length]?.compareAndSet(key, record(1, 'a'), record(2, `w${i}`)),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect((await store.get(key))?.token.access_token).toBe(`w${winner}`);
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });

  test('maxLeaseMs caps the lease a writer asks for, measured on the store clock', async () => {
    const capped = await open({ maxLeaseMs: 2000, now: () => 1_000_000 });
    try {
      const key = `${name}:lease`;
      await capped.compareAndSet(key, undefined, record(1, 'a', { owner: 'w', until: 1_030_000 }));
      expect((await capped.get(key))?.lease).toEqual({ owner: 'w', until: 1_002_000 });
      await capped.compareAndSet(key, record(1, 'a'), record(2, 'a', { owner: 'w', until: 1_001_000 }));
      expect((await capped.get(key))?.lease).toEqual({ owner: 'w', until: 1_001_000 });
    } finally {
      await capped.close();
    }
  });
});

describe('outages and ownership', () => {
  test('an unreachable PostgreSQL is a typed TOKEN_STORE_FAILED, without the connection string', async () => {
    const url = `postgres://postgres:pw-secret@127.0.0.1:${await deadPort()}/test`;
    const e = await createPostgresTokenStore({ connectionString: url }).catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'TOKEN_STORE_FAILED',
      store: 'postgres',
      operation: 'schema',
      reason: 'ECONNREFUSED',
    });
    expect(JSON.stringify(e) + String(e)).not.toContain('pw-secret');
  });

  test('an unreachable Redis is a typed TOKEN_STORE_FAILED', async () => {
    const e = await createRedisTokenStore({ url: `redis://127.0.0.1:${await deadPort()}` }).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: 'TOKEN_STORE_FAILED', store: 'redis', operation: 'connect' });
  });

  test('a bad table name is INVALID_PARAMS before any SQL', async () => {
    expect(() => tokenTableSql('tokens; DROP TABLE x')).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAMS' }),
    );
  });

  test('a dropped Redis connection mid-use: typed error or transparent retry, never a raw error; then it works', async () => {
    const client = new Redis(REDIS_URL, { connectionName: `${rds.prefix}drop`, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const store = await createRedisTokenStore({ client, keyPrefix: rds.prefix });
    const key = 'drop';
    await store.compareAndSet(key, undefined, record(1, 'a'));
    expect(await rds.terminate(`${rds.prefix}drop`)).toBe(1);
    const during = await store.get(key).then(
      (v) => v?.revision,
      (x: unknown) => x,
    );
    if (typeof during !== 'number') expect(during).toMatchObject({ code: 'TOKEN_STORE_FAILED' });
    await expect
      .poll(
        () =>
          store.get(key).then(
            (v) => v?.revision,
            () => 'down',
          ),
        { interval: 20 },
      )
      .toBe(1);
    await store.close();
    expect(client.status).not.toBe('end'); // a client passed in stays the caller's
    client.disconnect();
  });

  test('a terminated PostgreSQL connection: a typed error, then the pool reconnects', async () => {
    const pool = new pg.Pool({ connectionString: PG_URL, application_name: `${pgs.schema}_drop`, max: 1 });
    const poolErrors: unknown[] = [];
    pool.on('error', (e) => poolErrors.push(e));
    const store = await createPostgresTokenStore({ pool, table: `${pgs.schema}.tokens` });
    await store.compareAndSet('drop', undefined, record(1, 'a'));
    const busy = pool.query('SELECT pg_sleep(5)').catch((x: unknown) => x);
    await expect.poll(() => pgs.terminate(`${pgs.schema}_drop`), { interval: 20 }).toBe(1);
    expect(await busy).toBeInstanceOf(Error);
    await expect
      .poll(
        () =>
          store.get('drop').then(
            (v) => v?.revision,
            (x: unknown) => (x as { code?: string }).code,
          ),
        {
          interval: 20,
        },
      )
      .toBe(1);
    await store.close();
    expect(pool.ended).toBe(false); // the caller's pool stays open
    await pool.end();
  });

  test('close() ends the connections the store opened itself', async () => {
    const store = await createPostgresTokenStore({
      connectionString: `${PG_URL}?application_name=${pgs.schema}_own`,
      table: `${pgs.schema}.tokens`,
    });
    await store.get('x');
    const count = async () =>
      (
        await pgs.admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [
          `${pgs.schema}_own`,
        ])
      ).rows[0]?.n;
    expect(await count()).toBe(1);
    await store.close();
    await expect.poll(count, { interval: 20 }).toBe(0);
  });
});
