/**
 * Shared steps of the sandbox tests: PKCE, authorize URLs, the code exchange and FHIR calls, all over
 * real HTTP with fetch.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Sandbox, SandboxApiVersion, SandboxOptions } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';

export const STATE = 'state-0123456789abcdef';

export interface TokenBody {
  access_token: string;
  expires_in: number;
  token_type: string;
  scope: string;
  refresh_token: string;
  patient: string;
  access_grant_expiration: string;
}

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Sandboxes started through this are closed by {@link closeSandboxes} (call it in afterEach). */
const open: Sandbox[] = [];

export async function sandboxWith(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ beneficiaries: 3, eobsPerBeneficiary: [25, 3, 7], ...options });
  open.push(sandbox);
  return sandbox;
}

export async function closeSandboxes(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()));
}

export interface AuthorizeParams {
  readonly version?: SandboxApiVersion;
  readonly challenge?: string;
  readonly scope?: string;
  /** Replaces or adds parameters; `undefined` values remove them. */
  readonly set?: Readonly<Record<string, string | undefined>>;
  /** Path after `/v{n}/o/`; default `authorize/`. */
  readonly path?: string;
}

export function authorizeUrl(sandbox: Sandbox, params: AuthorizeParams = {}): string {
  const version = params.version ?? 2;
  const query: Record<string, string | undefined> = {
    client_id: sandbox.client.clientId,
    redirect_uri: sandbox.client.redirectUri,
    response_type: 'code',
    state: STATE,
    code_challenge: params.challenge ?? pkce().challenge,
    code_challenge_method: 'S256',
    ...(params.scope === undefined
      ? version === 3
        ? { scope: defaultScope() }
        : {}
      : { scope: params.scope }),
    ...params.set,
  };
  const entries = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined);
  return `${sandbox.url}/v${version}/o/${params.path ?? 'authorize/'}?${new URLSearchParams(entries)}`;
}

export function defaultScope(): string {
  return 'profile patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs';
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export function postForm(
  url: string,
  form: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
}

export interface Grant {
  readonly code: string;
  readonly verifier: string;
  readonly version: SandboxApiVersion;
}

/** Consents (as beneficiary 0 unless told) and returns the code with its verifier. */
export async function authorizeCode(
  sandbox: Sandbox,
  options: {
    version?: SandboxApiVersion;
    scope?: string;
    beneficiary?: number | string;
    shareDemographics?: boolean;
  } = {},
): Promise<Grant> {
  const version = options.version ?? 2;
  const { verifier, challenge } = pkce();
  const url = authorizeUrl(sandbox, {
    version,
    challenge,
    ...(options.scope === undefined ? {} : { scope: options.scope }),
  });
  const callback = new URL(
    await sandbox.authorize(url, {
      beneficiary: options.beneficiary ?? 0,
      shareDemographics: options.shareDemographics ?? true,
    }),
  );
  const code = callback.searchParams.get('code');
  if (code === null) throw new Error(`no code in ${callback.search}`);
  return { code, verifier, version };
}

export function exchangeCode(
  sandbox: Sandbox,
  grant: Grant,
  extra: Record<string, string> = {},
): Promise<Response> {
  return postForm(`${sandbox.url}/v${grant.version}/o/token/`, {
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: sandbox.client.redirectUri,
    code_verifier: grant.verifier,
    client_id: sandbox.client.clientId,
    client_secret: sandbox.client.clientSecret,
    ...extra,
  });
}

/** The whole dance: consent, then the code exchange; returns the token response body. */
export async function obtainTokens(
  sandbox: Sandbox,
  options: Parameters<typeof authorizeCode>[1] = {},
): Promise<TokenBody> {
  const response = await exchangeCode(sandbox, await authorizeCode(sandbox, options));
  if (response.status !== 200)
    throw new Error(`token exchange failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as TokenBody;
}

export function refreshWith(
  sandbox: Sandbox,
  refreshToken: string,
  version: SandboxApiVersion = 2,
  extra: Record<string, string> = {},
): Promise<Response> {
  return postForm(
    `${sandbox.url}/v${version}/o/token/`,
    { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra },
    { authorization: basic(sandbox.client.clientId, sandbox.client.clientSecret) },
  );
}

export function fhirGet(
  url: string,
  token: string | undefined,
  headers: Readonly<Record<string, string>> = {},
): Promise<Response> {
  return fetch(url, {
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
  });
}

/** A JSON body as a plain record, for assertions. */
export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

export interface BundleLike {
  resourceType: string;
  id: string;
  type: string;
  total?: number;
  meta: { lastUpdated: string };
  link: { relation: string; url: string }[];
  entry?: { fullUrl: string; resource: { id: string; resourceType: string } }[];
}

export async function bundleOf(response: Response): Promise<BundleLike> {
  if (response.status !== 200)
    throw new Error(`expected 200, got ${response.status}: ${await response.text()}`);
  return (await response.json()) as BundleLike;
}

export function linkOf(bundle: BundleLike, relation: string): string | undefined {
  return bundle.link.find((l) => l.relation === relation)?.url;
}

/** A GET with an explicit Host header (fetch does not let a caller set Host). */
export function getWithHost(
  url: string,
  host: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { ...headers, host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
