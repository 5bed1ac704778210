/**
 * Shared steps of the resilience tests: a sandbox per test, a logged-in client built through the public
 * API, hook recorders with timestamps, and a tiny loopback server for what the sandbox cannot script.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AuthorizationToken,
  BlueButton,
  type BlueButtonClient,
  type BlueButtonConfig,
  type CircuitOpenInfo,
  type Hooks,
  type RequestInfo,
  type ResponseInfo,
  type RetryInfo,
} from 'bluebutton-ts';
import { type Sandbox, type SandboxOptions, startSandbox } from 'bluebutton-ts/sandbox';
import { expect } from 'vitest';

export const EOB_SEARCH = 'GET /v2/fhir/ExplanationOfBenefit/';
export const EOB_READ = 'GET /v2/fhir/ExplanationOfBenefit/{resource_id}';
export const PATIENT_READ = 'GET /v2/fhir/Patient/{resource_id}';
export const TOKEN_V2 = 'POST /v2/o/token/';

/** Tiny deterministic backoff: waits of 10 ms, 20 ms, 40 ms. */
export const FAST = { total: 3, backoffFactor: 0.02, jitter: false } as const;

const open: Array<{ close(): Promise<void> }> = [];

/** A sandbox closed by {@link closeAll} (call it in afterEach). */
export async function openSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ beneficiaries: 2, eobsPerBeneficiary: 12, ...options });
  open.push(sandbox);
  return sandbox;
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()));
}

export interface Connected<V extends 2 | 3> {
  readonly bb: BlueButton<V>;
  readonly token: AuthorizationToken;
  readonly client: BlueButtonClient<V>;
}

/** `new BlueButton(...)` on the sandbox, consent as beneficiary 0, then a client: all through the public API. */
export async function connect<V extends 2 | 3>(
  sandbox: Sandbox,
  version: V,
  config: Omit<BlueButtonConfig, 'version'> = {},
): Promise<Connected<V>> {
  const bb = new BlueButton<V>({ ...sandbox.config({ version }), retrySettings: FAST, ...config, version });
  const authData = bb.generateAuthData();
  const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData));
  const token = await bb.handleCallback(authData, callback);
  return { bb, token, client: bb.client(token) };
}

/** Requests the sandbox received on one route key. */
export function received(sandbox: Sandbox, routeKey: string): number {
  return sandbox.requests.filter((r) => r.routeKey === routeKey).length;
}

/** The rejection of `promise`; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  expect.fail('expected the call to reject, but it resolved');
}

/** Asserts `e` is an instance of `type` and returns it typed. */
export function as<T>(e: unknown, type: abstract new (...args: never[]) => T): T {
  expect(e).toBeInstanceOf(type);
  return e as T;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Stamped<T> = T & { readonly at: number };

/** Hooks that record what they receive, each with a `performance.now()` timestamp. */
export function recorder() {
  const requests: Stamped<RequestInfo>[] = [];
  const responses: Stamped<ResponseInfo>[] = [];
  const retries: Stamped<RetryInfo>[] = [];
  const opened: CircuitOpenInfo[] = [];
  const hooks: Hooks = {
    onRequest: (info) => void requests.push({ ...info, at: performance.now() }),
    onResponse: (info) => void responses.push({ ...info, at: performance.now() }),
    onRetry: (info) => void retries.push({ ...info, at: performance.now() }),
    onCircuitOpen: (info) => void opened.push({ ...info }),
  };
  return { hooks, requests, responses, retries, opened };
}

/** Drops the timestamp of a recorded hook call, for exact comparisons. */
export function fields<T extends { at: number }>(x: T): Omit<T, 'at'> {
  const { at: _at, ...rest } = x;
  return rest;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * A loopback server answering each request with the next scripted reply (the last one repeats), for
 * responses the sandbox's fault steps cannot express (e.g. a 429 without `Retry-After`).
 */
export async function scriptedServer(replies: readonly Reply[]) {
  const seen: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    const reply = replies[Math.min(seen.length - 1, replies.length - 1)] ?? { status: 500 };
    res.writeHead(reply.status, { 'content-type': 'application/fhir+json', ...reply.headers });
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handle = {
    url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(handle);
  return handle;
}
