/**
 * The loopback server `bluebutton login` waits on: it answers the browser's redirect to the app's
 * callback URL (RFC 8252 section 7.3) and hands the full callback URL to the caller, once.
 */
import { createServer, type Server } from 'node:http';
import { CliError } from './cli-error.js';

export interface CallbackServer {
  /** The callback URL with the port actually bound. */
  readonly url: URL;
  /** Resolves with the first request to the callback path; rejects after `timeoutMs`. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<URL>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${text}</p>`;

export async function startCallbackServer(callbackUrl: string): Promise<CallbackServer> {
  const url = new URL(callbackUrl);
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) {
    throw new CliError(
      `login needs a loopback callback URL such as http://127.0.0.1:8765/callback registered for the app ` +
        `(the config's callback URL is ${url.origin}${url.pathname})`,
    );
  }
  let deliver: ((url: URL) => void) | undefined;
  const received = new Promise<URL>((resolve) => {
    deliver = resolve;
  });
  const server: Server = createServer((req, res) => {
    const got = new URL(req.url ?? '/', url);
    if (req.method !== 'GET' || got.pathname !== url.pathname || deliver === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    const ok = !got.searchParams.has('error');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' })
      .end(
        ok
          ? PAGE(
              'Signed in',
              'Blue Button access granted. You can close this window and return to the terminal.',
            )
          : PAGE('Not signed in', 'Access was not granted. You can close this window.'),
      );
    const take = deliver;
    deliver = undefined;
    take(got);
  });
  const host = url.hostname === '[::1]' ? '::1' : url.hostname;
  const port = url.port === '' ? 80 : Number(url.port);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE' ? 'is in use' : `cannot be opened (${error.code ?? error.message})`;
      reject(
        new CliError(`the callback address ${host}:${port} ${why}; free it or register another callback URL`),
      );
    });
    server.listen(port, host, resolve);
  });
  const address = server.address();
  if (address !== null && typeof address === 'object') url.port = String(address.port);
  return {
    url,
    wait(timeoutMs, signal) {
      return new Promise<URL>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new CliError(
                `no answer from the browser within ${Math.round(timeoutMs / 1000)} s; run login again`,
              ),
            ),
          timeoutMs,
        );
        const abort = () => {
          clearTimeout(timer);
          reject(new CliError('login interrupted', 130));
        };
        signal?.addEventListener('abort', abort, { once: true });
        received.then((got) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', abort);
          resolve(got);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
