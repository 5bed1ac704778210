/**
 * Reading what a client sent: body, form fields, HTTP Basic credentials and the bearer token.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Oversized bodies are cut rather than buffered: no sandbox endpoint takes more than a small form.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Last value wins, as Django's `QueryDict.get` does. */
export function lastValue(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  return all.length > 0 ? all[all.length - 1] : undefined;
}

export interface BasicCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** undefined: no Basic header; null: a Basic header that cannot be decoded. */
export function basicCredentials(headers: IncomingHttpHeaders): BasicCredentials | null | undefined {
  const header = headerValue(headers, 'authorization');
  const match = header === undefined ? null : /^Basic\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return {
    clientId: safeDecode(decoded.slice(0, colon)),
    clientSecret: safeDecode(decoded.slice(colon + 1)),
  };
}

/** RFC 6749 2.3.1 form-encodes the id and secret before Basic encoding; plain values pass unchanged. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headerValue(headers, 'authorization');
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

export function hasBearerHeader(headers: IncomingHttpHeaders): boolean {
  return /^Bearer\b/i.test(headerValue(headers, 'authorization') ?? '');
}

export function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  const value = headerValue(headers, 'accept-encoding') ?? '';
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && q !== 'q=0' && q !== 'q=0.0';
  });
}
