/**
 * `login` on a free port (a callback URL registered as `http://127.0.0.1/callback`, RFC 8252 7.3), `--open`
 * through `$BROWSER`, and a callback URL login cannot listen on. The real command, a registered app.
 */
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { cliEnv, type Running, runCli, startCli } from './helpers.js';

const APP = {
  clientId: 'cliFreePortClientId000000000000000000001',
  clientSecret: 'cli-free-port-secret',
  redirectUris: ['http://127.0.0.1/callback'],
};
const AUTHORIZE = /http:\/\/127\.0\.0\.1:\d+\/v\d\/o\/authorize\/?\?\S+/;

describe('bluebutton login on a free loopback port', () => {
  let dir: string;
  let sandbox: Sandbox;
  let configFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bb-cli-port-'));
    sandbox = await startSandbox({ port: 0, beneficiaries: 1, eobsPerBeneficiary: 2, apps: [APP] });
    configFile = join(dir, 'app.json');
    await writeFile(configFile, JSON.stringify(sandbox.config()));
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Running =>
    startCli(['login', '--config', configFile, ...args], { cwd: dir, env: cliEnv(dir, env) });

  /** Plays the browser on the URL the command printed; returns the redirect_uri it was given. */
  async function consent(url: string): Promise<string> {
    const page = await fetch(await sandbox.authorize(url));
    await page.text();
    return new URL(url).searchParams.get('redirect_uri') ?? '';
  }

  it('binds 127.0.0.1 on a free port and sends that URL as redirect_uri to authorize and token', async () => {
    expect(sandbox.config().callbackUrl).toBe('http://127.0.0.1/callback');
    const tokenFile = join(dir, 'token.json');
    const running = start(['--token-file', tokenFile]);
    const [url = ''] = await running.waitFor(AUTHORIZE);
    const [, waiting] = await running.waitFor(/Waiting for the callback on (\S+) /);
    const redirectUri = await consent(url);
    const result = await running.done;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const chosen = new URL(redirectUri);
    expect(chosen.hostname).toBe('127.0.0.1');
    expect(chosen.pathname).toBe('/callback');
    expect(Number(chosen.port)).toBeGreaterThan(0);
    expect(waiting).toBe(redirectUri);
    const exchange = sandbox.requests.filter((r) => r.path === '/v2/o/token/').at(-1);
    expect(new URLSearchParams(exchange?.body).get('redirect_uri')).toBe(redirectUri);
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
  });

  it('--open runs $BROWSER with the authorize URL as its one argument', async () => {
    const record = join(dir, 'browser-argv.txt');
    const browser = join(dir, 'record-browser.sh');
    await writeFile(browser, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" > "$RECORD_TO"\n`);
    await chmod(browser, 0o700);
    const running = start(['--token-file', join(dir, 'opened.json'), '--open'], {
      BROWSER: `${browser}:/nonexistent/second-choice`,
      RECORD_TO: record,
    });
    const [printed = ''] = await running.waitFor(AUTHORIZE);
    await running.waitFor(/Waiting for the callback/);
    const argv = await waitForFile(record);
    expect(argv).toBe(`1\n${printed}\n`);
    await consent(argv.split('\n')[1] ?? '');
    const result = await running.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('an opener that fails is a note on stderr, and login still completes', async () => {
    const failing = join(dir, 'failing-browser.sh');
    await writeFile(failing, '#!/bin/sh\nexit 7\n');
    await chmod(failing, 0o700);
    const missing = join(dir, 'no-such-browser');
    for (const [BROWSER, why] of [
      [failing, `${failing} exited with 7`],
      [missing, `could not run ${missing} (ENOENT)`],
    ] as const) {
      const tokenFile = join(dir, 'noted.json');
      const running = start(['--token-file', tokenFile, '--open'], { BROWSER });
      const [url = ''] = await running.waitFor(AUTHORIZE);
      await running.waitFor(/could not open a browser/);
      await consent(url);
      const result = await running.done;
      expect(result.code, BROWSER).toBe(0);
      expect(result.stderr).toBe(`bluebutton: could not open a browser: ${why}; open the URL above\n`);
      const saved = JSON.parse(await readFile(tokenFile, 'utf8')) as Record<string, string>;
      for (const secret of [saved.access_token, saved.refresh_token, APP.clientSecret]) {
        expect(result.stdout + result.stderr).not.toContain(String(secret));
      }
    }
  });

  it('refuses an https callback URL with exit 2, naming the problem and the fix', async () => {
    const https = join(dir, 'https-app.json');
    await writeFile(
      https,
      JSON.stringify({ ...sandbox.config(), callbackUrl: 'https://app.example/callback' }),
    );
    const result = await runCli(['login', '--config', https], { cwd: dir, env: cliEnv(dir) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "bluebutton: login receives the callback on this machine, so the config's callback URL https://app.example/callback cannot be used: register http://127.0.0.1/callback for the app",
    );
    expect(result.stdout).toBe('');
  });
});

async function waitForFile(path: string): Promise<string> {
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.endsWith('\n')) return text;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
