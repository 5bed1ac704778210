/**
 * Cancellation: aborting the caller's signal ends a backoff wait (or a request in flight) at once, the
 * call rejects with the signal's reason, and nothing more reaches the server.
 */
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeAll, connect, EOB_SEARCH, openSandbox, received, recorder, sleep } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await openSandbox();
});
afterEach(closeAll);

/** Settles `promise` into the time it settled at and how. */
function settleTime(promise: Promise<unknown>) {
  return promise.then(
    (value) => ({ at: performance.now(), ok: true as const, value }),
    (reason: unknown) => ({ at: performance.now(), ok: false as const, reason }),
  );
}

describe('abort', () => {
  test('an abort during a 10 s backoff settles within 100 ms with the reason, and sends nothing more', async () => {
    const rec = recorder();
    // backoffFactor 20: the wait before the first retry is 20 s * 2 ** -1 = 10 s.
    const { client } = await connect(sandbox, 2, {
      hooks: rec.hooks,
      retrySettings: { total: 3, backoffFactor: 20 },
    });
    sandbox.faults.set(EOB_SEARCH, [503, 503]);
    const controller = new AbortController();
    const settled = settleTime(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => rec.retries.length, { interval: 5, timeout: 2000 }).toBe(1);
    expect(rec.retries[0]?.delayMs).toBe(10_000);
    await sleep(20);
    const reason = new Error('user navigated away');
    const abortedAt = performance.now();
    controller.abort(reason);
    const result = await settled;
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.reason).toBe(reason);
    expect(result.at - abortedAt).toBeLessThan(100);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
    await sleep(50);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(1);
  });

  test('an abort with no reason rejects with the AbortError DOMException of the signal', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      hooks: rec.hooks,
      retrySettings: { total: 3, backoffFactor: 20 },
    });
    sandbox.faults.set(EOB_SEARCH, [503]);
    const controller = new AbortController();
    const settled = settleTime(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => rec.retries.length, { interval: 5, timeout: 2000 }).toBe(1);
    const abortedAt = performance.now();
    controller.abort();
    const result = await settled;
    expect(result.ok ? undefined : result.reason).toBe(controller.signal.reason);
    expect((controller.signal.reason as DOMException).name).toBe('AbortError');
    expect(result.at - abortedAt).toBeLessThan(100);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
  });

  test('an abort while a request hangs ends it with the reason and is not retried', async () => {
    const { client } = await connect(sandbox, 2, { timeoutMs: 10_000 });
    sandbox.faults.set(EOB_SEARCH, ['hang', 'hang']);
    const controller = new AbortController();
    const settled = settleTime(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => received(sandbox, EOB_SEARCH), { interval: 5, timeout: 2000 }).toBe(1);
    const reason = new Error('cancelled');
    const abortedAt = performance.now();
    controller.abort(reason);
    const result = await settled;
    expect(result.ok ? undefined : result.reason).toBe(reason);
    expect(result.at - abortedAt).toBeLessThan(100);
    await sleep(50);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
  });

  test('an already-aborted signal sends nothing', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    const before = sandbox.requests.length;
    const hookedBefore = rec.requests.length;
    const reason = new Error('too late');
    const settled = await settleTime(
      client.v2.ExplanationOfBenefit.search({}, { signal: AbortSignal.abort(reason) }),
    );
    expect(settled.ok ? undefined : settled.reason).toBe(reason);
    const metadata = await settleTime(client.v2.metadata({ signal: AbortSignal.abort(reason) }));
    expect(metadata.ok ? undefined : metadata.reason).toBe(reason);
    await sleep(20);
    expect(sandbox.requests.length).toBe(before);
    expect(rec.requests.length).toBe(hookedBefore);
  });
});
