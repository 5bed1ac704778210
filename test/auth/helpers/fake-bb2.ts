/**
 * A small BB2 on 127.0.0.1 (port 0) that answers the token, revoke and FHIR endpoints as CMS's own server
 * code did when run locally (../shared/design/bb2-api.md section 9), for the grant semantics the sandbox
 * does not model yet: re-consent cancels the earlier authorization (v2 refuses its refresh token with 400
 * `invalid_request` "Refresh token not found.", v3 with 403 `{"status_code":403,"message":"Request
 * denied"}`), refresh rotates both tokens, an unknown token's revoke is a 500. Every request is recorded.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly form: URLSearchParams;
}

export interface Answer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Authorization {
  readonly id: number;
  cancelled: boolean;
  access: string;
  refresh: string;
}

export interface FakeBb2 {
  readonly url: string;
  readonly seen: Seen[];
  /** Token POSTs with `grant_type=refresh_token`. */
  refreshes(): Seen[];
  /** FHIR GETs. */
  reads(): Seen[];
  /** A code for a new authorization of the one beneficiary (cancels the earlier ones on exchange). */
  issueCode(expiresIn?: number): string;
  /** `expires_in` of the tokens a refresh issues (BB2's lifetimes vary between environments). */
  refreshExpiresIn: number;
  /** Answers instead of the normal route when it returns an answer. */
  override: ((req: Seen) => Answer | Promise<Answer> | undefined) | undefined;
  close(): Promise<void>;
}

const PATIENT = '-20140000008325';
let counter = 0;
const secret = (kind: string) => `${kind}-${++counter}-${crypto.randomUUID().replace(/-/g, '')}`;
const json = (status: number, body: unknown): Answer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

export async function startFakeBb2(): Promise<FakeBb2> {
  const seen: Seen[] = [];
  const authorizations: Authorization[] = [];
  const codes = new Map<string, number>();

  function tokenBody(a: Authorization, expiresIn: number) {
    return {
      access_token: a.access,
      expires_in: expiresIn,
      token_type: 'Bearer',
      scope: 'patient/Coverage.read openid patient/Patient.read profile patient/ExplanationOfBenefit.read',
      refresh_token: a.refresh,
      patient: PATIENT,
      access_grant_expiration: '2028-01-01T18:36:37Z',
    };
  }

  function route(req: Seen): Answer {
    const version = /^\/v([123])\//.exec(req.path)?.[1] ?? '2';
    if (req.method === 'POST' && /^\/v[123]\/o\/token\/$/.test(req.path)) {
      const grant = req.form.get('grant_type');
      if (grant === 'authorization_code') {
        const code = req.form.get('code') ?? '';
        const expiresIn = codes.get(code);
        if (expiresIn === undefined) return json(400, { error: 'invalid_grant' });
        codes.delete(code);
        // The same beneficiary authorizing the same app again cancels the previous authorization.
        for (const a of authorizations) a.cancelled = true;
        const a: Authorization = {
          id: authorizations.length,
          cancelled: false,
          access: secret('access'),
          refresh: secret('refresh'),
        };
        authorizations.push(a);
        return json(200, tokenBody(a, expiresIn));
      }
      if (grant === 'refresh_token') {
        const rt = req.form.get('refresh_token') ?? '';
        const a = authorizations.find((x) => x.refresh === rt);
        if (!a) return json(400, { error: 'invalid_grant' });
        if (a.cancelled) {
          return version === '3'
            ? json(403, { status_code: 403, message: 'Request denied' })
            : json(400, { error: 'invalid_request', error_description: 'Refresh token not found.' });
        }
        a.access = secret('access');
        a.refresh = secret('refresh');
        return json(200, tokenBody(a, fake.refreshExpiresIn));
      }
      return json(400, { error: 'unsupported_grant_type' });
    }
    if (req.method === 'POST' && /^\/v[123]\/o\/revoke\/$/.test(req.path)) {
      const t = req.form.get('token');
      const a = authorizations.find((x) => x.access === t && !x.cancelled);
      if (!a) return json(500, { error: 'Server Error (500)' });
      a.cancelled = true;
      return { status: 200, body: '', headers: { 'Content-Type': 'text/html; charset=utf-8' } };
    }
    if (req.method === 'GET' && /^\/v[123]\/fhir\//.test(req.path)) {
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      const a = authorizations.find((x) => x.access === bearer && !x.cancelled);
      if (!a) return json(401, { detail: 'Authentication credentials were not provided.' });
      return {
        status: 200,
        body: JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0, link: [], entry: [] }),
        headers: { 'Content-Type': 'application/fhir+json' },
      };
    }
    return json(404, { detail: 'Not found.' });
  }

  const fake: FakeBb2 = {
    url: '',
    seen,
    refreshes: () => seen.filter((r) => r.form.get('grant_type') === 'refresh_token'),
    reads: () => seen.filter((r) => r.method === 'GET'),
    issueCode(expiresIn = 3600) {
      const code = secret('code');
      codes.set(code, expiresIn);
      return code;
    },
    refreshExpiresIn: 3600,
    override: undefined,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const request: Seen = {
        method: req.method ?? 'GET',
        path: url.pathname,
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      seen.push(request);
      const a = (await fake.override?.(request)) ?? route(request);
      res.writeHead(a.status, a.headers).end(a.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  (fake as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** A server that only counts what reaches it (the target of a redirect). */
export async function startCounter(): Promise<{
  url: string;
  count: () => number;
  close: () => Promise<void>;
}> {
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    req.resume();
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ access_token: 'from-elsewhere', expires_in: 3600, token_type: 'Bearer' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => n,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
