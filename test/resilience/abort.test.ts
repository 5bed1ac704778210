/**
 * Cancellation: aborting the caller's signal ends a backoff wait (or a request in flight) at once, the
 * call rejects with ABORTED (the signal's reason as `cause`; TIMEOUT for a timeout signal), and nothing
 * more reaches the server. No wall-clock assertion: the backoffs and the hung request's timeout are 60 s,
 * longer than the test's own timeout (30 s), so a call that waited them out fails the test by timing out.
 */
import { isBlueButtonError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeAll, connect, EOB_SEARCH, openSandbox, received, recorder, sleep } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await openSandbox();
});
afterEach(closeAll);

/** Settles `promise` into how it settled. */
function settle(promise: Promise<unknown>) {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (reason: unknown) => ({ ok: false as const, reason }),
  );
}

/** The rejection is ABORTED with the signal's reason as its cause. */
function expectAborted(result: Awaited<ReturnType<typeof settle>>, reason: unknown) {
  expect(result.ok).toBe(false);
  const e = result.ok ? undefined : result.reason;
  expect(isBlueButtonError(e) && e.code).toBe('ABORTED');
  expect((e as Error).cause).toBe(reason);
}

describe('abort', () => {
  test('an abort during a 60 s backoff ends the wait with ABORTED, and sends nothing more', async () => {
    const rec = recorder();
    // backoffFactor 120: the wait before the first retry is 120 s * 2 ** -1 = 60 s (maxDelayMs, 60 s).
    const { client } = await connect(sandbox, 2, {
      hooks: rec.hooks,
      retrySettings: { total: 3, backoffFactor: 120 },
    });
    sandbox.faults.set(EOB_SEARCH, [503, 503]);
    const controller = new AbortController();
    const settled = settle(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => rec.retries.length, { interval: 5, timeout: 2000 }).toBe(1);
    expect(rec.retries[0]?.delayMs).toBe(60_000);
    await sleep(20);
    const reason = new Error('user navigated away');
    controller.abort(reason);
    expectAborted(await settled, reason);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
    await sleep(50);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
    expect(sandbox.faults.pending(EOB_SEARCH)).toBe(1);
  });

  test("an abort with no reason rejects with ABORTED caused by the signal's AbortError", async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      hooks: rec.hooks,
      retrySettings: { total: 3, backoffFactor: 120 },
    });
    sandbox.faults.set(EOB_SEARCH, [503]);
    const controller = new AbortController();
    const settled = settle(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => rec.retries.length, { interval: 5, timeout: 2000 }).toBe(1);
    controller.abort();
    expectAborted(await settled, controller.signal.reason);
    expect((controller.signal.reason as DOMException).name).toBe('AbortError');
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
  });

  test('an abort while a request hangs ends it with ABORTED and is not retried', async () => {
    const { client } = await connect(sandbox, 2, { timeoutMs: 60_000 });
    sandbox.faults.set(EOB_SEARCH, ['hang', 'hang']);
    const controller = new AbortController();
    const settled = settle(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => received(sandbox, EOB_SEARCH), { interval: 5, timeout: 2000 }).toBe(1);
    const reason = new Error('cancelled');
    controller.abort(reason);
    expectAborted(await settled, reason);
    await sleep(50);
    expect(received(sandbox, EOB_SEARCH)).toBe(1);
  });

  test('an already-aborted signal sends nothing', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    const before = sandbox.requests.length;
    const hookedBefore = rec.requests.length;
    const reason = new Error('too late');
    const settled = await settle(
      client.v2.ExplanationOfBenefit.search({}, { signal: AbortSignal.abort(reason) }),
    );
    expectAborted(settled, reason);
    const metadata = await settle(client.v2.metadata({ signal: AbortSignal.abort(reason) }));
    expectAborted(metadata, reason);
    await sleep(20);
    expect(sandbox.requests.length).toBe(before);
    expect(rec.requests.length).toBe(hookedBefore);
  });

  test('a timeout signal (AbortSignal.timeout) rejects with TIMEOUT, keeping the last status', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, {
      hooks: rec.hooks,
      retrySettings: { total: 3, backoffFactor: 120 },
    });
    sandbox.faults.set(EOB_SEARCH, [503, 503]);
    const controller = new AbortController();
    const settled = settle(client.v2.ExplanationOfBenefit.search({}, { signal: controller.signal }));
    await expect.poll(() => rec.retries.length, { interval: 5, timeout: 2000 }).toBe(1);
    const reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    controller.abort(reason);
    const result = await settled;
    const e = result.ok ? undefined : result.reason;
    expect(e).toMatchObject({ code: 'TIMEOUT', lastStatus: 503, timeoutMs: undefined });
    expect((e as Error).cause).toBe(reason);
  });

  test('11 concurrent calls without a signal, 11 and 40 sharing one, and pages() at concurrency 12 print no MaxListenersExceededWarning', async () => {
    const { client } = await connect(sandbox, 2);
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      // Without any signal, too (cockatiel would share one never-aborted signal between them).
      await Promise.all(
        Array.from({ length: 11 }, () => client.v2.ExplanationOfBenefit.search({ _count: 1 })),
      );
      const shared = new AbortController();
      for (const n of [11, 40]) {
        await Promise.all(
          Array.from({ length: n }, () =>
            client.v2.ExplanationOfBenefit.search({ _count: 1 }, { signal: shared.signal }),
          ),
        );
      }
      let pages = 0;
      for await (const _ of client.v2.ExplanationOfBenefit.pages(
        { _count: 1 },
        { signal: shared.signal, concurrency: 12 },
      ))
        pages++;
      expect(pages).toBe(12);
      await sleep(10); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
