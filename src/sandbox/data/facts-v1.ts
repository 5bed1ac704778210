/**
 * The claim facts of institutional-facts.ts (and line modifiers, facility NPI) in BB2 v1's STU3 form:
 * `information` rows keyed by CCW variable, `hospitalization`, `procedure`, the DRG as the principal
 * diagnosis's `packageCode`, `facility` with the organisation NPI.
 */
import type * as fhir3 from 'fhir/r3.js';
import { CODE_SYSTEMS } from '../../types.js';
import type { ClaimDetail, ClaimLine } from './claim-detail.js';
import { CLAIM_TYPE_INFO } from './claim-types.js';
import { coding, SYSTEMS, variableCoding, variableExtension } from './fhir-codings.js';

function informationRow(
  sequence: number,
  variable: string,
  display: string,
  code: fhir3.Coding,
): fhir3.ExplanationOfBenefitInformation {
  return {
    sequence,
    category: { coding: [coding(CODE_SYSTEMS.information, `${CODE_SYSTEMS.variables}${variable}`, display)] },
    code: { coding: [code] },
  };
}

/** `information` rows after `after` (the rows the builder already has). */
export function factInformationV1(
  detail: ClaimDetail,
  after: number,
): fhir3.ExplanationOfBenefitInformation[] {
  const facts = detail.institutional;
  if (!facts) return [];
  const rows: fhir3.ExplanationOfBenefitInformation[] = [];
  const next = () => after + rows.length + 1;
  if (facts.admissionType) {
    const { code, display } = facts.admissionType;
    rows.push(
      informationRow(
        next(),
        'clm_ip_admsn_type_cd',
        'Claim Inpatient Admission Type Code',
        coding(SYSTEMS.nubcAdmissionType, code, display),
      ),
    );
  }
  const freq = facts.typeOfBill.frequency;
  rows.push(
    informationRow(
      next(),
      'clm_freq_cd',
      'Claim Frequency Code',
      variableCoding('clm_freq_cd', freq.code, freq.display),
    ),
  );
  const discharge = facts.dischargeStatus;
  rows.push(
    informationRow(
      next(),
      'ptnt_dschrg_stus_cd',
      'Patient Discharge Status Code',
      variableCoding('ptnt_dschrg_stus_cd', discharge.code, discharge.display),
    ),
  );
  return rows;
}

/** Claim-level extensions: the type of bill's classification digit. */
export function factExtensionsV1(detail: ClaimDetail): fhir3.Extension[] {
  const tob = detail.institutional?.typeOfBill;
  return tob ? [variableExtension('clm_srvc_clsfctn_type_cd', tob.classification)] : [];
}

/** The facility: the billing organisation of a facility claim, the pharmacy of a Part D event. */
export function facilityV1(detail: ClaimDetail): Pick<fhir3.ExplanationOfBenefit, 'facility'> {
  const info = CLAIM_TYPE_INFO[detail.type];
  if (info.lineKind === 'pharmacy') {
    return {
      facility: {
        identifier: {
          type: { coding: [coding(CODE_SYSTEMS.npi, 'NPI', 'National Provider Identifier')] },
          system: CODE_SYSTEMS.npi,
          value: detail.providerNpi,
        },
      },
    };
  }
  const type = info.facilityType;
  if (info.lineKind !== 'institutional' || !type) return {};
  return {
    facility: {
      extension: [variableExtension('clm_fac_type_cd', type.code, type.display)],
      identifier: { system: CODE_SYSTEMS.npi, value: detail.providerNpi },
    },
  };
}

export function stayV1(
  detail: ClaimDetail,
): Pick<fhir3.ExplanationOfBenefit, 'hospitalization' | 'procedure'> {
  const facts = detail.institutional;
  if (!facts) return {};
  const procedure = facts.procedures.map(
    (p, i): fhir3.ExplanationOfBenefitProcedure => ({
      sequence: i + 1,
      date: `${p.date}T00:00:00+00:00`,
      procedureCodeableConcept: { coding: [coding(CODE_SYSTEMS.icd10, p.code, p.display)] },
    }),
  );
  return {
    ...(facts.admissionPeriod ? { hospitalization: { ...facts.admissionPeriod } } : {}),
    ...(procedure.length > 0 ? { procedure } : {}),
  };
}

/** v1 carries the DRG on the principal diagnosis. */
export function drgPackageCode(detail: ClaimDetail): { packageCode?: { coding: fhir3.Coding[] } } {
  const drg = detail.institutional?.drg;
  return drg ? { packageCode: { coding: [variableCoding('clm_drg_cd', drg)] } } : {};
}

/**
 * Line modifiers as BFD v1 and v2 send them: one element per modifier in BB2's HCPCS system; on
 * physician/supplier lines with the HCPCS year code (the last digit of the year) as `version`. BFD v2
 * also files a revenue line's NDC quantity qualifier as a `http://unitsofmeasure.org` "modifier"; it is
 * not one, and a reader would count it as one, so it is not rendered.
 */
export function modifiersBfd(
  detail: ClaimDetail,
  line: ClaimLine,
): { modifier?: { coding: { system: string; version?: string; code: string }[] }[] } {
  if (line.modifiers.length === 0) return {};
  const professional = CLAIM_TYPE_INFO[detail.type].lineKind === 'professional';
  return {
    modifier: line.modifiers.map((code) => ({
      coding: [
        professional
          ? { system: CODE_SYSTEMS.hcpcs, version: line.start.charAt(3), code }
          : coding(CODE_SYSTEMS.hcpcs, code),
      ],
    })),
  };
}
