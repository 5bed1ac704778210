/**
 * The route table of all three API versions. Route keys are `METHOD specPath` with the spec paths of
 * `ENDPOINTS`, so fault scripts and recorded requests speak the spec's language.
 */
import type { SandboxApiVersion } from '../sandbox-types.js';
import { authorizeStart, consentSubmit, consentView } from './authorize-routes.js';
import { openIdConfigurationEndpoint, smartConfigurationEndpoint } from './discovery-routes.js';
import { metadata, userinfo } from './profile-routes.js';
import { coverageRead, eobRead, insuranceCard, patientRead, unsupportedResource } from './read-routes.js';
import {
  expireAuthenticatedUserEndpoint,
  introspectEndpoint,
  revokeEndpoint,
  revokeTokenEndpoint,
} from './revoke-routes.js';
import type { RouteDefinition, RouteHandler } from './router.js';
import { coverageSearch, eobSearch, patientSearch } from './search-routes.js';
import { tokenEndpoint } from './token-routes.js';

const VERSIONS: readonly SandboxApiVersion[] = [1, 2, 3];
const ROOT_OPENID: Readonly<Record<SandboxApiVersion, string>> = {
  1: '/.well-known/openid-configuration',
  2: '/.well-known/openid-configuration-v2',
  3: '/.well-known/openid-configuration-v3',
};

function route(
  version: SandboxApiVersion,
  specPath: string,
  methods: readonly string[],
  slash: RouteDefinition['slash'],
  handler: RouteHandler,
  anyMethod = false,
): RouteDefinition {
  return { version, specPath, methods, slash, handler, anyMethod };
}

function oauthRoutes(v: SandboxApiVersion): RouteDefinition[] {
  const o = `/v${v}/o`;
  return [
    route(v, `${o}/authorize/`, ['GET', 'POST'], 'required', authorizeStart),
    route(v, `${o}/authorize/{uuid}/`, ['GET'], 'required', consentView),
    route(v, `${o}/authorize/{uuid}/`, ['POST'], 'required', consentSubmit),
    route(v, `${o}/token/`, ['POST'], 'required-401', tokenEndpoint),
    route(v, `${o}/revoke/`, ['POST'], 'required-401', revokeEndpoint),
    route(v, `${o}/revoke_token/`, ['POST'], 'required-401', revokeTokenEndpoint),
    route(v, `${o}/introspect/`, ['GET', 'POST'], 'required-401', introspectEndpoint),
    route(
      v,
      `${o}/expire_authenticated_user/{patient_id}/`,
      ['POST'],
      'required-401',
      expireAuthenticatedUserEndpoint,
    ),
  ];
}

function discoveryRoutes(v: SandboxApiVersion): RouteDefinition[] {
  return [
    route(
      v,
      `/v${v}/connect/.well-known/openid-configuration`,
      ['GET'],
      'exact',
      openIdConfigurationEndpoint,
    ),
    route(v, ROOT_OPENID[v], ['GET'], 'exact', openIdConfigurationEndpoint),
    route(v, `/v${v}/fhir/.well-known/smart-configuration`, ['GET'], 'exact', smartConfigurationEndpoint),
    route(v, `/v${v}/connect/userinfo`, ['GET'], 'optional', userinfo, true),
    route(v, `/v${v}/fhir/metadata`, ['GET'], 'exact', metadata),
  ];
}

function fhirRoutes(v: SandboxApiVersion): RouteDefinition[] {
  const f = `/v${v}/fhir`;
  return [
    ...(v === 3
      ? [route(v, `${f}/Patient/$generate-insurance-card`, ['GET'], 'optional', insuranceCard, true)]
      : []),
    route(v, `${f}/Patient/`, ['GET'], 'optional', patientSearch, true),
    route(v, `${f}/Patient/{resource_id}`, ['GET'], 'optional', patientRead, true),
    route(v, `${f}/Coverage/`, ['GET'], 'optional', coverageSearch, true),
    route(v, `${f}/Coverage/{resource_id}`, ['GET'], 'optional', coverageRead, true),
    route(v, `${f}/ExplanationOfBenefit/`, ['GET'], 'optional', eobSearch, true),
    route(v, `${f}/ExplanationOfBenefit/{resource_id}`, ['GET'], 'optional', eobRead, true),
    route(v, `${f}/{resource_type}/`, ['GET'], 'optional', unsupportedResource, true),
    route(v, `${f}/{resource_type}/{resource_id}`, ['GET'], 'optional', unsupportedResource, true),
  ];
}

export function sandboxRoutes(): RouteDefinition[] {
  return VERSIONS.flatMap((v) => [...oauthRoutes(v), ...discoveryRoutes(v), ...fhirRoutes(v)]);
}
