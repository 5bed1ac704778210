/**
 * R4 ExplanationOfBenefit for v2 (CARIN BB, unversioned profiles, BB2 `resources/` code systems) and
 * v3 (versioned profiles, `meta.source`, the `fhir/CodeSystem/` code systems, numeric ids).
 */
import type * as fhir4 from 'fhir/r4.js';
import { CODE_SYSTEMS } from '../../types.js';
import {
  bb2AdjudicationCoding,
  type Category,
  DRUG_COST,
  ELIGIBLE,
  PAID_BY_PATIENT,
  PAID_TO_PROVIDER,
  PRIOR_PAYER_PAID,
  SUBMITTED,
  V3_ADJUDICATION_SYSTEM,
} from './adjudication.js';
import type { ClaimDetail } from './claim-detail.js';
import { claimNumber } from './claim-ids.js';
import { CLAIM_TYPE_INFO } from './claim-types.js';
import { coveragePartLabel, coverageReference } from './coverage-ids.js';
import type { ClaimHeader, SyntheticBeneficiary } from './dataset-types.js';
import { careTeam, containedResources, diagnoses, items, subTypeOf, supportingInfo } from './eob-r4-parts.js';
import { factExtensionsV2, pharmacyFacilityV2, proceduresR4 } from './facts-r4.js';
import { C4BB_VERSION, coding, concept, SYSTEMS, usd, variableExtension, versioned } from './fhir-codings.js';
import { dollars } from './line-amounts.js';

type R4Version = 2 | 3;

function uniqueClaimId() {
  return concept(CODE_SYSTEMS.c4bbIdentifierType, 'uc', 'Unique Claim ID');
}

function identifiers(version: R4Version, header: ClaimHeader, detail: ClaimDetail): fhir4.Identifier[] {
  if (version === 3) {
    return [
      { type: uniqueClaimId(), value: header.idV3 },
      { system: SYSTEMS.v3ClaimControlNumber, value: detail.controlNumber },
    ];
  }
  const pde = detail.pharmacy !== undefined;
  const ids: fhir4.Identifier[] = [
    {
      type: uniqueClaimId(),
      system: pde ? CODE_SYSTEMS.pdeId : CODE_SYSTEMS.claimId,
      value: `-${claimNumber(header.id)}`,
    },
    { type: uniqueClaimId(), system: CODE_SYSTEMS.claimGroup, value: detail.claimGroup },
  ];
  if (detail.pharmacy) {
    ids.push({
      type: uniqueClaimId(),
      system: `${CODE_SYSTEMS.variables}rx_srvc_rfrnc_num`,
      value: detail.pharmacy.prescriptionNumber,
    });
  }
  return ids;
}

function claimType(version: R4Version, detail: ClaimDetail): fhir4.CodeableConcept {
  const info = CLAIM_TYPE_INFO[detail.type];
  const category = version === 3 ? info.categoryV3 : info.categoryV2;
  const hl7 = coding(
    CODE_SYSTEMS.claimTypeR4,
    category,
    category.charAt(0).toUpperCase() + category.slice(1),
  );
  if (version === 3) {
    return {
      coding: [
        coding(CODE_SYSTEMS.v3ClaimTypeCode, info.v3ClaimType.code, info.v3ClaimType.display),
        coding(CODE_SYSTEMS.v3EobType, info.eobType),
        hl7,
      ],
    };
  }
  const nch = info.nchClaimType;
  return {
    coding: [
      ...(nch ? [coding(CODE_SYSTEMS.nchClaimType, nch.code, nch.display)] : []),
      coding(CODE_SYSTEMS.eobType, info.eobType),
      hl7,
    ],
  };
}

function provider(detail: ClaimDetail): fhir4.Reference {
  return CLAIM_TYPE_INFO[detail.type].lineKind === 'institutional'
    ? { reference: '#provider-org' }
    : { identifier: { system: CODE_SYSTEMS.npi, value: detail.providerNpi } };
}

function total(
  version: R4Version,
  category: Category,
  variable: string,
  v3Code: string,
  display: string,
  cents: number,
) {
  return {
    category: {
      coding: [
        coding(category.system, category.code, category.display),
        version === 3
          ? coding(V3_ADJUDICATION_SYSTEM, v3Code, display)
          : bb2AdjudicationCoding(variable, display),
      ],
    },
    amount: usd(dollars(cents)),
  } satisfies fhir4.ExplanationOfBenefitTotal;
}

/**
 * Claim totals as BFD sends them. v2: one total, the claim charge (`clm_tot_chrg_amt`), which BFD files
 * under `priorpayerpaid` on carrier and DME claims and under `submitted` on institutional ones; a Part D
 * event's total is its drug cost. v3: allowed, submitted, paid by patient and paid to provider.
 */
function totals(version: R4Version, detail: ClaimDetail): fhir4.ExplanationOfBenefitTotal[] {
  const kind = CLAIM_TYPE_INFO[detail.type].lineKind;
  if (version === 2) {
    if (kind === 'pharmacy') {
      return [
        {
          category: { coding: [coding(DRUG_COST.system, DRUG_COST.code, DRUG_COST.display)] },
          amount: usd(dollars(detail.submittedCents)),
        },
      ];
    }
    const category = kind === 'professional' ? PRIOR_PAYER_PAID : SUBMITTED;
    return [total(2, category, 'clm_tot_chrg_amt', '', 'Claim Total Charge Amount', detail.submittedCents)];
  }
  if (kind === 'pharmacy') {
    return [
      total(3, DRUG_COST, '', 'CLM_TOT_RX_CST_AMT', 'Total drug cost (Part D)', detail.submittedCents),
      total(
        3,
        PAID_BY_PATIENT,
        '',
        'CLM_BENE_PMT_AMT',
        'Beneficiary Payment Amount',
        detail.patientPaidCents,
      ),
    ];
  }
  return [
    total(
      3,
      ELIGIBLE,
      '',
      'CLM_ALOWD_CHRG_AMT',
      'Claim Allowed Charge Amount',
      detail.paymentCents + detail.patientPaidCents,
    ),
    total(3, SUBMITTED, '', 'CLM_SBMT_CHRG_AMT', 'Claim Total Charge Amount', detail.submittedCents),
    total(3, PAID_BY_PATIENT, '', 'CLM_BENE_PMT_AMT', 'Beneficiary Payment Amount', detail.patientPaidCents),
    total(3, PAID_TO_PROVIDER, '', 'CLM_PRVDR_PMT_AMT', 'Claim Provider Payment Amount', detail.paymentCents),
  ];
}

function extensions(detail: ClaimDetail): fhir4.Extension[] {
  const nearLine = CLAIM_TYPE_INFO[detail.type].nearLineRecord;
  return [
    ...(nearLine ? [variableExtension('nch_near_line_rec_ident_cd', nearLine.code, nearLine.display)] : []),
    ...factExtensionsV2(detail),
  ];
}

/** The v2 (`version` 2) or v3 (`version` 3) EOB of one claim. */
export function buildEobR4(
  bene: SyntheticBeneficiary,
  version: R4Version,
  header: ClaimHeader,
  detail: ClaimDetail,
): fhir4.ExplanationOfBenefit {
  const info = CLAIM_TYPE_INFO[header.type];
  const patientId = version === 3 ? bene.patientId.v3 : bene.patientId.v2;
  const profile = version === 3 ? info.profileV3 : info.profileV2;
  const subType = subTypeOf(version, detail, profile);
  const facilityType = info.facilityType;
  const part = info.coveragePart;
  const meta: fhir4.Meta =
    version === 3
      ? {
          lastUpdated: header.lastUpdated,
          source: info.v3Source,
          profile: [versioned(profile, C4BB_VERSION)],
          tag: [coding(SYSTEMS.v3AdjudicationStatus, 'Adjudicated')],
        }
      : { lastUpdated: header.lastUpdated, profile: [profile] };
  const extension = version === 2 ? extensions(detail) : [];
  const diagnosis = diagnoses(version, detail);
  const contained = containedResources(version, detail);
  const procedure = proceduresR4(version, detail);
  return {
    resourceType: 'ExplanationOfBenefit',
    id: version === 3 ? header.idV3 : header.id,
    meta,
    ...(contained.length > 0 ? { contained } : {}),
    ...(extension.length > 0 ? { extension } : {}),
    identifier: identifiers(version, header, detail),
    status: 'active',
    type: claimType(version, detail),
    ...(subType ? { subType } : {}),
    use: 'claim',
    patient: { reference: `Patient/${patientId}` },
    billablePeriod: { start: header.start, end: header.end },
    created: detail.created,
    insurer: version === 3 ? { reference: '#insurer-org' } : { identifier: { value: 'CMS' } },
    provider: provider(detail),
    ...(facilityType && version === 2
      ? {
          facility: {
            extension: [variableExtension('clm_fac_type_cd', facilityType.code, facilityType.display)],
          },
        }
      : {}),
    ...pharmacyFacilityV2(version, detail),
    outcome: 'complete',
    careTeam: careTeam(version, detail),
    supportingInfo: supportingInfo(version, detail),
    ...(procedure.length > 0 ? { procedure } : {}),
    ...(diagnosis.length > 0 ? { diagnosis } : {}),
    insurance: [
      {
        focal: true,
        coverage: {
          reference: coverageReference(part, patientId),
          ...(version === 3 ? { display: coveragePartLabel(part) } : {}),
        },
      },
    ],
    item: items(version, detail),
    total: totals(version, detail),
    payment: {
      // Real v3 EOBs carry no payment date.
      ...(detail.pharmacy && version === 2 ? { date: detail.pharmacy.paymentDate } : {}),
      amount: usd(dollars(detail.paymentCents)),
    },
  };
}
