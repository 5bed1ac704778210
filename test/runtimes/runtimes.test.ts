/**
 * Issue 15: one smoke flow (smoke-flow.ts) on every runtime we claim, against a sandbox on loopback started
 * here: Node at both ends of the declared range, Bun, Deno (their npm packages ship the binaries), and
 * workerd with the SDK bundled by esbuild for the worker target. Each runtime's result is printed; one
 * that cannot start fails its test (never a pass, never a skip).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SmokeInput, SmokeResult } from './smoke-flow.js';

const ROOT = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
// `bun`'s own bin is a placeholder that its postinstall replaces, and package.json's allowScripts runs no
// install script; the binary itself ships in the platform package npm installs beside it.
const bunBinary = () =>
  join(ROOT, 'node_modules', '@oven', `bun-${process.platform}-${process.arch}`, 'bin', 'bun');
/** The declared range's ends (package.json engines: ^20.19.0 || >=22.12.0); the newest is pinned. */
const NODE_LOW = '20.19.0';
const NODE_HIGH = '26.10.0';
const EOB_SEARCH = 'GET /v2/fhir/ExplanationOfBenefit/';
const EOBS = 40;

let sandbox: Sandbox;
let work: string;
let nodeBundle: string;
let workerBundle: string;

async function bundle(entry: string, outfile: string, platform: 'node' | 'browser'): Promise<void> {
  await build({
    entryPoints: [join(import.meta.dirname, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    // workerd resolves as a worker: the `workerd`/`worker` conditions, no Node built-ins.
    ...(platform === 'browser' ? { conditions: ['workerd', 'worker', 'browser'] } : {}),
    alias: { 'bluebutton-ts': join(ROOT, 'src/index.ts') },
    logLevel: 'silent',
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'bb-runtimes-'));
  nodeBundle = join(work, 'smoke-cli.mjs');
  workerBundle = join(work, 'smoke-worker.mjs');
  await bundle('smoke-cli.ts', nodeBundle, 'node');
  await bundle('smoke-worker.ts', workerBundle, 'browser');
  sandbox = await startSandbox({ beneficiaries: 1, eobsPerBeneficiary: EOBS });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(work, { recursive: true, force: true });
});

function input(): string {
  const { version: _version, ...config } = sandbox.config();
  const smoke: SmokeInput = { config, beneficiary: sandbox.dataset.beneficiaries[0]?.username ?? '' };
  return JSON.stringify(smoke);
}

/** Async (the sandbox answers on this event loop); stdout and stderr are returned whatever the exit. */
function run(cmd: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(
      cmd,
      args,
      { cwd: work, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

function workerdConfig(smokeInput: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smoke),
    (name = "loopback", network = (allow = ["local", "private", "public"])),
  ],
);
const smoke :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "smoke-worker.mjs")],
  compatibilityDate = "2025-09-01",
  bindings = [(name = "SMOKE_INPUT", text = ${JSON.stringify(smokeInput)})],
  globalOutbound = "loopback",
);
`;
}

const RUNTIMES: Record<string, () => Promise<{ code: number; out: string }>> = {
  [`node ${NODE_LOW} (lowest declared)`]: () => run('npx', ['-y', `node@${NODE_LOW}`, nodeBundle, input()]),
  [`node ${NODE_HIGH} (newest)`]: () => run('npx', ['-y', `node@${NODE_HIGH}`, nodeBundle, input()]),
  bun: () => run(bunBinary(), [nodeBundle, input()]),
  deno: () => run(bin('deno'), ['run', '--allow-all', '--no-prompt', nodeBundle, input()]),
  workerd: () => {
    writeFileSync(join(work, 'smoke.capnp'), workerdConfig(input()));
    return run(bin('workerd'), ['test', '--experimental', join(work, 'smoke.capnp')]);
  },
};

describe.each(Object.keys(RUNTIMES))('the smoke flow on %s', (name) => {
  test('consent, token, EOBs with concurrency and a mid-walk refresh, INVALID_PARAMS, redaction', async () => {
    sandbox.faults.set(EOB_SEARCH, ['pass', 'expire-token']);
    const before = sandbox.requests.filter((r) => r.routeKey === 'POST /v2/o/token/').length;
    const { code, out } = await (RUNTIMES[name] as () => Promise<{ code: number; out: string }>)();
    const line = out.split('\n').find((l) => l.startsWith('SMOKE '));
    // Printed whatever happens, so CI shows each runtime's result (or why it could not start).
    console.log(
      `[runtimes] ${name}: ${line === undefined ? `DID NOT RUN (exit ${code})\n${out.slice(-2000)}` : line.slice(6)}`,
    );
    expect(line, `${name} did not run the flow (exit ${code})`).toBeDefined();
    const result = JSON.parse((line ?? '').slice(6)) as SmokeResult;
    expect(result.eobs).toBe(EOBS);
    expect(result.refreshed).toBe(true);
    expect(result.invalidParams).toBe('INVALID_PARAMS');
    expect(result.refusedExchange).toBe('TOKEN_REQUEST_FAILED');
    expect(result.leaks).toEqual([]);
    expect(result.configPath).toMatch(
      name === 'workerd' ? /^CONFIG_INVALID: .*needs file access/ : /^CONFIG_INVALID: .*does not exist/,
    );
    if (name !== 'workerd') expect(result.inspectedWith).toBe('the runtime inspect');
    // The code exchange, the refresh, the refused second exchange: all reached the sandbox on loopback.
    const tokenPosts = sandbox.requests.filter((r) => r.routeKey === 'POST /v2/o/token/').length - before;
    expect(tokenPosts).toBe(3);
  }, 240_000);
});
