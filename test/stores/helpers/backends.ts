/**
 * The shared PostgreSQL and Redis of the machine, isolated per run: a fresh schema / key prefix with a
 * random suffix, dropped afterwards (other helpers and CI jobs use the same servers at the same time).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

export const PG_URL = process.env.BB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const uniqueName = (what: string) => `bb_${what}_${randomBytes(5).toString('hex')}`;

/** A schema of our own; `drop()` removes it with everything in it. */
export async function pgSchema(what: string) {
  const schema = uniqueName(what);
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2 });
  admin.on('error', () => undefined);
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    admin,
    /** Ends every connection whose application_name starts with `app` (as a restart would). */
    async terminate(app: string): Promise<number> {
      const { rows } = await admin.query<{ pid: number }>(
        `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity WHERE application_name LIKE $1 || '%'`,
        [app],
      );
      return rows.length;
    },
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** A key prefix of our own; `drop()` deletes its keys. */
export async function redisPrefix(what: string) {
  const prefix = `${uniqueName(what)}:`;
  const admin = new Redis(REDIS_URL, { lazyConnect: true });
  await admin.connect();
  return {
    prefix,
    admin,
    /** Ends every connection named `name*` (CLIENT KILL by id: other users' connections stay up). */
    async terminate(name: string): Promise<number> {
      const list = String(await admin.client('LIST'));
      const ids = list
        .split('\n')
        .filter((l) => new RegExp(`\\bname=${name}`).test(l))
        .map((l) => /\bid=(\d+)/.exec(l)?.[1])
        .filter((id): id is string => id !== undefined);
      for (const id of ids) await admin.client('KILL', 'ID', id);
      return ids.length;
    },
    async drop() {
      let cursor = '0';
      do {
        const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length > 0) await admin.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      await admin.quit();
    },
  };
}
