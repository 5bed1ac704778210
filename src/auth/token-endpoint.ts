/**
 * BB2's token and revoke endpoints, typed from the spec through openapi-fetch. Requests are
 * form-urlencoded (BB2 v3 parses the raw body as urlencoded, so multipart would fail), authenticate the
 * client with HTTP Basic, and are never retried: codes and refresh tokens are single-use. They follow no
 * redirect either: a 3xx would re-send the code and verifier, or the refresh token, to wherever it points.
 */
import type { Client } from 'openapi-fetch';
import type { Secret } from '../config/types.js';
import { HttpError } from '../errors/http-error.js';
import { OAuthError, type OAuthErrorFields, ReauthorizationRequiredError } from '../errors/oauth-error.js';
import { redactJsonError, redactUrl } from '../errors/redact.js';
import { InvalidResponseError } from '../errors/request-errors.js';
import type { RawResponse, Transport } from '../resilience/transport.js';
import type { AllPaths, ApiVersion, ComponentsFor } from '../types.js';

type TokenRequestBody = ComponentsFor<2>['schemas']['TokenRequest'];

import { AuthorizationToken } from './authorization-token.js';

export interface TokenEndpointSettings {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
  readonly callbackUrl: string;
  readonly transport: Transport;
  readonly now: () => number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TokenEndpoint {
  exchangeCode(version: ApiVersion, code: string, verifier: string): Promise<AuthorizationToken>;
  refresh(token: AuthorizationToken): Promise<AuthorizationToken>;
  revoke(token: AuthorizationToken): Promise<void>;
}

const formEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
const form = (body: unknown) => new URLSearchParams(body as Record<string, string>).toString();

/** RFC 6749 fields of any of BB2's error bodies: `{error, error_description}`, `{status_code, message}`. */
export function oauthFailure(status: number, body: unknown): OAuthErrorFields & { readonly oauth: boolean } {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (k: string) => (typeof b[k] === 'string' && b[k] ? (b[k] as string) : undefined);
  return {
    status,
    error: text('error') ?? text('message') ?? text('detail') ?? `http_${status}`,
    errorDescription: text('error_description') ?? (text('error') ? text('message') : undefined),
    oauth: text('error') !== undefined,
  };
}

/** BB2's refusals of a refresh that mean "consent again" (bb2-api 2.8); anything else stays an OAuthError. */
export function refreshRefusal(
  f: OAuthErrorFields & { readonly oauth?: boolean },
): ReauthorizationRequiredError | undefined {
  const desc = f.errorDescription ?? '';
  if (f.error === 'invalid_grant') {
    if (/timed out|expired/i.test(desc) || f.status === 401)
      return new ReauthorizationRequiredError('grant-expired', f);
    if (f.status === 403 || /cannot be found/i.test(desc))
      return new ReauthorizationRequiredError('grant-revoked', f);
    return new ReauthorizationRequiredError('refresh-token-reused', f);
  }
  if (f.error === 'invalid_client' && /not allowed to refresh/i.test(desc)) {
    return new ReauthorizationRequiredError('refresh-not-allowed', f);
  }
  // v2, after a re-consent cancelled the authorization the refresh token came from (bb2-api 9).
  if (f.error === 'invalid_request' && /refresh token not found/i.test(desc)) {
    return new ReauthorizationRequiredError('grant-revoked', f);
  }
  // v3 says the same with `{"status_code": 403, "message": "Request denied"}` and no OAuth `error`
  // (bb2-api 9): the grant this refresh token belonged to is gone, so only a new consent helps.
  if (f.status === 403 && !f.oauth) return new ReauthorizationRequiredError('grant-revoked', f);
  return undefined;
}

/** A 3xx (or, from a fetch that follows redirects anyway, an answer from elsewhere) is never a token. */
function refuseRedirect(raw: RawResponse): void {
  const r = raw.response;
  const redirected = (raw.status >= 300 && raw.status < 400) || r.type === 'opaqueredirect' || r.redirected;
  if (!redirected) return;
  throw new OAuthError(
    { status: raw.status, error: `http_${raw.status}`, errorDescription: undefined },
    {
      why:
        `The token endpoint answered ${raw.status} with a redirect; token requests follow no redirect ` +
        '(they carry a code, a verifier or a refresh token), so nothing was sent to its target',
    },
  );
}

/** BB2 answers a revoke of a token it does not know (unknown, or already revoked) with a 500. */
function revokeFailure(status: number, url: string, body: unknown, response: Response): Error {
  if (status !== 500) return new OAuthError(oauthFailure(status, body));
  const e = new HttpError({ status, method: 'POST', url }, response);
  e.message =
    `POST ${url} failed with 500: BB2 answers 500 when it does not know the token it is asked to ` +
    'revoke (never issued, or already revoked); the grant may already be gone';
  return e;
}

export function createTokenEndpoint(s: TokenEndpointSettings): TokenEndpoint {
  // openapi-fetch loads with the first token request, not with the SDK.
  let client: Promise<Client<AllPaths>> | undefined;
  const api = () => {
    client ??= import('openapi-fetch').then(({ default: createClient }) =>
      createClient<AllPaths>({
        baseUrl: s.baseUrl,
        bodySerializer: form,
        headers: {
          ...s.headers,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          // RFC 6749 2.3.1: both parts are form-encoded before base64. Never sent to FHIR endpoints.
          Authorization: `Basic ${btoa(`${formEncode(s.clientId)}:${formEncode(s.clientSecret.reveal())}`)}`,
        },
        // The transport adds the per-attempt timeout; OAuth calls are not idempotent, so it never retries them.
        fetch: async (request: Request) => {
          const raw = await s.transport.call(
            {
              method: 'POST',
              url: request.url,
              headers: Object.fromEntries(request.headers),
              body: await request.text(),
              redirect: 'manual',
            },
            { idempotent: false, redactedUrl: () => redactUrl(request.url) },
          );
          refuseRedirect(raw);
          return new Response(raw.body || null, { status: raw.status, headers: raw.headers });
        },
      }),
    );
    return client;
  };

  async function token(version: ApiVersion, body: TokenRequestBody, url: string) {
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await (await api()).POST(`/v${version}/o/token/`, { body });
    } catch (e) {
      if (e instanceof SyntaxError) {
        throw new InvalidResponseError(url, 200, 'token response is not JSON', { cause: redactJsonError(e) });
      }
      throw e;
    }
    if (result.response.ok) return AuthorizationToken.fromResponse(result.data, version, s.now(), url);
    return oauthFailure(result.response.status, result.error);
  }

  return {
    async exchangeCode(version, code, verifier) {
      const body = {
        grant_type: 'authorization_code' as const,
        code,
        redirect_uri: s.callbackUrl,
        code_verifier: verifier,
      };
      const r = await token(version, body, redactUrl(`${s.baseUrl}/v${version}/o/token/`));
      if (r instanceof AuthorizationToken) return r;
      throw new OAuthError(r);
    },
    async refresh(current) {
      if (!current.refreshToken) throw new ReauthorizationRequiredError('no-refresh-token');
      const body = { grant_type: 'refresh_token' as const, refresh_token: current.refreshToken };
      const r = await token(current.version, body, redactUrl(`${s.baseUrl}/v${current.version}/o/token/`));
      if (r instanceof AuthorizationToken) return r;
      throw refreshRefusal(r) ?? new OAuthError(r);
    },
    async revoke(current) {
      const path = `/v${current.version}/o/revoke/` as const;
      const { response, error } = await (await api()).POST(path, { body: { token: current.accessToken } });
      if (!response.ok)
        throw revokeFailure(response.status, redactUrl(`${s.baseUrl}${path}`), error, response);
    },
  };
}
