/**
 * What BB2 says about each claim type, in one table: codes, profiles, the Coverage part a claim is
 * paid under, and how often it occurs. Builders read this table instead of switching on the type,
 * so a new fact about a claim type changes one row.
 */
import { CLAIM_TYPES, type ClaimType, PROFILES } from '../../types.js';

export type CoveragePart = 'a' | 'b' | 'c' | 'd';
/** The claim-type category of http://terminology.hl7.org/CodeSystem/claim-type (and STU3 ex-claimtype). */
export type ClaimCategory = 'professional' | 'institutional' | 'pharmacy';
/** Which line layout the claim uses: physician/supplier lines, revenue-centre lines or drug events. */
export type LineKind = 'professional' | 'institutional' | 'pharmacy';

export interface CodeDisplay {
  readonly code: string;
  readonly display: string;
}

export interface ClaimTypeInfo {
  /** eob-type code, upper case as BB2 sends it. */
  readonly eobType: string;
  /** nch_clm_type_cd; PDE has none. */
  readonly nchClaimType: CodeDisplay | undefined;
  /** v3 CLM-TYPE-CD. */
  readonly v3ClaimType: CodeDisplay;
  /** nch_near_line_rec_ident_cd; PDE has none. */
  readonly nearLineRecord: CodeDisplay | undefined;
  /** clm_fac_type_cd for institutional claims. */
  readonly facilityType: CodeDisplay | undefined;
  readonly categoryV1: ClaimCategory;
  readonly categoryV2: ClaimCategory;
  readonly categoryV3: ClaimCategory;
  /** Unversioned C4BB EOB profile per API version (v2 keeps BFD's DME/HHA oddities, bb2-api.md 5.2). */
  readonly profileV2: string;
  readonly profileV3: string;
  readonly coveragePart: CoveragePart;
  /** v3 `meta.source`: NCH claims vs Part D events (System-Type code system). */
  readonly v3Source: 'NationalClaimsHistory' | 'DDPS';
  /** Relative frequency, per mille; carrier and PDE dominate real Medicare histories. */
  readonly weight: number;
  /** Length of the billable period in days beyond the first day, [min, max]. */
  readonly extraDays: readonly [number, number];
  readonly lineKind: LineKind;
}

const PART_A_INSTITUTIONAL: CodeDisplay = {
  code: 'V',
  display:
    'Part A institutional claim record (inpatient [IP], skilled nursing facility [SNF], hospice [HOS], or home health agency [HHA])',
};
const PART_B_INSTITUTIONAL: CodeDisplay = {
  code: 'W',
  display: 'Part B institutional claim record (outpatient [HOP], HHA)',
};

export const CLAIM_TYPE_INFO: { readonly [T in ClaimType]: ClaimTypeInfo } = {
  carrier: {
    eobType: 'CARRIER',
    nchClaimType: {
      code: '71',
      display:
        'Local carrier non-durable medical equipment, prosthetics, orthotics, and supplies (DMEPOS) claim',
    },
    v3ClaimType: {
      code: '71',
      display: 'MEDICARE PART B PROFESSIONAL PHYSICIAN/SUPPLIER CLAIM (NON-DMEPOS)',
    },
    nearLineRecord: {
      code: 'O',
      display:
        'Part B physician/supplier claim record (processed by local carriers; can include DMEPOS services)',
    },
    facilityType: undefined,
    categoryV1: 'professional',
    categoryV2: 'professional',
    categoryV3: 'professional',
    profileV2: PROFILES.c4bbEobProfessional,
    profileV3: PROFILES.c4bbEobProfessional,
    coveragePart: 'b',
    v3Source: 'NationalClaimsHistory',
    weight: 420,
    extraDays: [0, 0],
    lineKind: 'professional',
  },
  dme: {
    eobType: 'DME',
    nchClaimType: { code: '82', display: 'DMERC; DMEPOS claim' },
    v3ClaimType: { code: '82', display: 'MEDICARE PART B DME REGIONAL CARRIER (DMERC) CLAIM (DMEPOS)' },
    nearLineRecord: { code: 'M', display: 'Part B DMEPOS claim record (processed by DME Regional Carrier)' },
    facilityType: undefined,
    categoryV1: 'professional',
    categoryV2: 'institutional',
    categoryV3: 'professional',
    profileV2: PROFILES.c4bbEobInpatient,
    profileV3: PROFILES.c4bbEobProfessional,
    coveragePart: 'b',
    v3Source: 'NationalClaimsHistory',
    weight: 60,
    extraDays: [0, 0],
    lineKind: 'professional',
  },
  hha: {
    eobType: 'HHA',
    nchClaimType: { code: '10', display: 'Home Health Agency (HHA) claim' },
    v3ClaimType: { code: '10', display: 'MEDICARE HHA CLAIM' },
    nearLineRecord: PART_B_INSTITUTIONAL,
    facilityType: { code: '3', display: 'Home health agency (HHA)' },
    categoryV1: 'institutional',
    categoryV2: 'professional',
    categoryV3: 'institutional',
    profileV2: PROFILES.c4bbEobProfessional,
    profileV3: PROFILES.c4bbEobInpatient,
    coveragePart: 'b',
    v3Source: 'NationalClaimsHistory',
    weight: 25,
    extraDays: [20, 59],
    lineKind: 'institutional',
  },
  hospice: {
    eobType: 'HOSPICE',
    nchClaimType: { code: '50', display: 'Hospice claim' },
    v3ClaimType: { code: '50', display: 'MEDICARE HOSPICE CLAIM' },
    nearLineRecord: PART_A_INSTITUTIONAL,
    facilityType: { code: '8', display: 'Special facility or Ambulatory Surgical Center (ASC) surgery' },
    categoryV1: 'institutional',
    categoryV2: 'institutional',
    categoryV3: 'institutional',
    profileV2: PROFILES.c4bbEobInpatient,
    profileV3: PROFILES.c4bbEobInpatient,
    coveragePart: 'a',
    v3Source: 'NationalClaimsHistory',
    weight: 15,
    extraDays: [14, 60],
    lineKind: 'institutional',
  },
  inpatient: {
    eobType: 'INPATIENT',
    nchClaimType: { code: '60', display: 'Inpatient claim' },
    v3ClaimType: { code: '60', display: 'MEDICARE INPATIENT CLAIM' },
    nearLineRecord: PART_A_INSTITUTIONAL,
    facilityType: { code: '1', display: 'Hospital' },
    categoryV1: 'institutional',
    categoryV2: 'institutional',
    categoryV3: 'institutional',
    profileV2: PROFILES.c4bbEobInpatient,
    profileV3: PROFILES.c4bbEobInpatient,
    coveragePart: 'a',
    v3Source: 'NationalClaimsHistory',
    weight: 35,
    extraDays: [2, 9],
    lineKind: 'institutional',
  },
  outpatient: {
    eobType: 'OUTPATIENT',
    nchClaimType: { code: '40', display: 'Hospital Outpatient claim' },
    v3ClaimType: { code: '40', display: 'MEDICARE OUTPATIENT CLAIM' },
    nearLineRecord: PART_B_INSTITUTIONAL,
    facilityType: { code: '1', display: 'Hospital' },
    categoryV1: 'institutional',
    categoryV2: 'institutional',
    categoryV3: 'institutional',
    profileV2: PROFILES.c4bbEobOutpatient,
    profileV3: PROFILES.c4bbEobOutpatient,
    coveragePart: 'b',
    v3Source: 'NationalClaimsHistory',
    weight: 120,
    extraDays: [0, 0],
    lineKind: 'institutional',
  },
  pde: {
    eobType: 'PDE',
    nchClaimType: undefined,
    v3ClaimType: { code: '1', display: 'MEDICARE PART D ORIGINAL CLAIM' },
    nearLineRecord: undefined,
    facilityType: undefined,
    categoryV1: 'pharmacy',
    categoryV2: 'pharmacy',
    categoryV3: 'pharmacy',
    profileV2: PROFILES.c4bbEobPharmacy,
    profileV3: PROFILES.c4bbEobPharmacy,
    coveragePart: 'd',
    v3Source: 'DDPS',
    weight: 300,
    extraDays: [0, 0],
    lineKind: 'pharmacy',
  },
  snf: {
    eobType: 'SNF',
    nchClaimType: { code: '20', display: 'Non swing bed Skilled Nursing Facility (SNF) claim' },
    v3ClaimType: { code: '20', display: 'MEDICARE NON-SWING BED SNF CLAIM' },
    nearLineRecord: PART_A_INSTITUTIONAL,
    facilityType: { code: '2', display: 'Skilled nursing facility (SNF)' },
    categoryV1: 'institutional',
    categoryV2: 'institutional',
    categoryV3: 'institutional',
    profileV2: PROFILES.c4bbEobInpatient,
    profileV3: PROFILES.c4bbEobInpatient,
    coveragePart: 'a',
    v3Source: 'NationalClaimsHistory',
    weight: 25,
    extraDays: [7, 35],
    lineKind: 'institutional',
  },
};

/** The claim types in CLAIM_TYPES order, so cumulative weights are stable across runs. */
export const ORDERED_CLAIM_TYPES: readonly ClaimType[] = CLAIM_TYPES;

/** Picks a claim type from a uniform number in [0, 1000), following the weights above. */
export function claimTypeForPerMille(perMille: number): ClaimType {
  let cumulative = 0;
  for (const type of ORDERED_CLAIM_TYPES) {
    cumulative += CLAIM_TYPE_INFO[type].weight;
    if (perMille < cumulative) return type;
  }
  return 'carrier';
}
