/**
 * STU3 ExplanationOfBenefit as BB2 v1 serves it: no `meta.profile`, BB2's own code systems only
 * (no HL7/CARIN categories), money as `urn:iso:std:iso:4217` quantities, a single `insurance`.
 */
import type * as fhir3 from 'fhir/r3.js';
import { CODE_SYSTEMS } from '../../types.js';
import { bb2AdjudicationCoding } from './adjudication.js';
import type { CareTeamMember, ClaimDetail, ClaimLine } from './claim-detail.js';
import { claimNumber } from './claim-ids.js';
import { CLAIM_TYPE_INFO } from './claim-types.js';
import { coverageReference } from './coverage-ids.js';
import type { ClaimHeader, SyntheticBeneficiary } from './dataset-types.js';
import {
  drgPackageCode,
  facilityV1,
  factExtensionsV1,
  factInformationV1,
  modifiersBfd,
  stayV1,
} from './facts-v1.js';
import { coding, SYSTEMS, variableCoding } from './fhir-codings.js';
import { dollars } from './line-amounts.js';
import { locationOf, servicedOf } from './line-service.js';

function money(cents: number): fhir3.Money {
  return { value: dollars(cents), system: SYSTEMS.currencyStu3, code: 'USD' };
}

const STU3_ROLE: Readonly<Record<CareTeamMember['role'], readonly [string, string]>> = {
  performing: ['primary', 'Primary provider'],
  attending: ['primary', 'Primary provider'],
  prescribing: ['primary', 'Primary provider'],
  operating: ['assist', 'Assisting Provider'],
  referring: ['other', 'Other'],
};

function claimType(detail: ClaimDetail): fhir3.CodeableConcept {
  const info = CLAIM_TYPE_INFO[detail.type];
  const category = info.categoryV1;
  const codings: fhir3.Coding[] = [];
  if (info.nchClaimType)
    codings.push(coding(CODE_SYSTEMS.nchClaimType, info.nchClaimType.code, info.nchClaimType.display));
  codings.push(coding(CODE_SYSTEMS.eobType, info.eobType));
  codings.push(
    coding(CODE_SYSTEMS.claimTypeStu3, category, category.charAt(0).toUpperCase() + category.slice(1)),
  );
  if (info.nearLineRecord) {
    codings.push(
      variableCoding('nch_near_line_rec_ident_cd', info.nearLineRecord.code, info.nearLineRecord.display),
    );
  }
  return { coding: codings };
}

function information(detail: ClaimDetail): fhir3.ExplanationOfBenefitInformation[] {
  const category = (variable: string, display: string): fhir3.CodeableConcept => ({
    coding: [coding(CODE_SYSTEMS.information, `${CODE_SYSTEMS.variables}${variable}`, display)],
  });
  if (detail.pharmacy) {
    return [
      {
        sequence: 1,
        category: category('days_suply_num', 'Days Supply'),
        valueQuantity: { value: detail.pharmacy.daysSupply },
      },
      {
        sequence: 2,
        category: category('fill_num', 'Fill Number'),
        valueQuantity: { value: detail.pharmacy.refillNumber },
      },
    ];
  }
  return [
    {
      sequence: 1,
      category: category('nch_wkly_proc_dt', 'NCH Weekly Claim Processing Date'),
      timingDate: detail.receivedDate,
    },
  ];
}

function careTeam(detail: ClaimDetail): fhir3.ExplanationOfBenefitCareTeam[] {
  return detail.careTeam.map((member) => {
    const [code, display] = STU3_ROLE[member.role];
    return {
      sequence: member.sequence,
      provider: { identifier: { system: CODE_SYSTEMS.npi, value: member.npi } },
      ...(member.sequence === 1 ? { responsible: true } : {}),
      role: { coding: [coding(SYSTEMS.careTeamRoleStu3, code, display)] },
    };
  });
}

function diagnoses(detail: ClaimDetail): fhir3.ExplanationOfBenefitDiagnosis[] {
  return detail.diagnoses.map((diagnosis, i) => ({
    sequence: i + 1,
    ...(i === 0 ? drgPackageCode(detail) : {}),
    diagnosisCodeableConcept: {
      coding: [coding(CODE_SYSTEMS.icd10, diagnosis.code.replace('.', ''), diagnosis.display)],
    },
    type: [
      {
        coding: [
          i === 0
            ? coding(
                CODE_SYSTEMS.diagnosisType,
                'principal',
                "The single medical diagnosis that is most relevant to the patient's chief complaint or need for treatment.",
              )
            : coding(CODE_SYSTEMS.diagnosisType, 'secondary', 'A diagnosis other than the principal one.'),
        ],
      },
    ],
  }));
}

function item(detail: ClaimDetail, line: ClaimLine): fhir3.ExplanationOfBenefitItem {
  const pharmacy = detail.pharmacy !== undefined;
  return {
    sequence: line.sequence,
    careTeamLinkId: [line.careTeamSequence],
    ...(line.diagnosisSequence === undefined ? {} : { diagnosisLinkId: [line.diagnosisSequence] }),
    ...(line.revenue === undefined
      ? {}
      : { revenue: { coding: [variableCoding('rev_cntr', line.revenue.code, line.revenue.display)] } }),
    ...(line.typeOfService === undefined
      ? {}
      : {
          category: {
            coding: [
              variableCoding('line_cms_type_srvc_cd', line.typeOfService.code, line.typeOfService.display),
            ],
          },
        }),
    ...(line.code === undefined
      ? {}
      : {
          service: {
            coding: [coding(pharmacy ? CODE_SYSTEMS.ndc : CODE_SYSTEMS.hcpcs, line.code, line.codeDisplay)],
          },
        }),
    ...modifiersBfd(detail, line),
    ...servicedOf(line),
    ...locationOf(line),
    quantity: { value: line.quantity },
    adjudication: detail.lineAdjudication.map((def) => ({
      category: { coding: [bb2AdjudicationCoding(def.variable, def.display)] },
      amount: money(line.amounts[def.variable] ?? 0),
    })),
  };
}

/** Who billed: a facility (provider number + NPI organisation), a pharmacy, or nobody at claim level. */
function billing(detail: ClaimDetail): Pick<fhir3.ExplanationOfBenefit, 'provider' | 'organization'> {
  const kind = CLAIM_TYPE_INFO[detail.type].lineKind;
  const npi = { identifier: { system: CODE_SYSTEMS.npi, value: detail.providerNpi } };
  if (kind === 'institutional') {
    return {
      provider: {
        identifier: { system: `${CODE_SYSTEMS.variables}prvdr_num`, value: detail.providerNumber ?? '' },
      },
      organization: npi,
    };
  }
  return kind === 'pharmacy' ? { organization: npi } : {};
}

/** The v1 EOB of one claim. */
export function buildEobV1(
  bene: SyntheticBeneficiary,
  header: ClaimHeader,
  detail: ClaimDetail,
): fhir3.ExplanationOfBenefit {
  const info = CLAIM_TYPE_INFO[header.type];
  const pde = detail.pharmacy !== undefined;
  const diagnosis = diagnoses(detail);
  const extension = factExtensionsV1(detail);
  const rows = information(detail);
  return {
    resourceType: 'ExplanationOfBenefit',
    id: header.id,
    meta: { lastUpdated: header.lastUpdated },
    ...(extension.length > 0 ? { extension } : {}),
    identifier: [
      { system: pde ? CODE_SYSTEMS.pdeId : CODE_SYSTEMS.claimId, value: `-${claimNumber(header.id)}` },
      { system: CODE_SYSTEMS.claimGroup, value: detail.claimGroup },
      ...(detail.pharmacy
        ? [
            {
              system: `${CODE_SYSTEMS.variables}rx_srvc_rfrnc_num`,
              value: detail.pharmacy.prescriptionNumber,
            },
          ]
        : []),
    ],
    status: 'active',
    type: claimType(detail),
    patient: { reference: `Patient/${bene.patientId.v1}` },
    billablePeriod: { start: header.start, end: header.end },
    ...billing(detail),
    ...facilityV1(detail),
    information: [...rows, ...factInformationV1(detail, rows.length)],
    careTeam: careTeam(detail),
    ...(diagnosis.length > 0 ? { diagnosis } : {}),
    insurance: { coverage: { reference: coverageReference(info.coveragePart, bene.patientId.v1) } },
    ...stayV1(detail),
    item: detail.lines.map((line) => item(detail, line)),
    totalCost: money(detail.submittedCents),
    payment: {
      ...(detail.pharmacy ? { date: detail.pharmacy.paymentDate } : {}),
      amount: money(detail.paymentCents),
    },
  };
}
