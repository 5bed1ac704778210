/**
 * Reads of one resource and v3's insurance card. Another beneficiary's resource is BB2's 404
 * `{detail}`; a malformed id is the backend's 400 ("Unsupported ID pattern"); an id that exists nowhere
 * is a 404 (v3 passes BFD's OperationOutcome through).
 */
import type { SyntheticBeneficiary } from '../data/dataset-types.js';
import type { SandboxContext } from './context.js';
import { fhirView } from './fhir-view.js';
import { coveragesOf, eobOf, patientOf } from './resource-access.js';
import {
  DETAIL,
  detailError,
  fhirResponse,
  operationOutcome,
  type SandboxResponse,
  upstreamBadRequest,
} from './responses.js';

const EOB_ID_V2 = /^(carrier|dme|hha|hospice|inpatient|outpatient|pde|snf)-(-?\d+)$/;
const EOB_ID_V3 = /^-?\d+$/;
const COVERAGE_ID = /^(part-a|part-b|part-c|part-d|dual)-(-?\d+)$/;

function unsupportedId(version: number, id: string): SandboxResponse {
  return upstreamBadRequest(
    version,
    `Failed to call access method: java.lang.IllegalArgumentException: Unsupported ID pattern: ${id}`,
  );
}

function notFound(version: number, resource: string, id: string, elsewhere: boolean): SandboxResponse {
  if (version !== 3 || elsewhere) return detailError(404, DETAIL.notFound);
  return operationOutcome(404, `HAPI-2001: Resource ${resource}/${id} is not known`, 'not-found');
}

export const patientRead = fhirView((req, ctx, principal) => {
  if (req.params.resource_id !== principal.patientId) return detailError(404, DETAIL.notFound);
  return fhirResponse(200, patientOf(ctx.dataset, principal.bene, req.version));
});

export const coverageRead = fhirView((req, ctx, principal) => {
  const id = req.params.resource_id ?? '';
  const match = COVERAGE_ID.exec(id);
  if (match === null || (match[1] === 'dual' && req.version !== 3)) return unsupportedId(req.version, id);
  const coverage = coveragesOf(ctx.dataset, principal.bene, req.version).find((c) => c.id === id);
  if (coverage !== undefined) return fhirResponse(200, coverage);
  const owner = ctx.findBeneficiary(match[2] ?? '');
  return notFound(req.version, 'Coverage', id, owner !== undefined && owner !== principal.bene);
});

export const eobRead = fhirView((req, ctx, principal) => {
  const id = req.params.resource_id ?? '';
  if (!(req.version === 3 ? EOB_ID_V3 : EOB_ID_V2).test(id)) return unsupportedId(req.version, id);
  const claim = ctx.dataset.findClaim(principal.bene, id);
  if (claim !== undefined) return fhirResponse(200, eobOf(ctx.dataset, principal.bene, req.version, claim));
  return notFound(req.version, 'ExplanationOfBenefit', id, ownedByAnother(ctx, principal.bene, id));
});

function ownedByAnother(ctx: SandboxContext, bene: SyntheticBeneficiary, id: string): boolean {
  return ctx.dataset.beneficiaries.some(
    (other) => other !== bene && ctx.dataset.findClaim(other, id) !== undefined,
  );
}

/** v3 `Patient/$generate-insurance-card`: a C4DIC `collection` Bundle. */
export const insuranceCard = fhirView((_req, ctx, principal) =>
  fhirResponse(200, ctx.dataset.insuranceCard(principal.bene)),
);

/** BB2's `ResourcePermission`: only Patient, Coverage and ExplanationOfBenefit are served. */
export const unsupportedResource = fhirView((req) =>
  detailError(404, `The requested resource type, ${req.params.resource_type ?? ''}, is not supported`),
);
