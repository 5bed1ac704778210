/**
 * The frame of every authenticated FHIR/userinfo view: guard, method check (DRF answers 405 only after
 * authenticating), rate-limit headers and content negotiation.
 */
import type { SandboxContext } from './context.js';
import { type FhirPrincipal, guardFhir, isRefusal } from './fhir-guard.js';
import { headerValue } from './request-io.js';
import { detailError, FHIR_JSON, JSON_TYPE, type SandboxResponse, withHeaders } from './responses.js';
import type { RouteHandler, RouteRequest } from './router.js';

export type FhirViewHandler = (
  req: RouteRequest,
  ctx: SandboxContext,
  principal: FhirPrincipal,
) => SandboxResponse;

export function fhirView(view: FhirViewHandler): RouteHandler {
  return (req, ctx) => {
    const principal = guardFhir(req, ctx, scopeKeyOf(req.routeKey));
    if (isRefusal(principal)) return negotiate(principal, req);
    const response =
      req.method === 'GET' || req.method === 'HEAD'
        ? view(req, ctx, principal)
        : detailError(405, `Method "${req.method}" not allowed.`, { allow: 'GET, HEAD, OPTIONS' });
    return negotiate(withHeaders(response, principal.rateHeaders), req);
  };
}

/** Scopes are declared on the GET operation of a route. */
function scopeKeyOf(routeKey: string): string {
  return `GET ${routeKey.slice(routeKey.indexOf(' ') + 1)}`;
}

/** DRF's renderer choice: `application/fhir+json` unless the client asks for plain `application/json`. */
function negotiate(response: SandboxResponse, req: RouteRequest): SandboxResponse {
  const accept = (headerValue(req.headers, 'accept') ?? '').toLowerCase();
  const wantsPlainJson = accept.includes(JSON_TYPE) && !accept.includes(FHIR_JSON) && !accept.includes('*/*');
  if (!wantsPlainJson || response.headers['content-type'] !== FHIR_JSON) return response;
  return withHeaders(response, { 'content-type': JSON_TYPE });
}
