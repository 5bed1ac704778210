/**
 * The claim facts of institutional-facts.ts (and line modifiers, a pharmacy's NPI) in BB2's R4 forms.
 * v2 follows BFD's v2 transformers: C4BB slices whose codes are CCW variables (the type-of-bill slice
 * holds only clm_freq_cd; the DRG is an `info` row and the principal diagnosis's `packageCode`). v3 sends
 * NUBC and IDR code systems: the whole four-character type of bill and its parts, MS-DRG, typed procedures.
 */
import type * as fhir4 from 'fhir/r4.js';
import { CODE_SYSTEMS } from '../../types.js';
import type { ClaimDetail, ClaimLine } from './claim-detail.js';
import { CLAIM_TYPE_INFO } from './claim-types.js';
import { modifiersBfd } from './facts-v1.js';
import { coding, concept, SYSTEMS, variableCoding, variableExtension } from './fhir-codings.js';
import { typeOfBillCode } from './institutional-facts.js';

type R4Version = 2 | 3;
type Coding = ReturnType<typeof coding>;

const v3System = (name: string): string => `${SYSTEMS.v3CodeSystem}${name}`;

function slice(version: R4Version, code: string, display: string): Coding {
  return version === 2
    ? coding(CODE_SYSTEMS.c4bbSupportingInfoType, code, display)
    : coding(CODE_SYSTEMS.c4bbSupportingInfoType, code);
}

function variableCategory(variable: string, display: string): Coding {
  return coding(CODE_SYSTEMS.information, `${CODE_SYSTEMS.variables}${variable}`, display);
}

/** Supporting-info rows numbered from `after + 1`. */
export function factSupportingInfo(
  version: R4Version,
  detail: ClaimDetail,
  after: number,
): fhir4.ExplanationOfBenefitSupportingInfo[] {
  const facts = detail.institutional;
  if (!facts) return [];
  const rows: fhir4.ExplanationOfBenefitSupportingInfo[] = [];
  const add = (
    category: Coding[],
    value: Omit<fhir4.ExplanationOfBenefitSupportingInfo, 'sequence' | 'category'>,
  ) => rows.push({ sequence: after + rows.length + 1, category: { coding: category }, ...value });
  const tob = facts.typeOfBill;
  const freq = tob.frequency;
  add(
    [slice(version, 'typeofbill', 'Type of Bill')],
    version === 2
      ? { code: { coding: [variableCoding('clm_freq_cd', freq.code, freq.display)] } }
      : {
          code: {
            coding: [
              coding(SYSTEMS.nubcTypeOfBill, typeOfBillCode(tob)),
              coding(v3System('CLM-BILL-FAC-TYPE-CD'), tob.facility),
              coding(v3System('CLM-BILL-CLSFCTN-CD'), `${tob.facility}${tob.classification}`),
              coding(v3System('CLM-BILL-FREQ-CD'), `${tob.facility}${tob.classification}${freq.code}`),
            ],
          },
        },
  );
  if (facts.admissionPeriod) {
    add([slice(version, 'admissionperiod', 'Admission Period')], {
      timingPeriod: { ...facts.admissionPeriod },
    });
  }
  if (facts.admissionType) {
    const { code, display } = facts.admissionType;
    add(
      version === 2
        ? [
            slice(2, 'admtype', 'Information'),
            variableCategory('clm_ip_admsn_type_cd', 'Claim Inpatient Admission Type Code'),
          ]
        : [slice(3, 'admtype', '')],
      {
        code: {
          coding:
            version === 2
              ? [coding(SYSTEMS.nubcAdmissionType, code, display)]
              : [coding(SYSTEMS.nubcAdmissionType, code), coding(v3System('CLM-ADMSN-TYPE-CD'), code)],
        },
      },
    );
  }
  const discharge = facts.dischargeStatus;
  add([slice(version, 'discharge-status', 'Discharge Status')], {
    code: {
      coding:
        version === 2
          ? [variableCoding('ptnt_dschrg_stus_cd', discharge.code, discharge.display)]
          : [
              coding(SYSTEMS.nubcDischargeStatus, discharge.code),
              coding(v3System('BENE-PTNT-STUS-CD'), discharge.code, discharge.display),
            ],
    },
  });
  if (facts.drg) {
    add(
      version === 2
        ? [
            coding(SYSTEMS.claimInformationCategory, 'info', 'Information'),
            variableCategory('clm_drg_cd', 'Claim Diagnosis Related Group Code (or MS-DRG Code)'),
          ]
        : [slice(3, 'drg', '')],
      {
        code: {
          coding:
            version === 2 ? [variableCoding('clm_drg_cd', facts.drg)] : [coding(SYSTEMS.msDrg, facts.drg)],
        },
      },
    );
  }
  return rows;
}

export function proceduresR4(version: R4Version, detail: ClaimDetail): fhir4.ExplanationOfBenefitProcedure[] {
  return (detail.institutional?.procedures ?? []).map((p, i) =>
    version === 2
      ? {
          sequence: i + 1,
          date: `${p.date}T00:00:00+00:00`,
          procedureCodeableConcept: {
            coding: [
              coding(SYSTEMS.cmsIcd10, p.code, p.display),
              coding(CODE_SYSTEMS.icd10, p.code, p.display),
            ],
          },
        }
      : {
          sequence: i + 1,
          type: [concept(SYSTEMS.c4bbProcedureType, i === 0 ? 'principal' : 'other')],
          date: p.date,
          procedureCodeableConcept: { coding: [coding(SYSTEMS.cmsIcd10, p.code)] },
        },
  );
}

/** v2 also files the DRG on the principal diagnosis. */
export function drgPackageCodeV2(
  version: R4Version,
  detail: ClaimDetail,
): { packageCode?: fhir4.CodeableConcept } {
  const drg = detail.institutional?.drg;
  return version === 2 && drg ? { packageCode: { coding: [variableCoding('clm_drg_cd', drg)] } } : {};
}

/** v2's claim-level part of the type of bill (v3 sends it in the slice). */
export function factExtensionsV2(detail: ClaimDetail): fhir4.Extension[] {
  const tob = detail.institutional?.typeOfBill;
  return tob ? [variableExtension('clm_srvc_clsfctn_type_cd', tob.classification)] : [];
}

/** v2 names a Part D event's pharmacy as its facility, by NPI; v3 sends no facility. */
export function pharmacyFacilityV2(
  version: R4Version,
  detail: ClaimDetail,
): Pick<fhir4.ExplanationOfBenefit, 'facility'> {
  if (version !== 2 || CLAIM_TYPE_INFO[detail.type].lineKind !== 'pharmacy') return {};
  return {
    facility: {
      identifier: {
        type: concept(CODE_SYSTEMS.c4bbIdentifierType, 'npi'),
        system: CODE_SYSTEMS.npi,
        value: detail.providerNpi,
      },
    },
  };
}

/**
 * v2 as v1; v3 one element per modifier, Level I (digits) under CPT, Level II under CMS HCPCS. The v3
 * docs examples pack several modifiers into one element's codings (same paths); one per element keeps
 * each modifier a modifier for readers that take one code per element.
 */
export function modifiersR4(
  version: R4Version,
  detail: ClaimDetail,
  line: ClaimLine,
): { modifier?: fhir4.CodeableConcept[] } {
  if (version === 2) return modifiersBfd(detail, line);
  if (line.modifiers.length === 0) return {};
  return {
    modifier: line.modifiers.map((code) =>
      concept(/^\d/.test(code) ? CODE_SYSTEMS.cpt : SYSTEMS.hcpcsReleaseCodeSets, code),
    ),
  };
}
