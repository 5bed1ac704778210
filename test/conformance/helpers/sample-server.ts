/**
 * A real `node:http` server on 127.0.0.1, port 0, that answers the SDK with sample bodies and records
 * every request. No global fetch mock: the SDK is given its documented `fetch` option, a wrapper that
 * sends each request over real HTTP to this server instead of the host the SDK addressed, and tells the
 * server which URL that was (`x-conformance-original-url`), so tests can assert on the host too.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** A request as the SDK made it. */
export interface SeenRequest {
  readonly method: string;
  /** The URL the SDK asked for (scheme, host and all). */
  readonly url: URL;
  /** `url.pathname`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  readonly status?: number;
  /** A string is sent as is (the sample's exact bytes); anything else as JSON. */
  readonly body: unknown;
  /** Default `application/fhir+json`. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Returns the reply to a request, or undefined when the test did not expect it (answered 501). */
export type Handler = (req: SeenRequest) => Reply | undefined;

export const ORIGINAL_URL_HEADER = 'x-conformance-original-url';

export interface SampleServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request since the last `reset()`. */
  readonly seen: SeenRequest[];
  /** Requests no handler answered. */
  readonly unmatched: string[];
  /** Requests addressed to another origin than the one expected (answered 400, never served). */
  readonly wrongHost: string[];
  /** Sets the handler and the one origin the SDK may address; clears what was recorded. */
  serve(expectedOrigin: string, handler: Handler): void;
  reset(): void;
  /** The SDK's `fetch` option: every request goes to this server over real HTTP. */
  readonly fetch: typeof globalThis.fetch;
  close(): Promise<void>;
}

function readBody(req: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startSampleServer(): Promise<SampleServer> {
  const seen: SeenRequest[] = [];
  const unmatched: string[] = [];
  const wrongHost: string[] = [];
  let expectedOrigin = '';
  let handler: Handler = () => undefined;

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const header = req.headers[ORIGINAL_URL_HEADER];
    const original = new URL(typeof header === 'string' ? header : `http://unknown${req.url ?? '/'}`);
    const request: SeenRequest = {
      method: req.method ?? 'GET',
      url: original,
      path: original.pathname,
      query: original.searchParams,
      headers: req.headers,
      body,
    };
    seen.push(request);
    if (original.origin !== expectedOrigin) {
      wrongHost.push(`${request.method} ${original.href}`);
      // Not 421: fetch retries a 421 on a new connection by itself (Fetch standard, HTTP-network fetch).
      res
        .writeHead(400, { 'Content-Type': 'application/json' })
        .end('{"detail":"addressed to another host"}');
      return;
    }
    const reply = handler(request);
    if (reply === undefined) {
      unmatched.push(`${request.method} ${original.href}`);
      res.writeHead(501, { 'Content-Type': 'application/json' }).end('{"detail":"no route"}');
      return;
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res
      .writeHead(reply.status ?? 200, {
        'Content-Type': reply.contentType ?? 'application/fhir+json',
        ...reply.headers,
      })
      .end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fetchToServer: typeof globalThis.fetch = (input, init) => {
    const original = new URL(input instanceof Request ? input.url : String(input));
    const local = new URL(`${original.pathname}${original.search}`, url);
    if (input instanceof Request) {
      const request = new Request(local, input);
      request.headers.set(ORIGINAL_URL_HEADER, original.href);
      return globalThis.fetch(request, init);
    }
    const headers = new Headers(init?.headers);
    headers.set(ORIGINAL_URL_HEADER, original.href);
    return globalThis.fetch(local, { ...init, headers });
  };

  const reset = () => {
    seen.length = 0;
    unmatched.length = 0;
    wrongHost.length = 0;
  };

  return {
    url,
    seen,
    unmatched,
    wrongHost,
    serve(origin, h) {
      reset();
      expectedOrigin = origin;
      handler = h;
    },
    reset,
    fetch: fetchToServer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** A handler answering `GET <path>` (exactly) with a body; other requests are unmatched. */
export function at(method: string, path: string, reply: Reply): Handler {
  return (req) => (req.method === method && req.path === path ? reply : undefined);
}

/** Tries handlers in order. */
export function firstOf(...handlers: Handler[]): Handler {
  return (req) => {
    for (const h of handlers) {
      const r = h(req);
      if (r !== undefined) return r;
    }
    return undefined;
  };
}

/**
 * Starts one sample server for the enclosing describe block, checks after each test that every request
 * matched a sample and named the expected host, and closes it afterwards. Returns a handle usable at once:
 * it forwards to the server once beforeAll has started it.
 */
export function useSampleServer(): SampleServer {
  let server: SampleServer | undefined;
  beforeAll(async () => {
    server = await startSampleServer();
  });
  afterEach(() => {
    expect(server?.unmatched).toEqual([]);
    expect(server?.wrongHost).toEqual([]);
  });
  afterAll(async () => {
    await server?.close();
  });
  return new Proxy({} as SampleServer, {
    get(_target, key) {
      if (!server) throw new Error('the sample server is used before beforeAll started it');
      const value: unknown = Reflect.get(server, key);
      return typeof value === 'function' ? value.bind(server) : value;
    },
  });
}
