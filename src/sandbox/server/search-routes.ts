/**
 * Patient, Coverage and ExplanationOfBenefit searches. BB2 pins each search to the authorized patient
 * (`patient=`, `beneficiary=Patient/`, `_id=`) and refuses a different one (bb2-api 3.2).
 */
import { CODE_SYSTEMS } from '../../types.js';
import type { SyntheticBeneficiary } from '../data/dataset-types.js';
import type { SandboxContext } from './context.js';
import { fhirView } from './fhir-view.js';
import type { SearchResource } from './paging.js';
import { coveragesOf, eobOf, matchingClaims, patientOf, updatedWithin } from './resource-access.js';
import { DETAIL, detailError, type SandboxResponse } from './responses.js';
import type { RouteRequest } from './router.js';
import { type ResourceLike, type SearchSource, searchBundle } from './search-bundle.js';
import { parseSearch, type SearchRequest } from './search-params.js';

function searchOf(req: RouteRequest): SearchRequest | SandboxResponse {
  return parseSearch(
    req.version,
    `GET ${req.routeKey.slice(req.routeKey.indexOf(' ') + 1)}`,
    req.query,
    req.headers,
  );
}

function isSearch(value: SearchRequest | SandboxResponse): value is SearchRequest {
  return !('status' in value);
}

function respond(
  req: RouteRequest,
  ctx: SandboxContext,
  resource: SearchResource,
  search: SearchRequest,
  identity: readonly [string, string],
  source: SearchSource,
): SandboxResponse {
  return searchBundle({ version: req.version, resource, origin: req.origin, search, identity }, source, ctx);
}

function listSource(resources: readonly ResourceLike[]): SearchSource {
  return { total: resources.length, page: (start, end) => resources.slice(start, end) };
}

export const patientSearch = fhirView((req, ctx, principal) => {
  const search = searchOf(req);
  if (!isSearch(search)) return search;
  const id = search.identity.get('_id');
  if (id !== undefined && id !== principal.patientId) return detailError(404, DETAIL.notFound);
  const identifier = search.identity.get('identifier');
  const patient = patientOf(ctx.dataset, principal.bene, req.version);
  const matches =
    (identifier === undefined || identifierMatches(identifier, principal.bene)) &&
    updatedWithin(patient, search);
  const identity: [string, string] =
    identifier !== undefined && id === undefined ? ['identifier', identifier] : ['_id', principal.patientId];
  return respond(req, ctx, 'Patient', search, identity, listSource(matches ? [patient] : []));
});

/** Results stay limited to the authorized patient: another identifier finds nothing. */
function identifierMatches(identifier: string, bene: SyntheticBeneficiary): boolean {
  const bar = identifier.indexOf('|');
  const system = bar < 0 ? undefined : identifier.slice(0, bar);
  const value = bar < 0 ? identifier : identifier.slice(bar + 1);
  return (system === undefined || system === CODE_SYSTEMS.mbi) && value === bene.mbi;
}

export const coverageSearch = fhirView((req, ctx, principal) => {
  const search = searchOf(req);
  if (!isSearch(search)) return search;
  const beneficiary = search.identity.get('beneficiary');
  if (beneficiary !== undefined && !beneficiary.includes(principal.patientId)) {
    return detailError(403, DETAIL.forbidden);
  }
  const coverages = coveragesOf(ctx.dataset, principal.bene, req.version).filter((c) =>
    updatedWithin(c, search),
  );
  const identity: [string, string] = ['beneficiary', `Patient/${principal.patientId}`];
  return respond(req, ctx, 'Coverage', search, identity, listSource(coverages));
});

export const eobSearch = fhirView((req, ctx, principal) => {
  const search = searchOf(req);
  if (!isSearch(search)) return search;
  const patient = search.identity.get('patient');
  if (patient !== undefined && patient !== principal.patientId) return detailError(403, DETAIL.forbidden);
  const claims = matchingClaims(ctx, principal.bene, search);
  const source: SearchSource = {
    total: claims.total,
    page: (start, end) => {
      const page: ResourceLike[] = [];
      for (let p = start; p < end; p++) {
        const claim = ctx.dataset.claimHeader(principal.bene, claims.at(p));
        page.push(eobOf(ctx.dataset, principal.bene, req.version, claim));
      }
      return page;
    },
  };
  return respond(req, ctx, 'ExplanationOfBenefit', search, ['patient', principal.patientId], source);
});
