/**
 * Code-system URLs BB2 uses that the generated constants do not carry, plus tiny constructors that
 * keep `exactOptionalPropertyTypes` happy (an absent display is omitted, never `undefined`).
 */
import type * as fhir4 from 'fhir/r4.js';
import { CODE_SYSTEMS } from '../../types.js';

export const SYSTEMS = {
  careTeamRole: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole',
  careTeamRoleStu3: 'http://hl7.org/fhir/claimcareteamrole',
  diagnosisTypeR4: 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype',
  c4bbDiagnosisType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimDiagnosisType',
  institutionalSubType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBInstitutionalClaimSubType',
  nubcRevenue: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  hcpcsReleaseCodeSets: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  contactEntityType: 'http://terminology.hl7.org/CodeSystem/contactentity-type',
  v3AdjudicationStatus: 'https://bluebutton.cms.gov/fhir/CodeSystem/Adjudication-Status',
  v3RevenueCenter: 'https://bluebutton.cms.gov/fhir/CodeSystem/CLM-REV-CNTR-CD',
  v3ClaimControlNumber: 'https://bluebutton.cms.gov/identifiers/CLM-CNTL-NUM',
  v3StructureDefinition: 'https://bluebutton.cms.gov/fhir/StructureDefinition/',
  v3CodeSystem: 'https://bluebutton.cms.gov/fhir/CodeSystem/',
  usCoreSex: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex',
  usCoreRace: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
  ombRace: 'urn:oid:2.16.840.1.113883.6.238',
  c4bbOrganization: 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Organization',
  c4bbPractitioner: 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Practitioner',
  usCorePractitioner: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitioner',
  usCoreOrganization: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization',
  currencyStu3: 'urn:iso:std:iso:4217',
  claimInformationCategory: 'http://terminology.hl7.org/CodeSystem/claiminformationcategory',
  c4bbProcedureType: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimProcedureType',
  cmsIcd10: 'http://www.cms.gov/Medicare/Coding/ICD10',
  msDrg:
    'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG-Classifications-and-Software',
  nubcTypeOfBill: 'https://www.nubc.org/CodeSystem/TypeOfBill',
  nubcAdmissionType: 'https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit',
  nubcDischargeStatus: 'https://www.nubc.org/CodeSystem/PatDischargeStatus',
} as const;

/** C4BB profile version v3 declares (bb2-api.md 5.1, 2025 examples) and its US Core companion. */
export const C4BB_VERSION = '2.1.0';
export const US_CORE_VERSION = '6.1.0';

/** SNOMED CT codes of the us-core-sex extension, as v3 sends them. */
export const US_CORE_SEX = { female: '248152002', male: '248153007' } as const;

/** `<canonical>|<version>`. */
export function versioned(profile: string, version: string): string {
  return `${profile}|${version}`;
}

/** The CMS organisation as BB2 describes it (v3 contained `cms-org`, C4DIC Organization). */
export const CMS_NAME = 'Centers for Medicare and Medicaid Services';

/** CMS's patient contact, built fresh for each resource so no two resources share an object. */
export function cmsContact(): fhir4.OrganizationContact[] {
  return [
    {
      purpose: { coding: [{ system: SYSTEMS.contactEntityType, code: 'PATINF', display: 'Patient' }] },
      telecom: [
        { system: 'phone', value: '1-800-633-4227' },
        { system: 'phone', value: 'TTY: 1-877-486-2048' },
        { system: 'url', value: 'www.medicare.gov' },
      ],
    },
  ];
}

/** A coding with no extensions: assignable to both the STU3 and the R4 Coding types. */
export interface PlainCoding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** A CodeableConcept made of plain codings, valid in STU3 and R4 alike. */
export interface PlainConcept {
  readonly coding: PlainCoding[];
}

/** A Coding; `display` is left out when not given. */
export function coding(system: string, code: string, display?: string): PlainCoding {
  return display === undefined ? { system, code } : { system, code, display };
}

/** A CodeableConcept of one coding. */
export function concept(system: string, code: string, display?: string): PlainConcept {
  return { coding: [coding(system, code, display)] };
}

/** A BB2 CCW-variable coding: the system and the extension URL are the variable's URL. */
export function variableCoding(variable: string, code: string, display?: string): PlainCoding {
  return coding(`${CODE_SYSTEMS.variables}${variable}`, code, display);
}

/** An extension with a coding or a date value, valid in STU3 and R4 alike. */
export interface PlainExtension {
  readonly url: string;
  readonly valueCoding?: PlainCoding;
  readonly valueDate?: string;
}

/** A BB2 extension carrying a CCW-variable coding. */
export function variableExtension(variable: string, code: string, display?: string): PlainExtension {
  return {
    url: `${CODE_SYSTEMS.variables}${variable}`,
    valueCoding: variableCoding(variable, code, display),
  };
}

/** A v3 extension: StructureDefinition URL with a coding from the CodeSystem of the same name. */
export function v3Extension(name: string, code: string): PlainExtension {
  return {
    url: `${SYSTEMS.v3StructureDefinition}${name}`,
    valueCoding: { system: `${SYSTEMS.v3CodeSystem}${name}`, code },
  };
}

/** USD in R4 shape. */
export function usd(value: number): fhir4.Money {
  return { value, currency: 'USD' };
}
