/**
 * OIDC and SMART discovery documents as BB2's code builds them (bb2-api 2.2): v1 and v2 both advertise v2
 * URLs, v3 its own; URLs have their trailing slash stripped.
 */
import type { SandboxContext } from './context.js';
import { jsonResponse, type SandboxResponse } from './responses.js';
import type { RouteRequest } from './router.js';

const SCOPES_SUPPORTED = [
  'openid',
  'profile',
  'launch/patient',
  'patient/Patient.read',
  'patient/ExplanationOfBenefit.read',
  'patient/Coverage.read',
  'patient/Patient.rs',
  'patient/ExplanationOfBenefit.rs',
  'patient/Coverage.rs',
];

const CAPABILITIES = [
  'client-confidential-symmetric',
  'context-standalone-patient',
  'launch-standalone',
  'permission-offline',
  'permission-patient',
  'permission-v1',
  'permission-v2',
  'authorize-post',
];

function oauthUrls(origin: string, version: number) {
  const v = version === 3 ? 'v3' : 'v2';
  return {
    authorization_endpoint: `${origin}/${v}/o/authorize`,
    revocation_endpoint: `${origin}/${v}/o/revoke_token`,
    token_endpoint: `${origin}/${v}/o/token`,
  };
}

export function openIdConfiguration(origin: string, version: number): Record<string, unknown> {
  const v = version === 3 ? 'v3' : 'v2';
  return {
    issuer: origin,
    ...oauthUrls(origin, version),
    userinfo_endpoint: `${origin}/${v}/connect/userinfo`,
    ui_locales_supported: ['en-US'],
    service_documentation: 'https://cmsgov.github.io/bluebutton-developer-help/',
    op_tos_uri: 'https://bluebutton.cms.gov/terms',
    grant_types_supported: ['refresh_token', 'authorization_code'],
    response_types_supported: ['code', 'token'],
    fhir_metadata_uri: `${origin}/${v}/fhir/metadata`,
  };
}

export function smartConfiguration(origin: string, version: number): Record<string, unknown> {
  const v3 = version === 3;
  return {
    ...oauthUrls(origin, version),
    grant_types_supported: v3 ? ['authorization_code', 'client_credentials'] : ['authorization_code'],
    response_types_supported: ['code', 'token'],
    scopes_supported: SCOPES_SUPPORTED,
    code_challenge_methods_supported: ['S256'],
    capabilities: v3 ? [...CAPABILITIES, 'client-confidential-asymmetric'] : CAPABILITIES,
    ...(v3
      ? {
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
          token_endpoint_auth_signing_alg_values_supported: ['ES384', 'RS256', 'RS384', 'RS512'],
        }
      : {}),
  };
}

export function openIdConfigurationEndpoint(req: RouteRequest, _ctx: SandboxContext): SandboxResponse {
  return jsonResponse(200, openIdConfiguration(req.origin, req.version));
}

export function smartConfigurationEndpoint(req: RouteRequest, _ctx: SandboxContext): SandboxResponse {
  return jsonResponse(200, smartConfiguration(req.origin, req.version));
}
