/**
 * A tiny loopback server per test (127.0.0.1, port 0) that records what it received, and a BlueButton
 * pointed at it with a ready token, for answers the sandbox does not give (redirects, hostile bodies).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthorizationToken, BlueButton, type BlueButtonConfig } from 'bluebutton-ts';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface Loopback {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

const open: Loopback[] = [];

export async function loopback(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Loopback> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle: Loopback = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(handle);
  return handle;
}

/** Closes every server opened by {@link loopback} (call it in afterEach). */
export async function closeLoopbacks(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()));
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/fhir+json', ...headers });
  res.end(JSON.stringify(body));
}

export const ACCESS_TOKEN = 'sEcReTaCcEsStOkEn0123456789abcd';
export const PATIENT_ID = '-20140000008325';

/** A token that needs no refresh for an hour. */
export function tokenFor(version: 1 | 2 | 3 = 2): AuthorizationToken {
  return AuthorizationToken.fromJSON({
    access_token: ACCESS_TOKEN,
    refresh_token: 'sEcReTrEfReShToKeN9876543210zyxw',
    token_type: 'Bearer',
    expires_in: 3600,
    expires_at: Date.now() + 3_600_000,
    scope: 'patient/Patient.read patient/Coverage.read patient/ExplanationOfBenefit.read profile',
    patient: PATIENT_ID,
    version,
  });
}

/** A BlueButton whose base URL is `baseUrl`, with fast deterministic retries. */
export function bbAt<V extends 1 | 2 | 3 = 2>(
  baseUrl: string,
  config: Omit<BlueButtonConfig, 'version'> = {},
  version: V = 2 as V,
): BlueButton<V> {
  return new BlueButton<V>({
    clientId: 'test-client',
    clientSecret: 'test-secret',
    callbackUrl: 'http://127.0.0.1/callback',
    baseUrl,
    retrySettings: { total: 2, backoffFactor: 0.001, jitter: false },
    ...config,
    version,
  } as BlueButtonConfig & { version: V });
}

/** A searchset Bundle of `n` EOBs with ids `${prefix}-${i}`, linking `next` when given. */
export function eobPage(ids: readonly string[], extra: { next?: string; total?: number } = {}) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(extra.total === undefined ? {} : { total: extra.total }),
    link: extra.next ? [{ relation: 'next', url: extra.next }] : [],
    entry: ids.map((id) => ({ resource: { resourceType: 'ExplanationOfBenefit', id } })),
  };
}
