/**
 * A TokenStore on a SQL table, so several processes serving one beneficiary never refresh the same
 * single-use refresh token twice. Any database with a conditional UPDATE works; `Db` is whatever client
 * you use (pg, mysql2, better-sqlite3...). Table:
 *   CREATE TABLE bb_tokens (key TEXT PRIMARY KEY, record TEXT NOT NULL, revision INTEGER NOT NULL);
 */
import type { StoredToken, TokenStore } from 'bluebutton-ts';

export interface Db {
  /** Runs a statement; returns the selected rows and how many rows it changed. */
  query(sql: string, params: readonly unknown[]): Promise<{ rows: { record: string }[]; changed: number }>;
}

export function sqlTokenStore(db: Db): TokenStore {
  return {
    async get(key) {
      const { rows } = await db.query('SELECT record FROM bb_tokens WHERE key = $1', [key]);
      return rows[0] ? (JSON.parse(rows[0].record) as StoredToken) : undefined;
    },
    async compareAndSet(key, expected, next) {
      const record = JSON.stringify(next);
      const { changed } = expected
        ? await db.query('UPDATE bb_tokens SET record = $1, revision = $2 WHERE key = $3 AND revision = $4', [
            record,
            next.revision,
            key,
            expected.revision,
          ])
        : await db.query(
            'INSERT INTO bb_tokens (key, record, revision) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [key, record, next.revision],
          );
      return changed === 1;
    },
  };
}
