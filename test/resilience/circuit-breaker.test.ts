/**
 * The circuit breaker per client origin: consecutive calls that failed on the server's side (after their
 * retries) open it, calls then fail fast with CIRCUIT_OPEN without touching the network, and one trial
 * call after `halfOpenAfterMs` closes it again (or re-opens it). 4xx and 429 answers say the server is up
 * and do not count. cockatiel reads `Date.now()` for the half-open wait, so the tests move a fake Date
 * instead of sleeping.
 */
import { BlueButton, CircuitOpenError, HttpError, isBlueButtonError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  as,
  closeAll,
  connect,
  EOB_SEARCH,
  openSandbox,
  received,
  recorder,
  rejectionOf,
} from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await openSandbox();
  // Only Date: timers and I/O stay real, so the sandbox and the backoffs run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await closeAll();
});

/** Moves the fake Date past the half-open wait. */
const afterHalfOpen = () => vi.setSystemTime(Date.now() + BREAKER_HALF_OPEN_MS + 1);

const BREAKER_HALF_OPEN_MS = 200;
const BREAKER = { threshold: 3, halfOpenAfterMs: BREAKER_HALF_OPEN_MS } as const;

/** A client with the breaker under test and no retries, so each call is one attempt. */
async function breakerClient(circuitBreaker: typeof BREAKER | false = BREAKER) {
  const rec = recorder();
  const connected = await connect(sandbox, 2, {
    retrySettings: { total: 0 },
    circuitBreaker,
    hooks: rec.hooks,
  });
  const search = () => connected.client.v2.ExplanationOfBenefit.search();
  return { ...connected, rec, search };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const e = await rejectionOf(promise);
  return isBlueButtonError(e) ? e.code : String(e);
}

describe('circuit breaker', () => {
  test('three 503s open it; calls then fail fast with CIRCUIT_OPEN and reach no server', async () => {
    const { rec, search, client } = await breakerClient();
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503, 503]);
    for (let i = 0; i < 3; i++) {
      expect(as(await rejectionOf(search()), HttpError).status).toBe(503);
    }
    expect(rec.opened).toEqual([{ origin: sandbox.url, halfOpenAfterMs: 200 }]);
    const e = as(await rejectionOf(search()), CircuitOpenError);
    expect(e.code).toBe('CIRCUIT_OPEN');
    expect(e.origin).toBe(sandbox.url);
    expect(e.cause).toBeInstanceOf(Error);
    // Every data call of the origin fails fast, not just the route that failed.
    expect(await codeOf(client.v2.userinfo())).toBe('CIRCUIT_OPEN');
    expect(await codeOf(client.v2.metadata())).toBe('CIRCUIT_OPEN');
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
    expect(received(sandbox, 'GET /v2/connect/userinfo')).toBe(0);
    expect(received(sandbox, 'GET /v2/fhir/metadata')).toBe(0);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(1);
    expect(rec.opened).toHaveLength(1);
  });

  test('after halfOpenAfterMs one trial request goes through and closes it on success', async () => {
    const { rec, search } = await breakerClient();
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503]);
    for (let i = 0; i < 3; i++) await rejectionOf(search());
    expect(await codeOf(search())).toBe('CIRCUIT_OPEN');
    vi.setSystemTime(Date.now() + BREAKER_HALF_OPEN_MS - 1);
    expect(await codeOf(search())).toBe('CIRCUIT_OPEN');
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
    afterHalfOpen();
    expect((await search()).resourceType).toBe('Bundle');
    expect(received(sandbox, EOB_SEARCH)).toBe(4);
    // Closed again: the next calls go straight through.
    await search();
    await search();
    expect(received(sandbox, EOB_SEARCH)).toBe(6);
    expect(rec.opened).toHaveLength(1);
  });

  test('a failed trial re-opens it for another halfOpenAfterMs', async () => {
    const { rec, search } = await breakerClient();
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503, 502]);
    for (let i = 0; i < 3; i++) await rejectionOf(search());
    afterHalfOpen();
    expect(as(await rejectionOf(search()), HttpError).status).toBe(502);
    expect(received(sandbox, EOB_SEARCH)).toBe(4);
    expect(rec.opened).toHaveLength(2);
    expect(await codeOf(search())).toBe('CIRCUIT_OPEN');
    expect(received(sandbox, EOB_SEARCH)).toBe(4);
    afterHalfOpen();
    await search();
    expect(received(sandbox, EOB_SEARCH)).toBe(5);
  });

  test('when half-open, concurrent calls send a single trial; a failed trial fails them all', async () => {
    const { rec, search } = await breakerClient();
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503, 503]);
    for (let i = 0; i < 3; i++) await rejectionOf(search());
    afterHalfOpen();
    const outcomes = await Promise.all([codeOf(search()), codeOf(search()), codeOf(search())]);
    expect(received(sandbox, EOB_SEARCH)).toBe(4);
    expect(outcomes.sort()).toEqual(['CIRCUIT_OPEN', 'CIRCUIT_OPEN', 'HTTP_ERROR']);
    expect(rec.opened).toHaveLength(2);
  });

  test('network errors and timeouts count as failures', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      retrySettings: { total: 0 },
      timeoutMs: 40,
      circuitBreaker: BREAKER,
      hooks: rec.hooks,
    });
    sandbox.faults.set(EOB_SEARCH, ['reset', 'hang', 'reset']);
    expect(await codeOf(client.v2.ExplanationOfBenefit.search())).toBe('NETWORK_ERROR');
    expect(await codeOf(client.v2.ExplanationOfBenefit.search())).toBe('TIMEOUT');
    expect(await codeOf(client.v2.ExplanationOfBenefit.search())).toBe('NETWORK_ERROR');
    expect(rec.opened).toHaveLength(1);
    expect(await codeOf(client.v2.ExplanationOfBenefit.search())).toBe('CIRCUIT_OPEN');
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
  });

  test('calls ended by deadlineMs while the server hangs count as timeouts', async () => {
    // The per-attempt timeout is long (its default is 30 s); the overall deadline is what ends each call.
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      retrySettings: { total: 0 },
      timeoutMs: 10_000,
      deadlineMs: 60,
      circuitBreaker: BREAKER,
      hooks: rec.hooks,
    });
    sandbox.faults.set(EOB_SEARCH, ['hang', 'hang', 'hang', 'hang']);
    for (let i = 0; i < 3; i++) expect(await codeOf(client.v2.ExplanationOfBenefit.search())).toBe('TIMEOUT');
    expect(rec.opened).toHaveLength(1);
    expect(await codeOf(client.v2.ExplanationOfBenefit.search())).toBe('CIRCUIT_OPEN');
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
  });

  test('an aborted trial proves nothing: the circuit does not close', async () => {
    const { search, client } = await breakerClient();
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503, 'hang', 503, 503]);
    for (let i = 0; i < 3; i++) await rejectionOf(search());
    afterHalfOpen();
    const controller = new AbortController();
    const trial = rejectionOf(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => received(sandbox, EOB_SEARCH), { interval: 5, timeout: 2000 }).toBe(4);
    const reason = new Error('user left');
    controller.abort(reason);
    expect(await trial).toMatchObject({ code: 'ABORTED', cause: reason });
    // Whether the abort re-opened the circuit or left it half-open, the server is still failing: at most
    // one more trial reaches it, and the call after that fails fast. A closed circuit would let both through.
    await rejectionOf(search());
    expect(await codeOf(search())).toBe('CIRCUIT_OPEN');
    expect(received(sandbox, EOB_SEARCH)).toBeLessThanOrEqual(5);
  });

  test('4xx and 429 answers do not count and break a run of failures', async () => {
    const { rec, search } = await breakerClient();
    sandbox.faults.set(EOB_SEARCH, [
      503,
      503,
      404,
      503,
      503,
      { status: 429, retryAfter: 0 },
      503,
      503,
      403,
      400,
      { status: 429, retryAfter: 0 },
    ]);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push(as(await rejectionOf(search()), HttpError).status);
    expect(codes).toEqual([503, 503, 404, 503, 503, 429, 503, 503, 403, 400, 429]);
    expect(received(sandbox, EOB_SEARCH)).toBe(11);
    expect(rec.opened).toEqual([]);
  });

  test('4xx answers alone never open it', async () => {
    const { rec, search } = await breakerClient();
    sandbox.faults.set(EOB_SEARCH, [404, 404, 404, 404, 403]);
    for (let i = 0; i < 5; i++) await rejectionOf(search());
    expect(received(sandbox, EOB_SEARCH)).toBe(5);
    expect(rec.opened).toEqual([]);
  });

  test('circuitBreaker: false never opens', async () => {
    const { rec, search } = await breakerClient(false);
    sandbox.faults.set(EOB_SEARCH, Array(8).fill(503));
    for (let i = 0; i < 8; i++) expect(await codeOf(search())).toBe('HTTP_ERROR');
    expect((await search()).resourceType).toBe('Bundle');
    expect(received(sandbox, EOB_SEARCH)).toBe(9);
    expect(rec.opened).toEqual([]);
  });

  test('a call counts once, however many retries it spent; it reports its own status', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      retrySettings: { total: 2, backoffFactor: 0.002 },
      circuitBreaker: BREAKER,
      hooks: rec.hooks,
    });
    const search = () => client.v2.ExplanationOfBenefit.search();
    // Call 1 spends its 2 retries (3 attempts), call 2 gets a 503 then succeeds on its retry.
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503, 503]);
    expect(as(await rejectionOf(search()), HttpError).status).toBe(503);
    expect((await search()).resourceType).toBe('Bundle');
    expect(received(sandbox, EOB_SEARCH)).toBe(5);
    expect(rec.opened).toEqual([]);
    // Three calls in a row that fail after their retries open it; each reports the 503 it got.
    sandbox.faults.set(EOB_SEARCH, Array(9).fill(503));
    for (let i = 0; i < 3; i++) expect(as(await rejectionOf(search()), HttpError).status).toBe(503);
    expect(rec.opened).toHaveLength(1);
    expect(received(sandbox, EOB_SEARCH)).toBe(14);
    expect(await codeOf(search())).toBe('CIRCUIT_OPEN');
    expect(received(sandbox, EOB_SEARCH)).toBe(14);
  });

  test('two BlueButton instances do not share a breaker', async () => {
    const first = await breakerClient();
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503]);
    for (let i = 0; i < 3; i++) await rejectionOf(first.search());
    expect(await codeOf(first.search())).toBe('CIRCUIT_OPEN');
    const other = new BlueButton({
      ...sandbox.config({ version: 2 }),
      retrySettings: { total: 0 },
      circuitBreaker: BREAKER,
    });
    const bundle = await other.client(first.token).v2.ExplanationOfBenefit.search();
    expect(bundle.resourceType).toBe('Bundle');
    expect(received(sandbox, EOB_SEARCH)).toBe(4);
    expect(await codeOf(first.search())).toBe('CIRCUIT_OPEN');
  });
});
