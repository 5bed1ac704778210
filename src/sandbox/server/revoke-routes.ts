/**
 * Token lifecycle endpoints (bb2-api 2.9): `/o/revoke/` (ends the grant), `/o/revoke_token/` (RFC 7009),
 * `/o/introspect/` and the sandbox-testing `/o/expire_authenticated_user/<patient_id>/`.
 */
import { authenticatedApp, type ClientRequest } from './client-auth.js';
import type { SandboxContext } from './context.js';
import { parseFormBody } from './form-body.js';
import { basicCredentials, lastValue } from './request-io.js';
import { jsonResponse, oauthError, type SandboxResponse, serverError, textResponse } from './responses.js';
import type { RouteRequest } from './router.js';
import { findApp } from './settings.js';

function clientRequest(req: RouteRequest): ClientRequest {
  return {
    headers: req.headers,
    query: req.query,
    form: parseFormBody(req.headers, req.body) ?? new URLSearchParams(),
  };
}

const EMPTY_OK: SandboxResponse = {
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: '',
};

/**
 * Deletes the beneficiary's grant for the app, which kills all its tokens. An unknown or already revoked
 * token is BB2's uncaught "Token not found": 500, not the docs' "always 200" (bb2-api 9, "Revoke").
 */
export function revokeEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const client = clientRequest(req);
  const app = authenticatedApp(client, ctx.settings);
  if (app === undefined) return oauthError(401, 'invalid_client');
  const token = lastValue(client.form, 'token');
  if (!token) return oauthError(400, 'invalid_request', 'Missing token parameter.');
  const record = ctx.registry.access(token) ?? ctx.registry.refresh(token);
  if (record === undefined || record.revoked || record.clientId !== app.clientId) return serverError();
  ctx.registry.revokeGrant(record.beneficiary, app.clientId);
  return EMPTY_OK;
}

/** RFC 7009: revokes one token; the grant stays. */
export function revokeTokenEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const client = clientRequest(req);
  const app = authenticatedApp(client, ctx.settings);
  if (app === undefined) return oauthError(401, 'invalid_client');
  const token = lastValue(client.form, 'token');
  if (!token) return oauthError(400, 'invalid_request', 'Missing token parameter.');
  const owner = (ctx.registry.access(token) ?? ctx.registry.refresh(token))?.clientId;
  // DOT revokes only the requesting app's tokens and answers 200 either way (RFC 7009).
  if (owner !== app.clientId) return EMPTY_OK;
  if (ctx.registry.access(token) !== undefined) ctx.registry.revokeAccess(token);
  else ctx.registry.revokeRefresh(token);
  return EMPTY_OK;
}

/** django-oauth-toolkit's introspection: client credentials required, `{active:false}` for dead tokens. */
export function introspectEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const client = clientRequest(req);
  if (authenticatedApp(client, ctx.settings) === undefined) return { status: 403, headers: {}, body: '' };
  const token = lastValue(req.method === 'GET' ? req.query : client.form, 'token') ?? '';
  const record = ctx.registry.access(token);
  if (record === undefined || ctx.registry.accessState(record) !== 'live') {
    return jsonResponse(200, { active: false });
  }
  return jsonResponse(200, {
    active: true,
    scope: record.scopes.join(' '),
    exp: Math.floor(record.expiresAt / 1000),
    client_id: record.clientId,
    username: ctx.dataset.beneficiaries[record.beneficiary]?.username ?? '',
  });
}

/** Sandbox testing aid: the grant of `<patient_id>` (this version's id) counts as expired from now on. */
export function expireAuthenticatedUserEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const basic = basicCredentials(req.headers);
  const app = basic ? findApp(ctx.settings, basic.clientId) : undefined;
  if (!basic || app === undefined || basic.clientSecret !== app.clientSecret) {
    return textResponse(403, 'FORBIDDEN');
  }
  const patientId = req.params.patient_id ?? '';
  const bene = ctx.dataset.beneficiaries.find((b) =>
    req.version === 3 ? b.patientId.v3 === patientId : b.patientId.v2 === patientId,
  );
  if (bene === undefined)
    return textResponse(404, 'Patient was Not Found. Please check the id number and try again.');
  if (!ctx.registry.expireGrant(bene.index, app.clientId))
    return textResponse(404, 'Data Access Grant was Not Found.');
  return textResponse(200, 'success');
}
