/**
 * The URL that sends the beneficiary to BB2's consent flow. Every parameter goes through URLSearchParams,
 * so `redirect_uri` and `scope` are encoded (the Node SDK leaves `redirect_uri` raw).
 */
import type { ApiVersion, GetOperation } from '../types.js';
import type { AuthData } from './pkce.js';

export interface AuthorizeUrlOptions {
  /** Scopes to ask for; BB2 v3 rejects an authorize call without scope, so v3 gets DEFAULT_V3_SCOPES. */
  readonly scope?: readonly string[];
  /** Consent page language. */
  readonly lang?: 'en' | 'es';
  /** The API version to authorize for; default the configured one. Tokens only work on their own version (v1/v2 share). */
  readonly version?: ApiVersion;
}

/** What v3 asks for when the caller names no scope: everything a beneficiary app reads. */
export const DEFAULT_V3_SCOPES = [
  'openid',
  'profile',
  'patient/Patient.rs',
  'patient/Coverage.rs',
  'patient/ExplanationOfBenefit.rs',
] as const;

type AuthorizeQuery<V extends ApiVersion> =
  GetOperation<V, `/v${V}/o/authorize/`> extends { parameters: { query: infer Q } } ? Q : never;

export function createAuthorizationUrl(
  baseUrl: string,
  version: ApiVersion,
  client: { clientId: string; callbackUrl: string },
  authData: AuthData,
  options: Omit<AuthorizeUrlOptions, 'version'> = {},
): string {
  const scope = options.scope ?? (version === 3 ? DEFAULT_V3_SCOPES : undefined);
  // Typed against the spec so a renamed parameter breaks the build, not the consent flow.
  const query: AuthorizeQuery<1> & AuthorizeQuery<3> = {
    client_id: client.clientId,
    redirect_uri: client.callbackUrl,
    state: authData.state,
    response_type: 'code',
    code_challenge_method: 'S256',
    code_challenge: authData.codeChallenge,
    scope: scope?.join(' ') ?? '',
  };
  const params = new URLSearchParams(Object.entries(query));
  if (!scope) params.delete('scope');
  if (options.lang) params.set('lang', options.lang);
  return `${baseUrl}/v${version}/o/authorize/?${params.toString()}`;
}
