import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { cliEnv, freePort, login, startCli } from './helpers.js';

interface Captured {
  out: string;
  err: string;
}

function io(captured: Captured, untilShutdown?: (sandbox: Sandbox) => Promise<void>) {
  return {
    stdout: (text: string) => {
      captured.out += text;
    },
    stderr: (text: string) => {
      captured.err += text;
    },
    ...(untilShutdown === undefined ? {} : { untilShutdown }),
  };
}

describe('bluebutton CLI', () => {
  it('prints help', async () => {
    for (const argv of [['--help'], ['-h'], [], ['help']]) {
      const captured = { out: '', err: '' };
      expect(await main(argv, io(captured))).toBe(0);
      expect(captured.out).toContain('Usage: bluebutton <command> [options]');
      expect(captured.out).toContain('sandbox    Start a local Blue Button 2.0 sandbox');
    }
  });

  it('refuses unknown commands and bad numbers with exit code 2', async () => {
    for (const argv of [
      ['serve'],
      ['sandbox', '--port', 'eighty'],
      ['sandbox', '--eobs', '-1'],
      ['sandbox', '--bogus'],
    ]) {
      const captured = { out: '', err: '' };
      expect(await main(argv, io(captured))).toBe(2);
      expect(captured.err).toMatch(/^bluebutton: /);
    }
  });

  it('runs the sandbox, prints credentials and the synthetic users, and stops on shutdown', async () => {
    const captured = { out: '', err: '' };
    let seen: { status: number; patients: string[] } | undefined;
    const code = await main(
      ['sandbox', '--port', '0', '--seed', '3', '--beneficiaries', '2', '--eobs', '12', '--latency', '0'],
      io(captured, async (sandbox) => {
        const metadata = await fetch(`${sandbox.url}/v2/fhir/metadata`);
        seen = {
          status: metadata.status,
          patients: sandbox.dataset.beneficiaries.map((b) => b.patientId.v3),
        };
        expect(sandbox.dataset.seed).toBe(3);
        expect(sandbox.dataset.beneficiaries.map((b) => b.eobCount)).toEqual([12, 12]);
      }),
    );
    expect(code).toBe(0);
    expect(seen?.status).toBe(200);
    expect(captured.out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+ \(also http:\/\/localhost:\d+\)/);
    expect(captured.out).toMatch(/client_id {6}[A-Za-z0-9]{40}/);
    expect(captured.out).toContain('client_secret');
    expect(captured.out).toContain('redirect_uri   http://127.0.0.1/callback');
    expect(captured.out).toMatch(/username +password +v2 patient id +v3 patient id +EOBs/);
    expect(captured.out).toMatch(/BBUser00000 +PW00000! +-\d+ +-\d+ +12\n/);
    for (const id of seen?.patients ?? []) expect(captured.out).toContain(id);
    expect(captured.out).toContain('Sandbox stopped.');
  });

  it('reports a port in use', async () => {
    const captured = { out: '', err: '' };
    let port = 0;
    await main(
      ['sandbox', '--port', '0', '--beneficiaries', '1', '--eobs', '1'],
      io({ out: '', err: '' }, async (sandbox) => {
        port = sandbox.port;
        expect(await main(['sandbox', '--port', String(port), '--beneficiaries', '1'], io(captured))).toBe(1);
      }),
    );
    expect(captured.err).toContain(`port ${port} is in use; try --port 0`);
  });

  it('`npm run sandbox` is this same tsx command on src/ (no build, no npx reinstall)', () => {
    const pkg = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
    ) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.sandbox).toBe('tsx src/cli/main.ts sandbox');
  });

  it('runs as a process via tsx and exits cleanly on SIGTERM', async () => {
    const root = resolve(import.meta.dirname, '..', '..');
    const child = spawn(
      process.execPath,
      [
        resolve(root, 'node_modules/tsx/dist/cli.mjs'),
        'src/cli/main.ts',
        'sandbox',
        '--port',
        '0',
        '--beneficiaries',
        '1',
        '--eobs',
        '3',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const url = await new Promise<string>((resolveUrl, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (found !== undefined) resolveUrl(found);
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    expect((await fetch(`${url}/.well-known/openid-configuration`)).status).toBe(200);
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('bluebutton sandbox app registration', { timeout: 120_000 }, () => {
  it('registers --client-id/--client-secret/--redirect-uri, and bluebutton login works against it unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bb-cli-sbx-'));
    const callbackUrl = `http://127.0.0.1:${await freePort()}/cb`;
    const captured = { out: '', err: '' };
    try {
      const code = await main(
        [
          'sandbox',
          '--port',
          '0',
          '--beneficiaries',
          '1',
          '--eobs',
          '2',
          '--client-id',
          'my-cli-app',
          '--client-secret',
          'not-so-secret',
          '--redirect-uri',
          callbackUrl,
          '--redirect-uri',
          'http://127.0.0.1/other',
        ],
        io(captured, async (sandbox) => {
          expect(sandbox.apps.map((a) => [a.clientId, a.redirectUris])).toEqual([
            ['my-cli-app', [callbackUrl, 'http://127.0.0.1/other']],
          ]);
          const config = join(dir, 'app.json');
          // What a developer writes from the printed summary: nothing sandbox-specific.
          await writeFile(
            config,
            JSON.stringify({
              client_id: 'my-cli-app',
              client_secret: 'not-so-secret',
              callback_url: callbackUrl,
              environment: 'LOCAL',
              base_url: sandbox.url,
            }),
          );
          const ws = {
            sandbox,
            configFile: config,
            start: (args: readonly string[]) => startCli(args, { cwd: dir, env: cliEnv(dir) }),
          };
          const result = await login(ws, ['--token-file', join(dir, 't.json')]);
          expect(result.code).toBe(0);
        }),
      );
      expect(code).toBe(0);
      expect(captured.out).toContain('client_id      my-cli-app');
      expect(captured.out).toContain(
        `redirect_uri   ${callbackUrl}\n  redirect_uri   http://127.0.0.1/other`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('registers the apps of --apps FILE and refuses a bad one with exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bb-cli-sbx-'));
    try {
      const file = join(dir, 'apps.json');
      await writeFile(
        file,
        JSON.stringify([
          {
            clientId: 'app-one',
            clientSecret: 's1',
            redirectUris: ['http://127.0.0.1:9/cb'],
            name: 'One',
            kind: 'research',
          },
          {
            clientId: 'app-two',
            clientSecret: 's2',
            redirectUris: ['http://127.0.0.1:9/cb2'],
            kind: 'one-time',
          },
        ]),
      );
      const captured = { out: '', err: '' };
      const code = await main(
        ['sandbox', '--port', '0', '--beneficiaries', '1', '--eobs', '1', '--apps', file],
        io(captured, async (sandbox) => {
          expect(sandbox.apps.map((a) => a.clientId)).toEqual(['app-one', 'app-two']);
        }),
      );
      expect(code).toBe(0);
      expect(captured.out).toContain('app            One (research)');
      expect(captured.out).toContain('app            app-two (one-time)');
      await writeFile(file, JSON.stringify([{ clientId: 'x', redirectUris: [] }]));
      const bad = { out: '', err: '' };
      expect(await main(['sandbox', '--port', '0', '--apps', file], io(bad))).toBe(2);
      expect(bad.err).toMatch(/^bluebutton: cannot start the sandbox: .+\n$/);
      const both = { out: '', err: '' };
      expect(
        await main(['sandbox', '--apps', file, '--client-id', 'x', '--client-secret', 'y'], io(both)),
      ).toBe(2);
      expect(both.err).toContain('--apps replaces --client-id');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
