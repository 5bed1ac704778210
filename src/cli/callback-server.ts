/**
 * The loopback server `bluebutton login` waits on: it answers the browser's redirect to the app's
 * callback URL (RFC 8252 section 7.3) and hands the full callback URL to the caller, once.
 *
 * A callback URL on a loopback IP literal without a port (`http://127.0.0.1/callback`) gets a free port
 * from the OS: RFC 8252 7.3 says the server must accept any port then, and BB2's django-oauth-toolkit
 * (2.2.0, bb2-api.md sources) does so since 1.6.0 (#953), only for 127.0.0.1 and ::1 registered with no
 * port. Any other loopback URL is bound as written, since BB2 compares its port exactly.
 */
import { createServer, type Server } from 'node:http';
import { CliError, UsageError } from './cli-error.js';

export interface CallbackServer {
  /** The callback URL with the port actually bound. */
  readonly url: URL;
  /** Resolves with the first request to the callback path; rejects after `timeoutMs`. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<URL>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The hosts BB2 lets a request pick the port for (DOT's `redirect_to_uri_allowed`); not `localhost`. */
const ANY_PORT_HOSTS = new Set(['127.0.0.1', '[::1]']);

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${text}</p>`;

export async function startCallbackServer(callbackUrl: string): Promise<CallbackServer> {
  const url = new URL(callbackUrl);
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) {
    throw new UsageError(
      `login receives the callback on this machine, so the config's callback URL ${url.origin}${url.pathname} ` +
        `cannot be used: register http://127.0.0.1/callback for the app (BB2 then accepts any port) and set ` +
        `callbackUrl to it in a config file for the command`,
      'login',
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
  const port = url.port !== '' ? Number(url.port) : ANY_PORT_HOSTS.has(url.hostname) ? 0 : 80;
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
