/**
 * Runs the real `bluebutton` command as a child process (tsx on src/cli/main.ts: no build needed)
 * against a sandbox started in the test process on port 0.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = resolve(ROOT, 'node_modules/tsx/dist/cli.mjs');
const ENTRY = resolve(ROOT, 'src/cli/main.ts');

export interface Result {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything printed so far. */
  readonly output: { stdout: string; stderr: string };
  /** Resolves once stdout or stderr matches. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  readonly done: Promise<Result>;
}

/** A clean environment: no CI marker, the config dir inside the test's temp dir. */
export function cliEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'xdg') };
  return { ...env, ...extra };
}

export function startCli(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Running {
  const child = spawn(process.execPath, [TSX, ENTRY, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = w.pattern.exec(output.stdout) ?? w.pattern.exec(output.stderr);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString('utf8');
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString('utf8');
    check();
  });
  const done = new Promise<Result>((resolveDone) => {
    child.on('close', (code, signal) => resolveDone({ code, signal, ...output }));
  });
  return {
    child,
    output,
    done,
    waitFor: (pattern) =>
      new Promise((resolveWait, reject) => {
        waiters.push({ pattern, resolve: resolveWait });
        check();
        done.then((r) =>
          reject(new Error(`exited with ${r.code} before printing ${pattern}:\n${r.stdout}\n${r.stderr}`)),
        );
      }),
  };
}

export function runCli(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Result> {
  const running = startCli(args, options);
  running.child.stdin.end();
  return running.done;
}

/** A port free a moment ago, for a callback URL the sandbox must know before login binds it. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface Workspace {
  readonly dir: string;
  readonly sandbox: Sandbox;
  /** A config file for the sandbox's app, with a loopback callback URL it has registered. */
  readonly configFile: string;
  readonly callbackUrl: string;
  readonly env: NodeJS.ProcessEnv;
  run(args: readonly string[]): Promise<Result>;
  start(args: readonly string[]): Running;
  close(): Promise<void>;
}

export async function workspace(options: SandboxOptions = {}, version: 1 | 2 | 3 = 2): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), 'bb-cli-'));
  const callbackUrl = `http://127.0.0.1:${await freePort()}/callback`;
  const sandbox = await startSandbox({
    port: 0,
    beneficiaries: 2,
    eobsPerBeneficiary: 30,
    ...options,
    redirectUri: callbackUrl,
  });
  const configFile = join(dir, 'bluebutton.json');
  await writeFile(configFile, JSON.stringify({ ...sandbox.config({ version }), callbackUrl }));
  const env = cliEnv(dir);
  return {
    dir,
    sandbox,
    configFile,
    callbackUrl,
    env,
    run: (args) => runCli(args, { cwd: dir, env }),
    start: (args) => startCli(args, { cwd: dir, env }),
    close: async () => {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Plays the browser: follows the printed authorize URL through the consent form, then the redirect. */
export async function login(
  ws: Pick<Workspace, 'sandbox' | 'configFile' | 'start'>,
  args: readonly string[] = [],
  beneficiary = 0,
): Promise<Result> {
  const running = ws.start(['login', '--config', ws.configFile, ...args]);
  const [url] = await running.waitFor(/http:\/\/127\.0\.0\.1:\d+\/v\d\/o\/authorize\/?\?\S+/);
  await running.waitFor(/Waiting for the callback/);
  const callback = await ws.sandbox.authorize(url, { beneficiary });
  const page = await fetch(callback);
  await page.text();
  return running.done;
}
