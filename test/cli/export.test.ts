import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, claimLines } from '../../src/claims/index.js';
import { login, ROOT, type Workspace, workspace } from './helpers.js';

const EOB_ROUTE = 'GET /v2/fhir/ExplanationOfBenefit/';

async function lines(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function idsOnce(resources: readonly Record<string, unknown>[]): string[] {
  const ids = resources.map((r) => String(r.id));
  expect(new Set(ids).size).toBe(ids.length);
  return ids;
}

describe('bluebutton export', { timeout: 120_000 }, () => {
  let ws: Workspace;
  let tokenFile: string;
  beforeAll(async () => {
    ws = await workspace({ beneficiaries: 1, eobsPerBeneficiary: 120, latencyMs: 20 });
    tokenFile = join(ws.dir, 'token.json');
    expect((await login(ws, ['--token-file', tokenFile])).code).toBe(0);
  });
  afterAll(() => ws.close());
  const bene = () => ws.sandbox.dataset.beneficiaries[0]!;

  it('writes every page as NDJSON per resource type, refreshing and saving the token mid-export', async () => {
    const before = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, string>;
    // The token expires while the EOBs are walked: the client refreshes once and goes on.
    ws.sandbox.faults.set(EOB_ROUTE, ['pass', 'pass', 'expire-token']);
    const out = join(ws.dir, 'full');
    const result = await ws.run([
      'export',
      '--config',
      ws.configFile,
      '--token-file',
      tokenFile,
      '--out',
      out,
      '--json',
      '--page-size',
      '20',
    ]);
    expect(result.stderr).toContain('ExplanationOfBenefit: 120 resources in ExplanationOfBenefit.ndjson');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      tokenRefreshes: number;
      resources: { resource: string; count: number; complete: boolean }[];
    };
    expect(summary.tokenRefreshes).toBe(1);
    expect(summary.resources.map((r) => [r.resource, r.complete])).toEqual([
      ['Patient', true],
      ['Coverage', true],
      ['ExplanationOfBenefit', true],
    ]);
    const eobs = await lines(join(out, 'ExplanationOfBenefit.ndjson'));
    expect(eobs).toHaveLength(bene().eobCount);
    expect(eobs.every((e) => e.resourceType === 'ExplanationOfBenefit')).toBe(true);
    idsOnce(eobs);
    const patients = await lines(join(out, 'Patient.ndjson'));
    expect(patients.map((p) => p.id)).toEqual([bene().patientId.v2]);
    const coverages = await lines(join(out, 'Coverage.ndjson'));
    expect(coverages.length).toBeGreaterThan(0);
    expect(coverages.every((c) => c.resourceType === 'Coverage')).toBe(true);

    // The rotated token is in the file (still 0600), and it is the one the later pages were fetched with.
    const after = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, string>;
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.access_token).not.toBe(before.access_token);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    const lastEob = ws.sandbox.requests.filter((r) => r.routeKey === EOB_ROUTE).at(-1);
    expect(lastEob?.headers.authorization).toBe(`Bearer ${after.access_token}`);
    // The state file holds counts, no token and no patient id.
    const state = await readFile(join(out, '.bluebutton-export.json'), 'utf8');
    for (const secret of [
      after.access_token,
      after.refresh_token,
      before.refresh_token,
      bene().patientId.v2,
    ]) {
      expect(state).not.toContain(secret);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    // Running it again finds the export complete and fetches nothing.
    const requests = ws.sandbox.requests.length;
    const again = await ws.run([
      'export',
      '--config',
      ws.configFile,
      '--token-file',
      tokenFile,
      '--out',
      out,
    ]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ExplanationOfBenefit: already complete: 120 resources');
    expect(ws.sandbox.requests.length).toBe(requests);
  });

  it('resumes after SIGINT without duplicates or gaps', async () => {
    const out = join(ws.dir, 'interrupted');
    const args = [
      'export',
      '--config',
      ws.configFile,
      '--token-file',
      tokenFile,
      '--out',
      out,
      '--resources',
      'eob',
      '--page-size',
      '5',
      '--concurrency',
      '2',
    ];
    const first = ws.start(args);
    // Plain progress (a pipe): a line at each tenth of the total.
    await first.waitFor(/ExplanationOfBenefit: (2[4-9]|[3-9]\d)\/120 resources/);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(
      /interrupted; saved \d+ ExplanationOfBenefit in complete pages\. Run the same command again to resume\./,
    );
    const state = JSON.parse(await readFile(join(out, '.bluebutton-export.json'), 'utf8')) as {
      resources: { ExplanationOfBenefit: { count: number; complete: boolean } };
    };
    const saved = state.resources.ExplanationOfBenefit;
    expect(saved.complete).toBe(false);
    expect(saved.count).toBeGreaterThan(0);
    expect(saved.count).toBeLessThan(120);
    // The file may hold a torn page after the recorded offset; the resume cuts it.
    const resumed = await ws.run(args);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`ExplanationOfBenefit: resuming after ${saved.count} of 120`);
    const eobs = await lines(join(out, 'ExplanationOfBenefit.ndjson'));
    const ids = idsOnce(eobs);
    const full = idsOnce(await lines(join(ws.dir, 'full', 'ExplanationOfBenefit.ndjson')));
    expect(ids).toEqual(full);
  });

  it('filters EOBs by --type and refuses to mix options in one directory', async () => {
    const out = join(ws.dir, 'typed');
    const args = [
      'export',
      '--config',
      ws.configFile,
      '--token-file',
      tokenFile,
      '--out',
      out,
      '--resources',
      'eob',
      '--type',
      'pde,carrier',
    ];
    const result = await ws.run(args);
    expect(result.code).toBe(0);
    const eobs = await lines(join(out, 'ExplanationOfBenefit.ndjson'));
    expect(eobs.length).toBeGreaterThan(0);
    const types = new Set(
      eobs.map((e) => (e.type as { coding: { code: string }[] }).coding.map((c) => c.code).join()),
    );
    for (const t of types) expect(t).toMatch(/pde|carrier/i);
    const mixed = await ws.run([...args.slice(0, -1), 'pde']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/records an export with types \["carrier","pde"\], not types \["pde"\]/);
  });

  it('writes the claim lines of bluebutton-ts/claims with --format csv, one header, every EOB', async () => {
    const out = join(ws.dir, 'csv');
    const args = [
      'export',
      '--config',
      ws.configFile,
      '--token-file',
      tokenFile,
      '--out',
      out,
      '--resources',
      'eob',
      '--format',
      'csv',
    ];
    const result = await ws.run(args);
    expect(result.code).toBe(0);
    const rows = (await readFile(join(out, 'claim-lines.csv'), 'utf8')).split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows.filter((r) => r === rows[0])).toHaveLength(1);
    const eobs = await lines(join(ws.dir, 'full', 'ExplanationOfBenefit.ndjson'));
    const expected = eobs.reduce(
      (n, e) => n + Math.max(1, claimLines(e as unknown as Parameters<typeof claimLines>[0]).length),
      0,
    );
    expect(rows.length - 1).toBe(expected);
    const eobIds = new Set(rows.slice(1).map((r) => r.split(',')[0]));
    expect([...eobIds].sort()).toEqual(eobs.map((e) => String(e.id)).sort());
  });

  it('draws a live progress line on a terminal (a pty through script) and plain lines on a pipe', async () => {
    const args = [
      'export',
      '--config',
      ws.configFile,
      '--token-file',
      tokenFile,
      '--resources',
      'eob',
      '--page-size',
      '10',
    ];
    const quote = (a: string) => `'${a.replaceAll("'", "'\\''")}'`;
    const cli = [
      process.execPath,
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(ROOT, 'src/cli/main.ts'),
    ];
    const command = [...cli, ...args, '--out', join(ws.dir, 'tty')].map(quote).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ws.dir,
      env: ws.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (c: Buffer) => {
      screen += c.toString('utf8');
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the live line is drawn with CR and ESC[2K
    expect(screen).toMatch(/\r\x1b\[2KExplanationOfBenefit: \d+\/120 resources \d+%, \d+ pages, \d+\/s/);
    expect(screen).toContain('ExplanationOfBenefit: 120 resources in ExplanationOfBenefit.ndjson');
    const piped = await ws.run([...args, '--out', join(ws.dir, 'piped')]);
    expect(piped.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that there are none
    expect(piped.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(piped.stderr).toMatch(
      /^ExplanationOfBenefit: starting of 120\n(ExplanationOfBenefit: \d+\/120 resources .*\n)+ExplanationOfBenefit: 120 resources in/,
    );
  });
});
