/**
 * `POST /v{n}/o/token[/]`: authorization_code with PKCE and refresh_token with rotation, with BB2's
 * pre-checks (app type, grant state) ahead of django-oauth-toolkit's own checks (bb2-api 2.5-2.8, 2.10).
 */
import { createHash } from 'node:crypto';
import { authenticateClient, type ClientRequest, identifyApplication, isApp } from './client-auth.js';
import type { SandboxContext } from './context.js';
import { parseFormBody } from './form-body.js';
import { hasBearerHeader, lastValue } from './request-io.js';
import {
  bb2OAuthError,
  jsonResponse,
  oauthError,
  type SandboxResponse,
  serverError,
  statusMessage,
  withHeaders,
} from './responses.js';
import type { RouteRequest } from './router.js';
import { isWithinScopes, parseScopes } from './scopes.js';
import type { RegisteredApp } from './settings.js';
import {
  familyOf,
  formatGrantExpiration,
  type IssuedTokens,
  type RefreshTokenRecord,
} from './token-registry.js';

const REAUTH = 'To refresh Medicare data, end user must re-authenticate and consent to share their data.';
export const ONE_TIME_REFRESH_MESSAGE = `Your application is not allowed to refresh tokens. ${REAUTH} If your application needs to refresh tokens, contact us at BlueButtonAPI@cms.hhs.gov.`;
export const GRANT_EXPIRED_MESSAGE = `User access has timed out. ${REAUTH}`;
export const GRANT_NOT_FOUND_MESSAGE = `User access cannot be found. ${REAUTH}`;

export function tokenEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  // BB2 looks the app up from any Authorization header; a Bearer one raises an unhandled lookup error.
  if (hasBearerHeader(req.headers)) return serverError();
  const form = parseFormBody(req.headers, req.body);
  if (form === undefined) {
    return oauthError(
      400,
      'invalid_request',
      'The sandbox token endpoint takes application/x-www-form-urlencoded or multipart/form-data bodies.',
    );
  }
  const client: ClientRequest = { headers: req.headers, query: req.query, form };
  const grantType = lastValue(form, 'grant_type');
  if (req.version === 3 && grantType === 'refresh_token') {
    const denied = v3RefreshPrecheck(req.body, ctx);
    if (denied !== undefined) return denied;
  }
  const app = identifyApplication(client, ctx.settings, ctx.registry);
  if (!isApp(app)) return app;
  if (grantType === 'refresh_token') {
    const refused = refreshPrecheck(client, app, ctx);
    if (refused !== undefined) return refused;
  }
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type');
  }
  if (!authenticateClient(client, app)) {
    return withHeaders(oauthError(401, 'invalid_client'), {
      'www-authenticate': 'Bearer error="invalid_client"',
    });
  }
  return grantType === 'authorization_code'
    ? exchangeCode(form, req.version, app, ctx)
    : refreshTokens(form, req.version, app, ctx);
}

/**
 * BB2's `_validate_v3_token_call` reads the raw body as a query string (`parse_qs(request._body)`), so a
 * multipart refresh finds no token there (bb2-api 6.3), and neither does one a later consent cancelled.
 */
function v3RefreshPrecheck(rawBody: string, ctx: SandboxContext): SandboxResponse | undefined {
  const record = ctx.registry.refresh(lastValue(new URLSearchParams(rawBody), 'refresh_token') ?? '');
  return record === undefined || record.cancelled ? statusMessage(403, 'Request denied') : undefined;
}

/** BB2's `validate_app_is_active` for refresh requests. */
function refreshPrecheck(
  client: ClientRequest,
  app: RegisteredApp,
  ctx: SandboxContext,
): SandboxResponse | undefined {
  if (app.kind === 'one-time') return bb2OAuthError(403, 'invalid_client', ONE_TIME_REFRESH_MESSAGE);
  const record = ctx.registry.refresh(lastValue(client.form, 'refresh_token') ?? '');
  // An unknown token without a body client_id was already "not found" during the app lookup.
  if (record === undefined) return bb2OAuthError(400, 'invalid_request', 'Missing refresh token parameter');
  if (record.cancelled) return oauthError(400, 'invalid_request', 'Refresh token not found.');
  const grant = ctx.registry.grantState(record.clientId, record.beneficiary);
  if (grant === 'missing') return bb2OAuthError(403, 'invalid_grant', GRANT_NOT_FOUND_MESSAGE);
  if (grant === 'expired') return bb2OAuthError(401, 'invalid_grant', GRANT_EXPIRED_MESSAGE);
  return undefined;
}

function exchangeCode(
  form: URLSearchParams,
  version: number,
  app: RegisteredApp,
  ctx: SandboxContext,
): SandboxResponse {
  const code = lastValue(form, 'code');
  if (!code) return oauthError(400, 'invalid_request', 'Missing code parameter.');
  const record = ctx.registry.findCode(code);
  if (
    record === undefined ||
    record.clientId !== app.clientId ||
    familyOf(record.version) !== familyOf(version)
  )
    return oauthError(400, 'invalid_grant');
  // A failed check leaves the code usable (bb2-api 9): it is consumed only by a successful exchange.
  const pkceError = checkPkce(lastValue(form, 'code_verifier'), record.codeChallenge);
  if (pkceError !== undefined) return pkceError;
  if (lastValue(form, 'redirect_uri') !== record.redirectUri) return oauthError(400, 'invalid_grant');
  ctx.registry.consumeCode(code);
  const tokens = ctx.registry.issueTokens(app, record.version, record.beneficiary, record.scopes);
  return tokenResponse(tokens, version, app, ctx);
}

/** RFC 7636 S256, comparing without `=` padding so padded and unpadded challenges both work. */
function checkPkce(verifier: string | undefined, challenge: string): SandboxResponse | undefined {
  if (!verifier) return oauthError(400, 'invalid_request', 'code_verifier required for this request');
  if (verifier.length < 43) return oauthError(400, 'invalid_request', 'code_verifier min length is 43');
  if (verifier.length > 128) return oauthError(400, 'invalid_request', 'code_verifier max length is 128');
  const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  if (computed !== challenge.replace(/=+$/, '')) {
    return oauthError(400, 'invalid_grant', 'code_challenge does not match');
  }
  return undefined;
}

function refreshTokens(
  form: URLSearchParams,
  version: number,
  app: RegisteredApp,
  ctx: SandboxContext,
): SandboxResponse {
  const record: RefreshTokenRecord | undefined = ctx.registry.refresh(lastValue(form, 'refresh_token') ?? '');
  if (
    record === undefined ||
    record.revoked ||
    record.clientId !== app.clientId ||
    record.family !== familyOf(version)
  ) {
    return oauthError(400, 'invalid_grant');
  }
  const requested = parseScopes(lastValue(form, 'scope'));
  if (requested.length > 0 && !isWithinScopes(requested, record.scopes))
    return oauthError(400, 'invalid_scope');
  const tokens = ctx.registry.rotate(app, record, requested.length > 0 ? requested : record.scopes);
  return tokenResponse(tokens, version, app, ctx);
}

function tokenResponse(
  tokens: IssuedTokens,
  version: number,
  app: RegisteredApp,
  ctx: SandboxContext,
): SandboxResponse {
  const bene = ctx.dataset.beneficiaries[tokens.access.beneficiary];
  const body = {
    access_token: tokens.access.value,
    expires_in: ctx.settings.tokenExpiresIn,
    token_type: 'Bearer',
    scope: tokens.access.scopes.join(' '),
    ...(tokens.refresh === undefined ? {} : { refresh_token: tokens.refresh.value }),
    patient: version === 3 ? bene?.patientId.v3 : bene?.patientId.v2,
    access_grant_expiration: grantExpiration(tokens.access.beneficiary, app, ctx),
  };
  return jsonResponse(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

function grantExpiration(beneficiary: number, app: RegisteredApp, ctx: SandboxContext): string {
  const { tokenExpiresIn, now } = ctx.settings;
  if (app.kind === 'research') return '';
  if (app.kind === 'one-time') return formatGrantExpiration(now() + tokenExpiresIn * 1000);
  const expiresAt = ctx.registry.grant(app.clientId, beneficiary)?.expiresAt;
  return expiresAt === undefined ? '' : formatGrantExpiration(expiresAt);
}
