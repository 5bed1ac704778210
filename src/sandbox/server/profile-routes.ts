/**
 * `/v{n}/connect/userinfo` (bb2-api 3.6) and the public `/v{n}/fhir/metadata`.
 */
import type { SandboxContext } from './context.js';
import { fhirView } from './fhir-view.js';
import { headerValue } from './request-io.js';
import { jsonResponse, type SandboxResponse } from './responses.js';
import type { RouteRequest } from './router.js';

/**
 * Userinfo renders JSON only: DRF refuses `Accept: application/fhir+json` with 406 before the token is
 * even checked (bb2-api 9, "Userinfo"); `application/json` and any-type ranges work.
 */
export function userinfo(req: RouteRequest, ctx: SandboxContext): SandboxResponse | Promise<SandboxResponse> {
  if (!acceptsJson(headerValue(req.headers, 'accept'))) {
    return jsonResponse(406, { detail: 'Could not satisfy the request Accept header.' });
  }
  return userinfoView(req, ctx);
}

/** DRF's negotiation with a JSON-only renderer: an absent header or a matching media range passes. */
function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) return false;
    return range === 'application/json' || range === 'application/*' || range === '*/*';
  });
}

/** BB2's field set (the docs' `prefered_username`/`created` example does not match the server). */
const userinfoView = fhirView((_req, _ctx, { bene, patientId }) =>
  jsonResponse(200, {
    sub: patientId,
    name: `${bene.givenName} ${bene.familyName}`,
    given_name: bene.givenName,
    family_name: bene.familyName,
    email: bene.email,
    iat: bene.createdAt,
    patient: patientId,
  }),
);

/** Public; BB2 serves the CapabilityStatement as `application/json`. */
export function metadata(req: RouteRequest, ctx: SandboxContext): SandboxResponse {
  const statement =
    req.version === 1
      ? ctx.dataset.capabilityStatement(1, req.origin)
      : ctx.dataset.capabilityStatement(req.version, req.origin);
  return jsonResponse(200, statement);
}
