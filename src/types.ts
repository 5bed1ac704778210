/**
 * The single doorway into generated/: every other module reads the spec's types and runtime data from here,
 * so a regenerated spec changes one import site (test/architecture.test.ts enforces it).
 */
import type { components as V1Components, paths as V1Paths } from '../generated/v1.js';
import type { components as V2Components, paths as V2Paths } from '../generated/v2.js';
import type { components as V3Components, paths as V3Paths } from '../generated/v3.js';

export {
  API_VERSIONS,
  CLAIM_TYPE_TOKENS,
  CLAIM_TYPES,
  CODE_SYSTEMS,
  ENDPOINTS,
  type EndpointSpec,
  FHIR_NAMESPACE,
  type ParamSpec,
  PROFILES,
  type QueryStyle,
  SCOPES,
  SDK_NAME,
  SDK_VERSION,
} from '../generated/constants.js';

import type { CLAIM_TYPES, SCOPES } from '../generated/constants.js';

/** A Blue Button API version. */
export type ApiVersion = 1 | 2 | 3;
/** The namespace key of an API version on a client (`client.v2`). */
export type VersionKey<V extends ApiVersion = ApiVersion> = `v${V}`;

/** The generated `paths` of one API version. */
export type PathsFor<V extends ApiVersion> = { 1: V1Paths; 2: V2Paths; 3: V3Paths }[V];
/** Every version's paths in one map (their keys do not overlap): what the OAuth client is typed against. */
export type AllPaths = V1Paths & V2Paths & V3Paths;
/** The generated `components` of one API version. */
export type ComponentsFor<V extends ApiVersion> = { 1: V1Components; 2: V2Components; 3: V3Components }[V];

/** The FHIR resources BB2 serves to beneficiary apps. */
export type ResourceType = 'Patient' | 'Coverage' | 'ExplanationOfBenefit';

export type SearchPath<V extends ApiVersion, R extends ResourceType> = `/v${V}/fhir/${R}/`;
export type ReadPath<V extends ApiVersion, R extends ResourceType> = `/v${V}/fhir/${R}/{resource_id}`;
/** Any GET path of one version. */
export type GetPath<V extends ApiVersion> = {
  [P in keyof PathsFor<V>]: PathsFor<V>[P] extends { get: object } ? P : never;
}[keyof PathsFor<V>];

/** The operation object of `GET path`. */
export type GetOperation<V extends ApiVersion, P> = P extends keyof PathsFor<V>
  ? PathsFor<V>[P] extends { get: infer Op }
    ? Op
    : never
  : never;

type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? Exclude<Q, undefined> : never;
type OkBody<Op> = Op extends { responses: { 200: { content: infer C } } } ? C[keyof C] : never;

/** The 200 body of `GET path` for one version. */
export type ResponseBody<V extends ApiVersion, P> = OkBody<GetOperation<V, P>>;

/** Search parameters of a resource, exactly as the spec types them (misspellings do not compile). */
export type SearchParams<V extends ApiVersion, R extends ResourceType> = QueryOf<
  GetOperation<V, SearchPath<V, R>>
>;
/** The searchset Bundle a search returns (`fhir3.Bundle<...>` for v1, `fhir4.Bundle<...>` for v2 and v3). */
export type SearchBundle<V extends ApiVersion, R extends ResourceType> = ResponseBody<V, SearchPath<V, R>>;
/** The resource a read returns. */
export type ResourceOf<V extends ApiVersion, R extends ResourceType> = ResponseBody<V, ReadPath<V, R>>;
/** `/connect/userinfo`. */
export type UserInfo<V extends ApiVersion = ApiVersion> = ResponseBody<V, `/v${V}/connect/userinfo`>;
/** `/fhir/metadata`. */
export type CapabilityStatementOf<V extends ApiVersion> = ResponseBody<V, `/v${V}/fhir/metadata`>;
/** v3 `Patient/$generate-insurance-card`: a C4DIC collection Bundle. */
export type InsuranceCardBundle = ResponseBody<3, '/v3/fhir/Patient/$generate-insurance-card'>;
export type OpenIdConfiguration = V2Components['schemas']['OpenIdConfiguration'];
export type SmartConfiguration = V2Components['schemas']['SmartConfiguration'];

/** The token endpoint's JSON body, as BB2 sends it. */
export type TokenResponseBody = V2Components['schemas']['TokenResponse'];
/** BB2's error bodies. */
export type DetailErrorBody = V2Components['schemas']['DetailError'];
export type OAuthErrorBody = V2Components['schemas']['OAuthError'];
export type StatusMessageErrorBody = V2Components['schemas']['StatusMessageError'];
export type OperationOutcome = V3Components['schemas']['OperationOutcome'];

/** `carrier | dme | hha | hospice | inpatient | outpatient | pde | snf`. */
export type ClaimType = (typeof CLAIM_TYPES)[number];
/** A scope BB2 knows (strings outside this list are still accepted where BB2 adds new ones). */
export type Scope = (typeof SCOPES)[number];
/** A `ge|gt|le|lt`-prefixed date, as `service-date` and `_lastUpdated` take it. */
export type PrefixedDate = V2Components['schemas']['PrefixedDate'];
