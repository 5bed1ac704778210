/**
 * Writing a {@link SandboxResponse}: gzip when asked for and worth it, BB2's standard headers, and the
 * wire-level faults (`truncate`, `non-json`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { acceptsGzip } from './request-io.js';
import type { SandboxResponse } from './responses.js';

/** BB2 docs: responses of about 1 KB and more are compressed for clients that accept gzip. */
const GZIP_MIN_BYTES = 1024;

const STANDARD_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'access-control-allow-origin': '*',
};

/** BB2's middleware stamps the throttle headers on every answer; views without a throttle give `None`. */
const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] as const;

const MAINTENANCE_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Blue Button 2.0</title></head>\n<body><h1>We are down for maintenance</h1><p>Please try again later.</p></body></html>\n';

export interface SendOptions {
  readonly truncate: boolean;
  readonly nonJson: boolean;
}

export function sendResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: SandboxResponse,
  options: SendOptions,
): void {
  const shaped = options.nonJson
    ? {
        status: 200,
        headers: { ...response.headers, 'content-type': 'text/html; charset=utf-8' },
        body: MAINTENANCE_PAGE,
      }
    : response;
  let body = Buffer.from(shaped.body, 'utf8');
  const headers: Record<string, string> = { ...STANDARD_HEADERS, ...shaped.headers };
  for (const name of RATE_HEADERS) headers[name] ??= 'None';
  if (!options.truncate && body.length >= GZIP_MIN_BYTES && acceptsGzip(req.headers)) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
    headers.vary = 'Accept-Encoding';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(shaped.status, headers);
  if (!options.truncate) {
    res.end(body);
    return;
  }
  // The headers promise the whole body; the connection closes half way through it.
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.end());
}
