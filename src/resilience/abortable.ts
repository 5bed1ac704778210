/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts. cockatiel's retry sleep
 * cannot be interrupted (it awaits a plain setTimeout), so a caller's abort during a 10 s backoff would
 * otherwise wait the full 10 s; racing the whole execution ends it at once.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      // The raced work settles later (after its timer); nobody awaits it any more.
      promise.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
