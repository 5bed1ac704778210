/**
 * Token lifecycle endpoints (bb2-api 2.9): `/o/revoke/` (ends the grant), `/o/revoke_token/` (RFC 7009),
 * `/o/introspect/` and the sandbox-testing `/o/expire_authenticated_user/<patient_id>/`.
 */
import { authenticateClient, type ClientRequest } from './client-auth.js';
import type { SandboxContext } from './context.js';
import { basicCredentials, lastValue } from './request-io.js';
import { jsonResponse, oauthError, type SandboxResponse, textResponse } from './responses.js';
import type { RouteRequest } from './router.js';

function clientRequest(req: RouteRequest): ClientRequest {
  return { headers: req.headers, query: req.query, form: new URLSearchParams(req.body) };
}

const EMPTY_OK: SandboxResponse = {
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: '',
};

/** Deletes the beneficiary's grant for the app, which kills all its tokens. Unknown tokens still get 200. */
export function revokeEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const client = clientRequest(req);
  if (!authenticateClient(client, ctx.settings)) return oauthError(401, 'invalid_client');
  const token = lastValue(client.form, 'token');
  if (!token) return oauthError(400, 'invalid_request', 'Missing token parameter.');
  const record = ctx.registry.access(token) ?? ctx.registry.refresh(token);
  if (record !== undefined) ctx.registry.revokeGrant(record.beneficiary);
  return EMPTY_OK;
}

/** RFC 7009: revokes one token; the grant stays. */
export function revokeTokenEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const client = clientRequest(req);
  if (!authenticateClient(client, ctx.settings)) return oauthError(401, 'invalid_client');
  const token = lastValue(client.form, 'token');
  if (!token) return oauthError(400, 'invalid_request', 'Missing token parameter.');
  if (ctx.registry.access(token) !== undefined) ctx.registry.revokeAccess(token);
  else ctx.registry.revokeRefresh(token);
  return EMPTY_OK;
}

/** django-oauth-toolkit's introspection: client credentials required, `{active:false}` for dead tokens. */
export function introspectEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const client = clientRequest(req);
  if (!authenticateClient(client, ctx.settings)) return { status: 403, headers: {}, body: '' };
  const token = lastValue(req.method === 'GET' ? req.query : client.form, 'token') ?? '';
  const record = ctx.registry.access(token);
  if (record === undefined || ctx.registry.accessState(record) !== 'live') {
    return jsonResponse(200, { active: false });
  }
  return jsonResponse(200, {
    active: true,
    scope: record.scopes.join(' '),
    exp: Math.floor(record.expiresAt / 1000),
    client_id: ctx.settings.clientId,
    username: ctx.dataset.beneficiaries[record.beneficiary]?.username ?? '',
  });
}

/** Sandbox testing aid: the grant of `<patient_id>` (this version's id) counts as expired from now on. */
export function expireAuthenticatedUserEndpoint(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const basic = basicCredentials(req.headers);
  if (
    !basic ||
    basic.clientId !== ctx.settings.clientId ||
    basic.clientSecret !== ctx.settings.clientSecret
  ) {
    return textResponse(403, 'FORBIDDEN');
  }
  const patientId = req.params.patient_id ?? '';
  const bene = ctx.dataset.beneficiaries.find((b) =>
    req.version === 3 ? b.patientId.v3 === patientId : b.patientId.v2 === patientId,
  );
  if (bene === undefined)
    return textResponse(404, 'Patient was Not Found. Please check the id number and try again.');
  if (!ctx.registry.expireGrant(bene.index)) return textResponse(404, 'Data Access Grant was Not Found.');
  return textResponse(200, 'success');
}
