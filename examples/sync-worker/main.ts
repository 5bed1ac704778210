/**
 * The sync example end to end on this machine: a local sandbox, beneficiaries who consent (their tokens
 * land in the token table, as your OAuth callback would put them), then `runSync` with N workers.
 *
 *   npx tsx examples/sync-worker/main.ts [beneficiaries=20] [workers=2]
 *
 * Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and Redis
 * (127.0.0.1:6379). Writes into the schema `bluebutton_sync_example`, created if missing.
 */
import { BlueButton } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import { createPostgresTokenStore } from 'bluebutton-ts/stores/postgres';
import pg from 'pg';
import { runSync } from './run-sync.js';

const beneficiaries = Number(process.argv[2] ?? 20);
const workers = Number(process.argv[3] ?? 2);
const schema = 'bluebutton_sync_example';
const sandbox = await startSandbox({ beneficiaries, eobsPerBeneficiary: 60 });
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
});
try {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const tokenTable = `${schema}.tokens`;
  const store = await createPostgresTokenStore({ pool, table: tokenTable });
  const login = new BlueButton({ ...sandbox.config(), version: 2 });
  for (let i = 0; i < beneficiaries; i++) {
    const authData = login.generateAuthData();
    const callback = await sandbox.authorize(login.generateAuthorizeUrl(authData), { beneficiary: i });
    const token = await login.handleCallback(authData, callback);
    const key = `bluebutton:${sandbox.client.clientId}:v2:${token.patient}`;
    const current = await store.get(key);
    await store.compareAndSet(key, current, {
      token: token.toJSON(),
      revision: (current?.revision ?? 0) + 1,
    });
  }
  const result = await runSync({
    blueButton: (tokenStore) => new BlueButton({ ...sandbox.config(), version: 2, tokenStore }),
    pool,
    tokenTable,
    schema,
    connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
    queueName: 'bluebutton-sync-example',
    workers,
    log: console.log,
  });
  console.log(JSON.stringify(result));
} finally {
  await pool.end();
  await sandbox.close();
}
