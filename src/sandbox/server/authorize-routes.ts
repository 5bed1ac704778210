/**
 * `/v{n}/o/authorize/` (GET, or POST for SMART's authorize-post) and the consent instance
 * `/v{n}/o/authorize/<uuid>/`, with BB2's validation order and bodies (bb2-api 2.3, 2.4).
 */

import { consentPage } from './consent-page.js';
import type { SandboxContext } from './context.js';
import { parseFormBody } from './form-body.js';
import { redirectUriAllowed } from './redirect-uri-allowed.js';
import { lastValue } from './request-io.js';
import {
  bb2OAuthError,
  htmlResponse,
  redirectResponse,
  type SandboxResponse,
  statusMessage,
  textResponse,
} from './responses.js';
import type { RouteRequest } from './router.js';
import { condenseScopes, DEFAULT_SCOPES, isDemographicScope, parseScopes, unknownScopes } from './scopes.js';
import { findApp, type RegisteredApp } from './settings.js';
import type { PendingConsent } from './token-registry.js';

type AuthorizeRequest = Omit<PendingConsent, 'id' | 'version'>;

/** The registered app the client id names, and the registered redirect URI the request uses. */
interface CheckedClient {
  readonly app: RegisteredApp;
  readonly redirectUri: string;
}

export function authorizeStart(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const form = req.method === 'POST' ? parseFormBody(req.headers, req.body) : undefined;
  if (req.query.has('client_secret') || form?.has('client_secret')) {
    return textResponse(400, 'Illegal query parameter [client_secret] detected');
  }
  if (req.method === 'POST' && !form?.get('state')) return statusMessage(401, 'State required in POST body.');
  const params = form === undefined ? req.query : mergeParams(req.query, form);
  const checked = validateAuthorize(req.version, params, ctx);
  if ('status' in checked) return checked;
  const consent = ctx.registry.addPending({ ...checked, version: req.version });
  return consentResponse(consent, ctx);
}

export function consentView(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const consent = ctx.registry.pending(req.params.uuid ?? '');
  if (consent === undefined || consent.version !== req.version) return statusMessage(404, 'Not found.');
  return consentResponse(consent, ctx);
}

export function consentSubmit(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const id = req.params.uuid ?? '';
  const consent = ctx.registry.pending(id);
  if (consent === undefined || consent.version !== req.version) return statusMessage(404, 'Not found.');
  const form = parseFormBody(req.headers, req.body) ?? new URLSearchParams();
  const beneficiary = ctx.findBeneficiary(lastValue(form, 'beneficiary') ?? '0');
  if (beneficiary === undefined) return statusMessage(400, 'Unknown synthetic beneficiary.');
  ctx.registry.takePending(id);
  const share = lastValue(form, 'share_demographics') !== 'false';
  const requested = consent.requestedScopes ?? DEFAULT_SCOPES;
  const scopes = condenseScopes(share ? requested : requested.filter((s) => !isDemographicScope(s)));
  if (lastValue(form, 'allow') !== 'true' || scopes.length === 0) {
    return redirectResponse(
      302,
      callbackUrl(consent.redirectUri, { error: 'access_denied', state: consent.state }),
    );
  }
  const app = findApp(ctx.settings, consent.clientId);
  if (app === undefined) return statusMessage(404, 'Not found.');
  ctx.registry.recordConsent(app, beneficiary.index);
  const code = ctx.registry.issueCode({
    clientId: app.clientId,
    version: consent.version,
    beneficiary: beneficiary.index,
    scopes,
    redirectUri: consent.redirectUri,
    codeChallenge: consent.codeChallenge,
  });
  return redirectResponse(302, callbackUrl(consent.redirectUri, { code, state: consent.state }));
}

function consentResponse(consent: PendingConsent, ctx: SandboxContext): SandboxResponse {
  const html = consentPage({
    action: `/v${consent.version}/o/authorize/${consent.id}/`,
    version: consent.version,
    appName: findApp(ctx.settings, consent.clientId)?.name ?? consent.clientId,
    scopes: consent.requestedScopes ?? DEFAULT_SCOPES,
    beneficiaries: ctx.dataset.beneficiaries,
  });
  return htmlResponse(200, html);
}

/** BB2 checks its own required parameters, then oauthlib checks client, redirect URI and PKCE. */
function validateAuthorize(
  version: number,
  params: URLSearchParams,
  ctx: SandboxContext,
): AuthorizeRequest | SandboxResponse {
  const required = ['state', 'code_challenge', 'code_challenge_method', ...(version === 3 ? ['scope'] : [])];
  const missing = required.filter((name) => !lastValue(params, name));
  if (missing.length > 0) return statusMessage(400, `Missing Required Parameter(s): ${missing.join(', ')}`);
  const state = lastValue(params, 'state') ?? '';
  if (state.length < 16) return statusMessage(400, 'State parameter should have a minimum of 16 characters');
  const client = checkClient(params, ctx);
  if ('status' in client) return client;
  const responseType = lastValue(params, 'response_type');
  if (responseType !== 'code') {
    const error = responseType ? 'unsupported_response_type' : 'invalid_request';
    return redirectResponse(302, callbackUrl(client.redirectUri, { error, state }));
  }
  if (lastValue(params, 'code_challenge_method') !== 'S256') {
    return bb2OAuthError(400, 'invalid_request', 'code_challenge_method must be S256');
  }
  const scopeParam = lastValue(params, 'scope');
  const parsed = parseScopes(scopeParam);
  const scopes = parsed.length === 0 ? undefined : parsed;
  if (scopes !== undefined && unknownScopes(scopes).length > 0) {
    return statusMessage(400, 'Invalid scopes.');
  }
  return {
    clientId: client.app.clientId,
    redirectUri: client.redirectUri,
    state,
    requestedScopes: scopes,
    codeChallenge: lastValue(params, 'code_challenge') ?? '',
  };
}

/** The app and its registered redirect URI, or oauthlib's fatal error (no redirect possible). */
function checkClient(params: URLSearchParams, ctx: SandboxContext): CheckedClient | SandboxResponse {
  const clientId = lastValue(params, 'client_id');
  if (!clientId) return bb2OAuthError(400, 'invalid_request', 'Missing client_id parameter.');
  const app = findApp(ctx.settings, clientId);
  if (app === undefined) return bb2OAuthError(400, 'invalid_request', 'Invalid client_id parameter value.');
  const redirectUri = lastValue(params, 'redirect_uri');
  if (!redirectUri) return bb2OAuthError(400, 'invalid_request', 'Missing redirect URI.');
  if (!redirectUriAllowed(app.redirectUris, redirectUri)) {
    return bb2OAuthError(400, 'invalid_request', 'Mismatching redirect URI.');
  }
  return { app, redirectUri };
}

function mergeParams(query: URLSearchParams, form: URLSearchParams): URLSearchParams {
  const merged = new URLSearchParams(query);
  for (const key of new Set(form.keys())) merged.set(key, form.getAll(key).at(-1) ?? '');
  return merged;
}

export function callbackUrl(redirectUri: string, params: Readonly<Record<string, string>>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
