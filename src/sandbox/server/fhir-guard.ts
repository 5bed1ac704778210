/**
 * What BB2's DRF views check before serving FHIR or userinfo, in DRF's order: authentication (401),
 * permissions (grant, token version, scopes from `ENDPOINTS[..].scopes`: 401/403), then the throttle (429).
 */
import type { SyntheticBeneficiary } from '../data/dataset-types.js';
import type { SandboxContext } from './context.js';
import { scopeGroups } from './endpoint-specs.js';
import { throttled } from './faults.js';
import { bearerToken } from './request-io.js';
import { DETAIL, detailError, type SandboxResponse } from './responses.js';
import type { RouteRequest } from './router.js';
import { meetsScopeGroups } from './scopes.js';
import { type AccessTokenRecord, familyOf } from './token-registry.js';

export interface FhirPrincipal {
  readonly token: AccessTokenRecord;
  readonly bene: SyntheticBeneficiary;
  /** The beneficiary's patient id in the request's API version. */
  readonly patientId: string;
  /** `X-RateLimit-*`, stamped on whatever the view answers. */
  readonly rateHeaders: Readonly<Record<string, string>>;
}

const REALM = 'Bearer realm="api"';

/** `scopeKey`: the route whose scopes apply (GET form of the request's route). */
export function guardFhir(
  req: RouteRequest,
  ctx: SandboxContext,
  scopeKey: string,
): FhirPrincipal | SandboxResponse {
  if (req.query.has('access_token')) return detailError(400, DETAIL.tokenInQuery);
  const value = bearerToken(req.headers);
  if (value === undefined) return detailError(401, DETAIL.notAuthenticated, { 'www-authenticate': REALM });
  const token = ctx.registry.access(value);
  const state = token === undefined ? 'revoked' : ctx.registry.accessState(token);
  const bene = token === undefined ? undefined : ctx.dataset.beneficiaries[token.beneficiary];
  if (token === undefined || bene === undefined || state !== 'live') {
    const why = state === 'expired' ? 'The access token has expired.' : 'The access token is invalid.';
    return detailError(401, DETAIL.notAuthenticated, {
      'www-authenticate': `${REALM},error="invalid_token",error_description="${why}"`,
    });
  }
  const refused = checkPermissions(req, ctx, token, scopeKey);
  if (refused !== undefined) return refused;
  const rate = ctx.rateLimiter.hit(token.value);
  if (!rate.allowed) return throttled(rate.retryAfter, ctx.settings.rateLimit.limit);
  const paced = ctx.throttle?.take(token.value);
  if (paced !== undefined && !paced.allowed)
    return throttled(paced.retryAfter, ctx.settings.throttle?.burst ?? 1);
  const patientId = req.version === 3 ? bene.patientId.v3 : bene.patientId.v2;
  return { token, bene, patientId, rateHeaders: paced?.headers ?? rate.headers };
}

function checkPermissions(
  req: RouteRequest,
  ctx: SandboxContext,
  token: AccessTokenRecord,
  scopeKey: string,
): SandboxResponse | undefined {
  const grant = ctx.registry.grantState(token.clientId, token.beneficiary);
  if (grant === 'expired') return detailError(401, DETAIL.grantExpired, { 'www-authenticate': REALM });
  if (grant === 'missing') return detailError(403, DETAIL.forbidden);
  // v1/v2 tokens carry the v2 patient id and v3 tokens the v3 one: neither works on the other's API.
  if (token.family !== familyOf(req.version)) return detailError(403, DETAIL.forbidden);
  if (!meetsScopeGroups(token.scopes, scopeGroups(req.version, scopeKey)))
    return detailError(403, DETAIL.forbidden);
  return undefined;
}

/** Handlers get the principal, or the refusal to send as is. */
export function isRefusal(value: FhirPrincipal | SandboxResponse): value is SandboxResponse {
  return 'status' in value;
}
