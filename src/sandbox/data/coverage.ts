/**
 * Coverage per API version (bb2-api.md 5.4): Medicare Parts A-D for everyone, plus v3's dual
 * Medicare/Medicaid Coverage for dual beneficiaries. Ids come from coverage-ids.ts, the same place
 * the EOB `insurance` references do.
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import { CODE_SYSTEMS, PROFILES } from '../../types.js';
import { type BeneficiaryProfile, beneficiaryProfile, type EntitlementReason } from './beneficiaries.js';
import type { CodeDisplay, CoveragePart } from './claim-types.js';
import { COVERAGE_PARTS, coverageId, coveragePartLabel, dualCoverageId } from './coverage-ids.js';
import type { SyntheticBeneficiary } from './dataset-types.js';
import {
  C4BB_VERSION,
  CMS_NAME,
  cmsContact,
  coding,
  concept,
  type PlainExtension,
  SYSTEMS,
  US_CORE_VERSION,
  v3Extension,
  variableExtension,
  versioned,
} from './fhir-codings.js';

/** Source of Payment Typology codes v3 uses for Coverage.type. */
export const SOPT: Readonly<Record<CoveragePart | 'dual', readonly [string, string]>> = {
  a: ['1', 'MEDICARE'],
  b: ['121', 'MEDICARE FFS'],
  c: ['11', 'MEDICARE (MANAGED CARE)'],
  d: ['122', 'MEDICARE DRUG BENEFIT'],
  dual: ['14', 'Dual Eligibility Medicare/Medicaid Organization'],
};

const REFERENCE_YEAR = '2025';

/**
 * Medicare status (ms_cd / BENE-MDCR-STUS-CD) and original entitlement reason (orec /
 * BENE-MDCR-ENTLMT-RSN-CD) per entitlement reason, so that a beneficiary under 65 is never "aged".
 */
export const ENTITLEMENT_CODES: Readonly<
  Record<EntitlementReason, { readonly status: CodeDisplay; readonly reason: CodeDisplay }>
> = {
  aged: {
    status: { code: '10', display: 'Aged without end-stage renal disease (ESRD)' },
    reason: { code: '0', display: "Old age and survivor's insurance (OASI)" },
  },
  disabled: {
    status: { code: '20', display: 'Disabled without ESRD' },
    reason: { code: '1', display: 'Disability insurance benefits (DIB)' },
  },
};

/**
 * BB2 v1/v2 enrolment extensions: Medicare status, original and current entitlement reason (Parts A
 * and B), termination code, contract, reference year.
 */
function enrolmentExtensions(part: CoveragePart, profile: BeneficiaryProfile): PlainExtension[] {
  const codes = ENTITLEMENT_CODES[profile.entitlementReason];
  const status = variableExtension('ms_cd', codes.status.code, codes.status.display);
  const reasons = [
    variableExtension('orec', codes.reason.code, codes.reason.display),
    variableExtension('crec', codes.reason.code, codes.reason.display),
  ];
  const year: PlainExtension = { url: `${CODE_SYSTEMS.variables}rfrnc_yr`, valueDate: REFERENCE_YEAR };
  switch (part) {
    case 'a':
      return [status, ...reasons, variableExtension('a_trm_cd', '0', 'Not Terminated'), year];
    case 'b':
      return [status, ...reasons, variableExtension('b_trm_cd', '0', 'Not Terminated'), year];
    case 'c':
      return [variableExtension('ptc_cntrct_id_01', 'H9999'), year];
    case 'd':
      return [status, variableExtension('ptdcntrct01', 'S9999'), year];
  }
}

/** Parts A and B start when the beneficiary turned 65; BB2 v1/v2 send no period for C and D. */
function v2Period(part: CoveragePart, profile: BeneficiaryProfile): { period?: { start: string } } {
  return part === 'a' || part === 'b' ? { period: { start: profile.entitlementDate } } : {};
}

function buildCoverageV1(part: CoveragePart, profile: BeneficiaryProfile, patientId: string): fhir3.Coverage {
  return {
    resourceType: 'Coverage',
    id: coverageId(part, patientId),
    meta: { lastUpdated: profile.lastUpdated },
    extension: enrolmentExtensions(part, profile),
    status: 'active',
    type: { coding: [{ system: 'Medicare', code: coveragePartLabel(part) }] },
    beneficiary: { reference: `Patient/${patientId}` },
    ...v2Period(part, profile),
    grouping: { subGroup: 'Medicare', subPlan: coveragePartLabel(part) },
  };
}

/** v1: STU3, `type` of system `Medicare`, the part in `grouping`. */
export function buildCoveragesV1(seed: number, bene: SyntheticBeneficiary): fhir3.Coverage[] {
  const profile = beneficiaryProfile(seed, bene.index);
  return COVERAGE_PARTS.map((part) => buildCoverageV1(part, profile, bene.patientId.v1));
}

function self() {
  return concept(CODE_SYSTEMS.subscriberRelationship, 'self', 'Self');
}

function buildCoverageV2(part: CoveragePart, profile: BeneficiaryProfile, patientId: string): fhir4.Coverage {
  return {
    resourceType: 'Coverage',
    id: coverageId(part, patientId),
    meta: { lastUpdated: profile.lastUpdated, profile: [PROFILES.c4bbCoverage] },
    extension: enrolmentExtensions(part, profile),
    status: 'active',
    type: concept(CODE_SYSTEMS.actCode, 'SUBSIDIZ'),
    subscriberId: profile.mbi,
    beneficiary: { reference: `Patient/${patientId}` },
    relationship: self(),
    ...v2Period(part, profile),
    payor: [{ identifier: { value: CMS_NAME } }],
    class: [
      { type: concept(CODE_SYSTEMS.coverageClass, 'subgroup', 'SubGroup'), value: 'Medicare' },
      { type: concept(CODE_SYSTEMS.coverageClass, 'subplan', 'SubPlan'), value: coveragePartLabel(part) },
    ],
  };
}

/** The CMS organisation v3 Coverage resources contain and pay through. */
function cmsOrganization(): fhir4.Organization {
  return {
    resourceType: 'Organization',
    id: 'cms-org',
    meta: { profile: [versioned(SYSTEMS.c4bbOrganization, C4BB_VERSION)] },
    active: true,
    name: CMS_NAME,
    contact: cmsContact(),
  };
}

export interface V3CoverageSpec {
  readonly id: string;
  readonly kind: CoveragePart | 'dual';
  readonly label: string;
  readonly start: string;
  readonly extension: PlainExtension[];
}

function buildCoverageV3(
  spec: V3CoverageSpec,
  profile: BeneficiaryProfile,
  patientId: string,
): fhir4.Coverage {
  const [soptCode, soptDisplay] = SOPT[spec.kind];
  return {
    resourceType: 'Coverage',
    id: spec.id,
    meta: {
      lastUpdated: profile.lastUpdated,
      profile: [
        versioned(PROFILES.c4bbCoverage, C4BB_VERSION),
        versioned(PROFILES.usCoreCoverage, US_CORE_VERSION),
      ],
    },
    contained: [cmsOrganization()],
    extension: spec.extension,
    identifier: [
      { type: concept(CODE_SYSTEMS.v2IdentifierType, 'MB'), system: CODE_SYSTEMS.mbi, value: profile.mbi },
    ],
    status: 'active',
    type: { coding: [coding(CODE_SYSTEMS.sourceOfPaymentTypology, soptCode, soptDisplay)] },
    subscriberId: profile.mbi,
    beneficiary: { reference: `Patient/${patientId}` },
    relationship: self(),
    period: { start: spec.start },
    payor: [{ reference: '#cms-org' }],
    class: [{ type: concept(CODE_SYSTEMS.coverageClass, 'plan'), value: spec.label }],
  };
}

/** The v3 Coverage specs of a beneficiary: A-D, then `dual--` when dual. Shared with the insurance card. */
export function v3CoverageSpecs(profile: BeneficiaryProfile, patientId: string): V3CoverageSpec[] {
  const specs: V3CoverageSpec[] = COVERAGE_PARTS.map((part) => ({
    id: coverageId(part, patientId),
    kind: part,
    label: coveragePartLabel(part),
    start: part === 'd' ? profile.partDStartDate : profile.entitlementDate,
    extension: [
      v3Extension('BENE-MDCR-STUS-CD', ENTITLEMENT_CODES[profile.entitlementReason].status.code),
      v3Extension('BENE-MDCR-ENTLMT-RSN-CD', ENTITLEMENT_CODES[profile.entitlementReason].reason.code),
    ],
  }));
  if (profile.dual) {
    specs.push({
      id: dualCoverageId(patientId),
      kind: 'dual',
      label: 'Dual Medicare/Medicaid',
      start: profile.dualStartDate,
      extension: [
        v3Extension('BENE-DUAL-STUS-CD', '02'),
        v3Extension('BENE-DUAL-TYPE-CD', 'P'),
        {
          url: `${SYSTEMS.v3StructureDefinition}MEDICAID-STATE-CD`,
          valueCoding: coding('https://www.usps.com', profile.state.usps),
        },
      ],
    });
  }
  return specs;
}

/** v2: C4BB-Coverage, `SUBSIDIZ` type, part in `class`; v3: versioned profiles, SOPT type, `dual--`. */
export function buildCoveragesR4(seed: number, bene: SyntheticBeneficiary, version: 2 | 3): fhir4.Coverage[] {
  const profile = beneficiaryProfile(seed, bene.index);
  if (version === 2) return COVERAGE_PARTS.map((part) => buildCoverageV2(part, profile, bene.patientId.v2));
  return v3CoverageSpecs(profile, bene.patientId.v3).map((spec) =>
    buildCoverageV3(spec, profile, bene.patientId.v3),
  );
}
