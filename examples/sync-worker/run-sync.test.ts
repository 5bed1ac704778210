/** The sync example runs for real: sandbox, PostgreSQL, Redis, two workers, progress lines. */
import { BlueButton } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import { createPostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import { Queue } from 'bullmq';
import pg from 'pg';
import { expect, test } from 'vitest';
import { PG_URL, pgSchema, uniqueName } from '../../test/stores/helpers/backends.js';
import { runSync } from './run-sync.js';

test('runSync: every beneficiary of the token table synced by 2 workers, progress printed, the ended grant marked', async () => {
  const sandbox = await startSandbox({ beneficiaries: 12, eobsPerBeneficiary: 5 });
  const pgs = await pgSchema('syncex');
  const pool = new pg.Pool({ connectionString: PG_URL, max: 6 });
  const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
  const queueName = uniqueName('syncex');
  try {
    const tokenTable = `${pgs.schema}.tokens`;
    const store = await createPostgresTokenStore({ pool, table: tokenTable });
    const login = new BlueButton({ ...sandbox.config(), version: 2 });
    for (let i = 0; i < 12; i++) {
      const authData = login.generateAuthData();
      const callback = await sandbox.authorize(login.generateAuthorizeUrl(authData), { beneficiary: i });
      const token = await login.handleCallback(authData, callback);
      const key = `bluebutton:${sandbox.client.clientId}:v2:${token.patient}`;
      await store.compareAndSet(key, undefined, { token: token.toJSON(), revision: 1 });
    }
    sandbox.expireGrant(4);
    const lines: string[] = [];
    const result = await runSync({
      blueButton: (tokenStore) => new BlueButton({ ...sandbox.config(), version: 2, tokenStore }),
      pool,
      tokenTable,
      schema: pgs.schema,
      connection,
      queueName,
      workers: 2,
      log: (l) => lines.push(l),
    });
    const coverages = sandbox.dataset.beneficiaries.map((b) => sandbox.dataset.coverages(b, 2).length);
    const perBene = (i: number) => 5 + (coverages[i] ?? 0) + 1;
    const expectedResources = [...Array(12).keys()]
      .filter((i) => i !== 4)
      .reduce((n, i) => n + perBene(i), 0);
    expect(result).toEqual({
      beneficiaries: 12,
      byStatus: { synced: 11, skipped: 0, 'reauthorization-required': 1, 'rate-limited': 0, failed: 0 },
      resources: expectedResources,
    });
    expect(lines[0]).toBe('12 beneficiaries queued for 2 workers');
    expect(lines.at(-1)).toMatch(
      new RegExp(`^worker [12]: 12/12 beneficiaries, ${expectedResources} resources$`),
    );
    expect(lines.slice(1).map((l) => Number(/: (\d+)\/12/.exec(l)?.[1]))).toEqual([2, 4, 6, 8, 10, 12]);
    const rows = await pgs.admin.query(`SELECT count(*)::int AS n FROM ${pgs.schema}.bluebutton_resources`);
    expect(rows.rows[0]).toEqual({ n: expectedResources });
  } finally {
    const queue = new Queue(queueName, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
    await pool.end();
    await pgs.drop();
    await sandbox.close();
  }
});
