/**
 * One API version's namespace on a client: `client.v2.ExplanationOfBenefit.search()`, `client.v3.Patient
 * .generateInsuranceCard()`, `client.v1.userinfo()`. v3-only operations exist only on the v3 type.
 */
import { searchOfNextLink } from '../pagination/next-link.js';
import { type PageOptions, pagesAfter } from '../pagination/paginate.js';
import type {
  ApiVersion,
  CapabilityStatementOf,
  InsuranceCardBundle,
  ResourceType,
  SearchBundle,
  UserInfo,
} from '../types.js';
import {
  buildUrl,
  type ClientContext,
  getJson,
  getPublicJson,
  PLAIN_JSON,
  type RequestOptions,
} from './request.js';
import { createResourceClient, type ResourceClient } from './resource-client.js';

export interface PatientClientV3 extends ResourceClient<3, 'Patient'> {
  /** CARIN Digital Insurance Card: a `collection` Bundle of C4DIC Patient, Organization and Coverage. */
  generateInsuranceCard(options?: RequestOptions): Promise<InsuranceCardBundle>;
}

export interface VersionClient<V extends ApiVersion> {
  readonly version: V;
  readonly ExplanationOfBenefit: ResourceClient<V, 'ExplanationOfBenefit'>;
  readonly Patient: V extends 3 ? PatientClientV3 : ResourceClient<V, 'Patient'>;
  readonly Coverage: ResourceClient<V, 'Coverage'>;
  /** OIDC userinfo (needs the `profile` scope). */
  userinfo(options?: RequestOptions): Promise<UserInfo<V>>;
  /** The CapabilityStatement (public: sent without the token). */
  metadata(options?: RequestOptions): Promise<CapabilityStatementOf<V>>;
  /** The pages after a search page you already have (not that page itself), following its `next` links. */
  pages<B extends SearchBundle<V, ResourceType>>(bundle: B, options?: PageOptions): AsyncIterableIterator<B>;
}

/** `client.fhir`: the configured version's namespace (a union when the version is only known at run time). */
export type VersionClientFor<V extends ApiVersion> = V extends ApiVersion ? VersionClient<V> : never;

export function createVersionClient<V extends ApiVersion>(ctx: ClientContext, version: V): VersionClient<V> {
  const patient = createResourceClient(ctx, version, 'Patient');
  const cardPath = '/v3/fhir/Patient/$generate-insurance-card';
  const Patient =
    version === 3
      ? {
          ...patient,
          async generateInsuranceCard(options?: RequestOptions) {
            const url = buildUrl(ctx, 3, cardPath);
            return (await getJson(ctx, 3, url, 'Bundle', options)).data as InsuranceCardBundle;
          },
        }
      : patient;
  return {
    version,
    ExplanationOfBenefit: createResourceClient(ctx, version, 'ExplanationOfBenefit'),
    Patient: Patient as VersionClient<V>['Patient'],
    Coverage: createResourceClient(ctx, version, 'Coverage'),
    async userinfo(options) {
      const url = buildUrl(ctx, version, `/v${version}/connect/userinfo`);
      return (await getJson(ctx, version, url, undefined, options, PLAIN_JSON)).data as UserInfo<V>;
    },
    async metadata(options) {
      const url = buildUrl(ctx, version, `/v${version}/fhir/metadata`);
      return (await getPublicJson(ctx, url, 'CapabilityStatement', options)).data as CapabilityStatementOf<V>;
    },
    pages<B extends SearchBundle<V, ResourceType>>(bundle: B, options?: PageOptions) {
      const target = searchOfNextLink(bundle, ctx.baseUrl, version);
      if (!target) return (async function* () {})() as AsyncGenerator<B, void, undefined>;
      return pagesAfter(ctx, target, bundle, options) as AsyncGenerator<B, void, undefined>;
    },
  };
}
