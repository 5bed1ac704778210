/**
 * The local BB2 sandbox in its own process, so the client being measured shares neither its CPU time nor
 * its RSS with the server. The parent talks to it over IPC: `ready` with the registered client, and
 * `authorize` (the sandbox plays the beneficiary on the consent page) for tokens.
 *
 * The official Node SDK accepts absolute page URLs only under its LOCAL base URL, http://localhost:8000,
 * so every measured sandbox listens on port 8000 and every client (ours, the official SDK, raw fetch)
 * talks to http://localhost:8000.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LOCAL_PORT = 8000;
export const LOCAL_URL = `http://localhost:${LOCAL_PORT}`;
const CHILD_FLAG = '--bench-sandbox-child';

export interface SandboxSpec {
  readonly latencyMs: number;
  /** EOBs of each synthetic beneficiary, by index. */
  readonly eobs: readonly number[];
  readonly seed?: number;
}

export interface RegisteredClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly callbackUrl: string;
}

export interface SandboxProcess {
  readonly pid: number;
  readonly client: RegisteredClient;
  /** Plays the beneficiary on the consent page; resolves with the app's callback URL. */
  authorize(authorizeUrl: string, beneficiary: number): Promise<string>;
  close(): Promise<void>;
}

type ToChild =
  | { readonly type: 'authorize'; readonly id: number; readonly url: string; readonly beneficiary: number }
  | { readonly type: 'close' };

type FromChild =
  | { readonly type: 'ready'; readonly client: RegisteredClient }
  | { readonly type: 'failed'; readonly message: string; readonly code: string | undefined }
  | { readonly type: 'authorized'; readonly id: number; readonly callback: string }
  | { readonly type: 'authorize-failed'; readonly id: number; readonly message: string };

function isFromChild(m: unknown): m is FromChild {
  return typeof m === 'object' && m !== null && 'type' in m && typeof m.type === 'string';
}

/** Rejects with a clear message when port 8000 is taken (the official SDK cannot use another port). */
export async function assertLocalPortFree(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `Port ${LOCAL_PORT} is in use. The official SDK (cms-bluebutton-sdk) only accepts absolute page ` +
                `URLs under its LOCAL base URL ${LOCAL_URL}, so the benchmark needs that port: stop whatever ` +
                `listens on it (e.g. \`bluebutton sandbox\`) and run \`npm run bench\` again.`
            : `Cannot probe port ${LOCAL_PORT}: ${error.message}`,
        ),
      );
    });
    probe.listen(LOCAL_PORT, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Starts a sandbox child process on port 8000 and waits until it listens. */
export function startSandboxProcess(spec: SandboxSpec): Promise<SandboxProcess> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, JSON.stringify(spec)], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The sandbox process exited early (${code})`));
    child.once('exit', onExit);
    child.once('message', (m: unknown) => {
      child.off('exit', onExit);
      if (!isFromChild(m)) return reject(new Error('The sandbox process sent an unexpected message'));
      if (m.type === 'failed') {
        child.kill();
        const busy = m.code === 'EADDRINUSE' ? ` (port ${LOCAL_PORT} is in use: free it and re-run)` : '';
        return reject(new Error(`The sandbox could not start${busy}: ${m.message}`));
      }
      if (m.type !== 'ready') return reject(new Error(`The sandbox process sent ${m.type} before ready`));
      resolve(handleFor(child, m.client));
    });
  });
}

function handleFor(child: ChildProcess, client: RegisteredClient): SandboxProcess {
  let nextId = 0;
  const pending = new Map<number, { resolve: (url: string) => void; reject: (e: Error) => void }>();
  child.on('message', (m: unknown) => {
    if (!isFromChild(m) || (m.type !== 'authorized' && m.type !== 'authorize-failed')) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === 'authorized') p?.resolve(m.callback);
    else p?.reject(new Error(`Sandbox authorize failed: ${m.message}`));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? -1,
    client,
    authorize(url, beneficiary) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const message: ToChild = { type: 'authorize', id, url, beneficiary };
        child.send(message);
      });
    },
    async close() {
      if (child.exitCode === null && child.connected) {
        const message: ToChild = { type: 'close' };
        child.send(message);
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---- the child ----

async function runChild(spec: SandboxSpec): Promise<void> {
  const send = (m: FromChild) => process.send?.(m);
  const { startSandbox } = await import('bluebutton-ts/sandbox');
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port: LOCAL_PORT,
      host: '127.0.0.1',
      seed: spec.seed ?? 1,
      beneficiaries: spec.eobs.length,
      eobsPerBeneficiary: spec.eobs,
      latencyMs: spec.latencyMs,
    });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error), code });
    process.disconnect?.();
    return;
  }
  const { clientId, clientSecret, redirectUri } = sandbox.client;
  const stop = async () => {
    await sandbox.close();
    process.disconnect?.();
  };
  process.on('disconnect', () => void sandbox.close());
  process.on('message', (m: ToChild) => {
    if (m.type === 'close') return void stop();
    sandbox.authorize(m.url, { beneficiary: m.beneficiary }).then(
      (callback) => send({ type: 'authorized', id: m.id, callback }),
      (error: unknown) => send({ type: 'authorize-failed', id: m.id, message: String(error) }),
    );
  });
  send({ type: 'ready', client: { clientId, clientSecret, callbackUrl: redirectUri } });
}

if (process.argv[2] === CHILD_FLAG) {
  await runChild(JSON.parse(process.argv[3] ?? '{}') as SandboxSpec);
}
