/**
 * `--since auto` against a small FHIR server whose claims change between runs (the sandbox's data is
 * fixed): it serves EOB search pages with BB2's startIndex links and honours `_lastUpdated=gt...`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from './helpers.js';

interface Eob {
  resourceType: 'ExplanationOfBenefit';
  id: string;
  meta: { lastUpdated: string };
  status: string;
}

const eob = (n: number, minute: number, status = 'active'): Eob => ({
  resourceType: 'ExplanationOfBenefit',
  id: `carrier--${n}`,
  meta: { lastUpdated: `2024-05-01T10:${String(minute).padStart(2, '0')}:00.000+00:00` },
  status,
});

describe('bluebutton export --since auto', { timeout: 120_000 }, () => {
  let dir: string;
  let server: Server;
  let base = '';
  const claims: Eob[] = [];
  const queries: URLSearchParams[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bb-cli-since-'));
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', base);
      queries.push(url.searchParams);
      const after = url.searchParams.getAll('_lastUpdated').map((v) => Date.parse(v.slice(2)));
      const matching = claims.filter((c) => after.every((t) => Date.parse(c.meta.lastUpdated) > t));
      const start = Number(url.searchParams.get('startIndex') ?? 0);
      const count = Number(url.searchParams.get('_count') ?? 10);
      const page = matching.slice(start, start + count);
      const link = (s: number) => {
        const u = new URL(url);
        u.searchParams.set('startIndex', String(s));
        return u.toString();
      };
      const body = {
        resourceType: 'Bundle',
        type: 'searchset',
        total: matching.length,
        link: [
          { relation: 'self', url: url.toString() },
          ...(start + count < matching.length ? [{ relation: 'next', url: link(start + count) }] : []),
        ],
        entry: page.map((resource) => ({ resource })),
      };
      res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await writeFile(
      join(dir, 'app.json'),
      JSON.stringify({
        clientId: 'app',
        clientSecret: 'secret',
        callbackUrl: 'http://127.0.0.1:9/cb',
        environment: 'LOCAL',
        baseUrl: base,
      }),
    );
    const token = {
      access_token: 'at-1',
      refresh_token: 'rt-1',
      token_type: 'Bearer',
      expires_in: 3600,
      expires_at: Date.now() + 3_600_000,
      scope: 'patient/ExplanationOfBenefit.read',
      patient: '-1000',
      version: 2,
    };
    await writeFile(join(dir, 'token.json'), JSON.stringify(token), { mode: 0o600 });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  const exportAuto = () =>
    runCli(
      [
        'export',
        '--config',
        'app.json',
        '--token-file',
        'token.json',
        '--out',
        'out',
        '--resources',
        'eob',
        '--since',
        'auto',
        '--page-size',
        '3',
        '--json',
      ],
      { cwd: dir, env: cliEnv(dir) },
    );
  const exported = async () =>
    (await readFile(join(dir, 'out', 'ExplanationOfBenefit.ndjson'), 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Eob);

  it('exports everything first, then only what changed, merged without duplicates', async () => {
    for (let n = 1; n <= 7; n++) claims.push(eob(n, n));
    const first = await exportAuto();
    expect(first.code).toBe(0);
    expect((await exported()).map((e) => e.id)).toEqual(claims.map((c) => c.id));
    expect(queries.every((q) => !q.has('_lastUpdated'))).toBe(true);

    // New claims appear and one is updated.
    claims.push(eob(8, 20), eob(9, 21));
    claims[2] = eob(3, 22, 'cancelled');
    queries.length = 0;
    const second = await exportAuto();
    expect(second.code).toBe(0);
    expect(queries.map((q) => q.getAll('_lastUpdated'))).toEqual([['gt2024-05-01T10:07:00.000+00:00']]);
    const summary = JSON.parse(second.stdout) as {
      resources: { fetched: number; count: number; incremental: boolean }[];
    };
    expect(summary.resources).toMatchObject([{ fetched: 3, count: 9, incremental: true }]);
    const after = await exported();
    expect(after.map((e) => e.id).sort()).toEqual(claims.map((c) => c.id).sort());
    expect(after.find((e) => e.id === 'carrier--3')?.status).toBe('cancelled');

    // Nothing changed: one request with the new watermark, no line added.
    queries.length = 0;
    const third = await exportAuto();
    expect(third.code).toBe(0);
    expect(queries.map((q) => q.getAll('_lastUpdated'))).toEqual([['gt2024-05-01T10:22:00.000+00:00']]);
    expect(await exported()).toEqual(after);
    const state = await readFile(join(dir, 'out', '.bluebutton-export.json'), 'utf8');
    expect(state).not.toContain('-1000');
    expect(state).not.toContain('at-1');
  });
});
