import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { login, type Workspace, workspace } from './helpers.js';

async function inProcess(argv: string[]) {
  const captured = { out: '', err: '' };
  const code = await main(argv, {
    stdout: (t) => {
      captured.out += t;
    },
    stderr: (t) => {
      captured.err += t;
    },
  });
  return { code, ...captured };
}

describe('bad command lines (exit 2, a suggestion)', () => {
  it.each([
    [['exprot', '--out', 'x'], 'unknown command "exprot"; did you mean export?'],
    [['export', '--otu', 'x'], 'unknown option --otu for export; did you mean --out?'],
    [['login', '--scopes', 'profile'], 'unknown option --scopes for login; did you mean --scope?'],
    [['export'], 'export needs --out <dir>'],
    [['export', '--out', 'x', '--type', 'carier'], '--type: unknown value "carier"; did you mean carrier?'],
    [['export', '--out', 'x', '--resources', 'eobs'], '--resources: unknown value "eobs"; did you mean eob?'],
    [['export', '--out', 'x', '--format', 'xml'], '--format: unknown value "xml"'],
    [['export', '--out', 'x', '--since', 'yesterday'], '--since must be auto, a date'],
    [['export', '--out', 'x', '--concurrency', '0'], '--concurrency must be an integer from 1 to 8'],
    [['login', '--version', '4'], '--version must be 1, 2 or 3, got "4"'],
    [['whoami', 'extra'], 'unexpected argument "extra"'],
  ])('%j', async (argv, message) => {
    const r = await inProcess(argv);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toContain(`bluebutton: ${message}`);
    expect(r.err).toMatch(/See `bluebutton (\w+ )?--help`\.\n$/);
  });

  it('prints help for every verb with examples and the exit codes, and --version', async () => {
    for (const verb of ['login', 'whoami', 'export', 'sandbox']) {
      for (const argv of [
        [verb, '--help'],
        ['help', verb],
      ]) {
        const r = await inProcess(argv);
        expect(r.code).toBe(0);
        expect(r.out).toContain(`Usage: bluebutton ${verb}`);
        expect(r.out).toMatch(/Examples?:\n {2}bluebutton /);
        expect(r.out).toContain('3    reauthorization required');
      }
    }
    const v = await inProcess(['--version']);
    expect(v.out).toMatch(/^bluebutton \d+\.\d+\.\d+/);
  });
});

describe('bad files and expired grants (the real command)', { timeout: 180_000 }, () => {
  let ws: Workspace;
  let tokenFile: string;
  beforeAll(async () => {
    ws = await workspace({ beneficiaries: 1, eobsPerBeneficiary: 120 });
    tokenFile = join(ws.dir, 'token.json');
    expect((await login(ws, ['--token-file', tokenFile])).code).toBe(0);
  });
  afterAll(() => ws.close());
  const exportTo = (out: string, extra: string[] = [], file = tokenFile) =>
    ws.run(['export', '--config', ws.configFile, '--token-file', file, '--out', out, ...extra]);

  it('exits 2 on a usage error as a process, and 3 without a token file', async () => {
    const usage = await ws.run(['export', '--bogus']);
    expect(usage.code).toBe(2);
    const none = await exportTo(join(ws.dir, 'o'), [], join(ws.dir, 'missing.json'));
    expect(none.code).toBe(3);
    expect(none.stderr).toBe(
      `bluebutton: no token file at ${join(ws.dir, 'missing.json')}; run: bluebutton login --config ${ws.configFile} --token-file ${join(ws.dir, 'missing.json')}\n`,
    );
  });

  it('refuses a token file that group or others can read, as ssh does', async () => {
    const loose = join(ws.dir, 'loose.json');
    await writeFile(loose, await readFile(tokenFile));
    await chmod(loose, 0o644);
    const r = await ws.run(['whoami', '--token-file', loose]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the token file ${loose} is accessible by group or others (mode 0644)`);
    expect(r.stderr).toContain(`chmod 600 ${loose}`);
    expect(r.stdout).toBe('');
  });

  it('refuses an unwritable --out', async () => {
    const file = join(ws.dir, 'a-file');
    await writeFile(file, 'x');
    const r = await exportTo(join(file, 'out'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `bluebutton: cannot write to --out ${join(file, 'out')}: ENOTDIR: not a directory\n`,
    );
  });

  it('exits 3 with the login command when the grant has expired', async () => {
    const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, unknown>;
    const expired = join(ws.dir, 'expired.json');
    await writeFile(expired, JSON.stringify({ ...saved, access_grant_expiration: '2020-01-01T00:00:00Z' }), {
      mode: 0o600,
    });
    const before = ws.sandbox.requests.length;
    const r = await exportTo(join(ws.dir, 'o3'), [], expired);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `bluebutton: the beneficiary's data-access grant expired on 2020-01-01T00:00:00.000Z; run: bluebutton login --config ${ws.configFile} --token-file ${expired}\n`,
    );
    expect(ws.sandbox.requests.length).toBe(before);
    // The server ends the grant (the file does not know yet): the refresh is refused, exit 3 as well.
    ws.sandbox.expireGrant(0);
    ws.sandbox.expireAccessTokens();
    const refused = await exportTo(join(ws.dir, 'o4'), ['--resources', 'eob']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /^bluebutton: Reauthorization required: .*; run: bluebutton login --config \S+ --token-file \S+\n$/,
    );
  });

  it('on a full disk reports the failure and never counts a torn page; the same command resumes', async () => {
    // A 64 KiB tmpfs (the tests run as root): the EOBs need several times that.
    const out = join(ws.dir, 'small-disk');
    await mkdir(out);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', out]);
    try {
      ws.sandbox.faults.clear();
      const fresh = join(ws.dir, 'fresh-token.json');
      const again = await login(ws, ['--token-file', fresh]);
      expect(again.code).toBe(0);
      const args = ['--resources', 'eob', '--page-size', '1', '--concurrency', '1'];
      const full = await exportTo(out, args, fresh);
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(
        /\nbluebutton: (writing|saving) \S+ failed: ENOSPC: no space left on device; .*\n$/,
      );
      const state = JSON.parse(await readFile(join(out, '.bluebutton-export.json'), 'utf8')) as {
        resources: { ExplanationOfBenefit: { bytes: number; count: number; complete: boolean } };
      };
      const saved = state.resources.ExplanationOfBenefit;
      expect(saved.complete).toBe(false);
      expect(saved.count).toBeGreaterThan(0);
      // What the state file counts is exactly that many complete lines; anything after it is not counted.
      const text = (await readFile(join(out, 'ExplanationOfBenefit.ndjson')))
        .subarray(0, saved.bytes)
        .toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(
        text
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as { id: string }).id),
      ).toHaveLength(saved.count);
      expect((await stat(join(out, 'ExplanationOfBenefit.ndjson'))).size).toBeGreaterThanOrEqual(saved.bytes);
      // More room, the same command: every EOB exactly once.
      execFileSync('mount', ['-o', 'remount,size=8m', out]);
      const resumed = await exportTo(out, args, fresh);
      expect(resumed.code).toBe(0);
      const ids = (await readFile(join(out, 'ExplanationOfBenefit.ndjson'), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id);
      expect(ids).toHaveLength(120);
      expect(new Set(ids).size).toBe(120);
    } finally {
      execFileSync('umount', [out]);
    }
  });
});
