/**
 * `/v{n}/connect/userinfo` (bb2-api 3.6) and the public `/v{n}/fhir/metadata`.
 */
import type { SandboxContext } from './context.js';
import { fhirView } from './fhir-view.js';
import { jsonResponse, type SandboxResponse } from './responses.js';
import type { RouteRequest } from './router.js';

/** BB2's field set (the docs' `prefered_username`/`created` example does not match the server). */
export const userinfo = fhirView((_req, _ctx, { bene, patientId }) =>
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
