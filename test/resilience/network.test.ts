/**
 * No answer at all: reset connections, cut bodies, hung responses. Data GETs retry them; a per-attempt
 * timeout ends a hung attempt with TIMEOUT, and `deadlineMs` ends the whole call, waits included.
 */
import { HttpError, NetworkError, TimeoutError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
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
});
afterEach(closeAll);

describe('network faults', () => {
  test('a reset connection is retried', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    sandbox.faults.set(EOB_SEARCH, ['reset']);
    const bundle = await client.v2.ExplanationOfBenefit.search();
    expect(bundle.resourceType).toBe('Bundle');
    expect(received(sandbox, EOB_SEARCH)).toBe(2);
    expect(rec.retries.map((r) => [r.attempt, r.reason, r.delayMs])).toEqual([[2, 'NETWORK_ERROR', 10]]);
  });

  test('a body cut short is retried', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    sandbox.faults.set(EOB_SEARCH, ['truncate']);
    const bundle = await client.v2.ExplanationOfBenefit.search();
    expect(bundle.entry?.length).toBeGreaterThan(0);
    expect(received(sandbox, EOB_SEARCH)).toBe(2);
    expect(rec.retries.map((r) => r.reason)).toEqual(['NETWORK_ERROR']);
  });

  test('resets on every attempt end in NETWORK_ERROR with status 0 and a cause', async () => {
    const { client } = await connect(sandbox, 2, { retrySettings: { total: 2, backoffFactor: 0.02 } });
    sandbox.faults.set(EOB_SEARCH, ['reset', 'reset', 'reset']);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), NetworkError);
    expect(e.code).toBe('NETWORK_ERROR');
    expect(e.status).toBe(0);
    expect(e.method).toBe('GET');
    expect(e.url).toBe(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`);
    expect(e.cause).toBeInstanceOf(Error);
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
  });
});

test('a refused connection (server gone) is retried total times, then NETWORK_ERROR', async () => {
  const rec = recorder();
  const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
  await sandbox.close();
  const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), NetworkError);
  expect(e.cause).toBeInstanceOf(Error);
  const attempts = rec.requests.filter((r) => r.path === '/v2/fhir/ExplanationOfBenefit/');
  expect(attempts.map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
  expect(rec.retries.map((r) => r.reason)).toEqual(['NETWORK_ERROR', 'NETWORK_ERROR', 'NETWORK_ERROR']);
});

describe('timeouts', () => {
  // Per-attempt timeouts long enough that a loaded machine's real answers never reach them: only the
  // scripted hangs time out, so the counts below do not depend on the machine's speed.
  test('a hung attempt times out after timeoutMs and is retried', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks, timeoutMs: 1000 });
    sandbox.faults.set(EOB_SEARCH, ['hang', 'hang']);
    const bundle = await client.v2.ExplanationOfBenefit.search();
    expect(bundle.resourceType).toBe('Bundle');
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
    expect(rec.retries.map((r) => [r.attempt, r.reason])).toEqual([
      [2, 'TIMEOUT'],
      [3, 'TIMEOUT'],
    ]);
  });

  test('when every attempt hangs the call throws TIMEOUT with a cause', async () => {
    const { client } = await connect(sandbox, 2, {
      timeoutMs: 1000,
      retrySettings: { total: 2, backoffFactor: 0.02 },
    });
    sandbox.faults.set(EOB_SEARCH, ['hang', 'hang', 'hang']);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), TimeoutError);
    expect(e.code).toBe('TIMEOUT');
    expect(e.timeoutMs).toBe(1000);
    expect(e.method).toBe('GET');
    expect(e.url).toBe(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`);
    expect(e.cause).toBeDefined();
    expect(received(sandbox, EOB_SEARCH)).toBe(3);
  });

  test('timeoutMs given to one call overrides the configured one', async () => {
    const { client } = await connect(sandbox, 2, { retrySettings: { total: 0 } });
    sandbox.faults.set(EOB_SEARCH, ['hang']);
    const e = as(
      await rejectionOf(client.v2.ExplanationOfBenefit.search({}, { timeoutMs: 50 })),
      TimeoutError,
    );
    expect(e.timeoutMs).toBe(50);
  });

  test('deadlineMs ends the whole call, retries included, with TIMEOUT keeping the last status', async () => {
    // The first wait is 10 s; the 1.5 s deadline falls inside it, after one request, however slow the machine.
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      deadlineMs: 1500,
      hooks: rec.hooks,
      retrySettings: { total: 3, backoffFactor: 20 },
    });
    sandbox.faults.set(EOB_SEARCH, [503, 503, 503, 503]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), TimeoutError);
    expect(e).not.toBeInstanceOf(HttpError);
    expect(e.code).toBe('TIMEOUT');
    expect(e.timeoutMs).toBe(1500);
    expect(e.lastStatus).toBe(503);
    expect(e.message).toContain('the last answer was 503');
    expect(rec.retries.map((r) => [r.reason, r.delayMs])).toEqual([[503, 10_000]]);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
  });

  test('deadlineMs ends a hung attempt before its own (longer) timeout', async () => {
    const { client } = await connect(sandbox, 2, { timeoutMs: 10_000 });
    sandbox.faults.set(EOB_SEARCH, ['hang']);
    const e = as(
      await rejectionOf(client.v2.ExplanationOfBenefit.search({}, { deadlineMs: 80 })),
      TimeoutError,
    );
    expect(e.timeoutMs).toBe(80);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
  });
});
