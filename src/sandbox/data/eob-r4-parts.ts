/**
 * The repeating parts of an R4 EOB (care team, diagnoses, lines, supporting info, contained
 * resources). v2 follows BFD's v2 transformers; v3 differs where BFD's new server does: contained
 * Practitioners instead of logical references, dotted ICD-10-CM codes, IDR adjudication names.
 */
import type * as fhir4 from 'fhir/r4.js';
import { CODE_SYSTEMS, PROFILES } from '../../types.js';
import { bb2AdjudicationCoding, V3_ADJUDICATION_SYSTEM } from './adjudication.js';
import type { CareTeamMember, ClaimDetail, ClaimLine } from './claim-detail.js';
import { CLAIM_TYPE_INFO } from './claim-types.js';
import { drgPackageCodeV2, factSupportingInfo, modifiersR4 } from './facts-r4.js';
import {
  C4BB_VERSION,
  CMS_NAME,
  coding,
  concept,
  SYSTEMS,
  US_CORE_VERSION,
  usd,
  variableCoding,
  versioned,
} from './fhir-codings.js';
import { dollars } from './line-amounts.js';
import { locationOf, servicedOf } from './line-service.js';

type R4Version = 2 | 3;

const ROLE_DISPLAY: Readonly<Record<CareTeamMember['role'], string>> = {
  performing: 'Performing provider',
  referring: 'Referring',
  attending: 'Attending',
  operating: 'Operating',
  prescribing: 'Prescribing provider',
};

function npiType() {
  return concept(CODE_SYSTEMS.c4bbIdentifierType, 'npi', 'National Provider Identifier');
}

/** v3 names providers through contained resources; this is the id of care-team member `n`. */
function practitionerId(sequence: number): string {
  return `careteam-provider-${sequence}`;
}

export function careTeam(version: R4Version, detail: ClaimDetail): fhir4.ExplanationOfBenefitCareTeam[] {
  return detail.careTeam.map((member) => ({
    sequence: member.sequence,
    provider:
      version === 3
        ? { reference: `#${practitionerId(member.sequence)}` }
        : { identifier: { type: npiType(), system: CODE_SYSTEMS.npi, value: member.npi } },
    // BFD v2 marks the lead provider responsible; real v3 EOBs never carry `responsible`.
    ...(member.sequence === 1 && version === 2 ? { responsible: true } : {}),
    role: concept(SYSTEMS.careTeamRole, member.role, ROLE_DISPLAY[member.role]),
  }));
}

/** The resources a v2 or v3 EOB carries inline. */
export function containedResources(version: R4Version, detail: ClaimDetail): fhir4.FhirResource[] {
  const contained: fhir4.FhirResource[] = [];
  const institutional = CLAIM_TYPE_INFO[detail.type].lineKind === 'institutional';
  if (version === 3) {
    contained.push({
      resourceType: 'Organization',
      id: 'insurer-org',
      meta: {
        profile: [
          versioned(SYSTEMS.c4bbOrganization, C4BB_VERSION),
          versioned(SYSTEMS.usCoreOrganization, US_CORE_VERSION),
        ],
      },
      active: true,
      name: CMS_NAME,
    });
    for (const member of detail.careTeam) {
      contained.push({
        resourceType: 'Practitioner',
        id: practitionerId(member.sequence),
        meta: {
          profile: [
            versioned(SYSTEMS.c4bbPractitioner, C4BB_VERSION),
            versioned(SYSTEMS.usCorePractitioner, US_CORE_VERSION),
          ],
        },
        identifier: [
          {
            type: concept(CODE_SYSTEMS.v2IdentifierType, 'NPI', 'National provider identifier'),
            system: CODE_SYSTEMS.npi,
            value: member.npi,
          },
        ],
      });
    }
  }
  if (institutional) {
    contained.push({
      resourceType: 'Organization',
      id: 'provider-org',
      meta: {
        profile: [
          version === 3 ? versioned(SYSTEMS.c4bbOrganization, C4BB_VERSION) : SYSTEMS.c4bbOrganization,
        ],
      },
      identifier: [
        { type: concept(CODE_SYSTEMS.v2IdentifierType, 'PRN'), value: detail.providerNumber ?? '' },
        { type: npiType(), system: CODE_SYSTEMS.npi, value: detail.providerNpi },
      ],
      active: true,
    });
  }
  return contained;
}

export function diagnoses(version: R4Version, detail: ClaimDetail): fhir4.ExplanationOfBenefitDiagnosis[] {
  return detail.diagnoses.map((diagnosis, i) => {
    const undotted = diagnosis.code.replace('.', '');
    return {
      sequence: i + 1,
      ...(i === 0 ? drgPackageCodeV2(version, detail) : {}),
      diagnosisCodeableConcept: {
        coding:
          version === 3
            ? [coding(CODE_SYSTEMS.icd10cm, diagnosis.code)]
            : [
                coding(CODE_SYSTEMS.icd10cm, undotted, diagnosis.display),
                coding(CODE_SYSTEMS.icd10, undotted, diagnosis.display),
              ],
      },
      type: [
        i === 0
          ? concept(SYSTEMS.diagnosisTypeR4, 'principal', 'Principal Diagnosis')
          : concept(SYSTEMS.c4bbDiagnosisType, 'secondary', 'Secondary'),
      ],
    };
  });
}

function productOrService(version: R4Version, line: ClaimLine, pharmacy: boolean): fhir4.CodeableConcept {
  if (line.code === undefined) {
    return concept(SYSTEMS.dataAbsentReason, 'not-applicable', 'Not Applicable');
  }
  if (pharmacy) return concept(CODE_SYSTEMS.ndc, line.code, line.codeDisplay);
  if (version === 2) return concept(CODE_SYSTEMS.hcpcs, line.code, line.codeDisplay);
  // v3 files Level I codes under CPT and Level II codes under the HCPCS release code sets.
  return concept(/^\d/.test(line.code) ? CODE_SYSTEMS.cpt : SYSTEMS.hcpcsReleaseCodeSets, line.code);
}

function categoryCoding(category: { system: string; code: string; display: string }) {
  return coding(category.system, category.code, category.display);
}

function lineAdjudication(version: R4Version, detail: ClaimDetail, line: ClaimLine) {
  return detail.lineAdjudication.map(
    (def): fhir4.ExplanationOfBenefitItemAdjudication => ({
      category: {
        coding: [
          categoryCoding(version === 3 ? (def.v3Category ?? def.category) : def.category),
          version === 3
            ? coding(V3_ADJUDICATION_SYSTEM, def.v3Code, def.display)
            : bb2AdjudicationCoding(def.variable, def.display),
        ],
      },
      amount: usd(dollars(line.amounts[def.variable] ?? 0)),
    }),
  );
}

export function items(version: R4Version, detail: ClaimDetail): fhir4.ExplanationOfBenefitItem[] {
  const pharmacy = detail.type === 'pde';
  return detail.lines.map((line) => ({
    sequence: line.sequence,
    careTeamSequence: [line.careTeamSequence],
    ...(line.diagnosisSequence === undefined ? {} : { diagnosisSequence: [line.diagnosisSequence] }),
    ...(line.revenue === undefined
      ? {}
      : {
          revenue: {
            coding: [
              version === 3
                ? coding(SYSTEMS.v3RevenueCenter, line.revenue.code, line.revenue.display)
                : variableCoding('rev_cntr', line.revenue.code, line.revenue.display),
              coding(SYSTEMS.nubcRevenue, line.revenue.code),
            ],
          },
        }),
    ...(line.typeOfService === undefined
      ? {}
      : {
          category: {
            coding: [
              variableCoding('line_cms_type_srvc_cd', line.typeOfService.code, line.typeOfService.display),
            ],
          },
        }),
    productOrService: productOrService(version, line, pharmacy),
    ...modifiersR4(version, detail, line),
    ...servicedOf(line),
    ...locationOf(line),
    quantity: { value: line.quantity },
    adjudication: lineAdjudication(version, detail, line),
  }));
}

export function supportingInfo(
  version: R4Version,
  detail: ClaimDetail,
): fhir4.ExplanationOfBenefitSupportingInfo[] {
  const info: fhir4.ExplanationOfBenefitSupportingInfo[] = [];
  const category = (code: string, display: string): fhir4.CodeableConcept =>
    concept(CODE_SYSTEMS.c4bbSupportingInfoType, code, display);
  if (detail.pharmacy) {
    info.push(
      {
        sequence: 1,
        category: category('dayssupply', 'Days Supply'),
        valueQuantity: { value: detail.pharmacy.daysSupply },
      },
      {
        sequence: 2,
        category: category('refillnum', 'Refill Number'),
        valueQuantity: { value: detail.pharmacy.refillNumber },
      },
    );
    return info;
  }
  info.push({
    sequence: 1,
    // BB2 pairs the CARIN category with the CCW variable it comes from (NCH weekly processing date).
    category: {
      coding: [
        coding(CODE_SYSTEMS.c4bbSupportingInfoType, 'clmrecvddate', 'Claim Received Date'),
        coding(
          CODE_SYSTEMS.information,
          `${CODE_SYSTEMS.variables}nch_wkly_proc_dt`,
          'NCH Weekly Claim Processing Date',
        ),
      ],
    },
    timingDate: detail.receivedDate,
  });
  info.push(...factSupportingInfo(version, detail, info.length));
  return info;
}

/**
 * C4BBInstitutionalClaimSubType. v3 derives it from the profile; BFD v2 sends none on DME (though its
 * profile is Inpatient-Institutional) and `inpatient` on HHA (though its profile is Professional).
 */
export function subTypeOf(version: R4Version, detail: ClaimDetail, profile: string) {
  if (version === 2 && detail.type === 'dme') return undefined;
  if (version === 2 && detail.type === 'hha')
    return concept(SYSTEMS.institutionalSubType, 'inpatient', 'Inpatient');
  return institutionalSubType(profile);
}

function institutionalSubType(profile: string): fhir4.CodeableConcept | undefined {
  if (profile === PROFILES.c4bbEobInpatient)
    return concept(SYSTEMS.institutionalSubType, 'inpatient', 'Inpatient');
  if (profile === PROFILES.c4bbEobOutpatient)
    return concept(SYSTEMS.institutionalSubType, 'outpatient', 'Outpatient');
  return undefined;
}
