/**
 * Every code BB2 uses for one meaning, in one place per field (style guide B10): claim types per API
 * version, adjudication amounts and supporting-info slices under their C4BB, HL7, BB2 `variables/*` and v3
 * codes. Per-version differences are rows here, not branches in the readers.
 */
import { type ClaimType, CODE_SYSTEMS } from '../types.js';

/** Systems whose code is the claim type itself (`CARRIER`, ...): v1/v2 eob-type and v3 EOB-TYPE. */
export const EOB_TYPE_SYSTEMS: readonly string[] = [CODE_SYSTEMS.eobType, CODE_SYSTEMS.v3EobType];

/**
 * NCH claim type codes (v1/v2 `variables/nch_clm_type_cd`, v3 `CLM-TYPE-CD`, same values) and v3's Part D
 * event codes (1 original, 2 adjustment, 3 deletion, 4 resubmission).
 */
export const CLAIM_TYPE_CODES: Readonly<Record<string, ClaimType>> = {
  '1': 'pde',
  '2': 'pde',
  '3': 'pde',
  '4': 'pde',
  '10': 'hha',
  '20': 'snf',
  '30': 'snf',
  '40': 'outpatient',
  '50': 'hospice',
  '60': 'inpatient',
  '61': 'inpatient',
  '71': 'carrier',
  '72': 'carrier',
  '81': 'dme',
  '82': 'dme',
};
export const CLAIM_TYPE_CODE_SYSTEMS: readonly string[] = [
  CODE_SYSTEMS.nchClaimType,
  CODE_SYSTEMS.v3ClaimTypeCode,
];

const C4BB_EOB = 'http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit-';
/**
 * Profile suffix to claim type, used only when no code names the type: BB2 reuses profiles across types
 * (v2 DME is labelled Inpatient-Institutional, HHA Professional-NonClinician), so only unambiguous ones.
 */
export const PROFILE_CLAIM_TYPES: Readonly<Record<string, ClaimType>> = {
  [`${C4BB_EOB}Pharmacy`]: 'pde',
  [`${C4BB_EOB}Outpatient-Institutional`]: 'outpatient',
};

/** The amount meanings of `adjudication` / `total` entries, named after their C4BB / HL7 codes. */
export const AMOUNT_KINDS = [
  'submitted',
  'eligible',
  'benefit',
  'paidtoprovider',
  'paidtopatient',
  'paidbypatient',
  'deductible',
  'coinsurance',
  'copay',
  'noncovered',
  'priorpayerpaid',
  'discount',
  'drugcost',
] as const;
export type AmountKind = (typeof AMOUNT_KINDS)[number];

/** Category systems whose code is an AmountKind as is (BB2 PDEs sometimes send the ValueSet URL). */
export const CATEGORY_SYSTEMS: readonly string[] = [
  CODE_SYSTEMS.c4bbAdjudication,
  'http://hl7.org/fhir/us/carin-bb/ValueSet/C4BBAdjudication',
  CODE_SYSTEMS.adjudicationR4,
];

/** v3's adjudication code system (IDR column names). */
export const V3_ADJUDICATION_SYSTEM = 'https://bluebutton.cms.gov/fhir/CodeSystem/Adjudication';

/**
 * BB2's own amount codes, which win over the category they are paired with (BB2 pairs
 * `clm_tot_chrg_amt` with `priorpayerpaid` on v2 carrier totals). `null`: a known amount with no
 * AmountKind (a rate, a blood deductible), so it is not counted under its generic category.
 * Keys: v1/v2 CCW variable names (code `https://bluebutton.cms.gov/resources/variables/<name>` in
 * system `.../codesystem/adjudication`) and v3 IDR names (system V3_ADJUDICATION_SYSTEM).
 */
export const BB2_AMOUNT_CODES: Readonly<Record<string, AmountKind | null>> = {
  // carrier and DME lines (v1/v2, then v3)
  line_sbmtd_chrg_amt: 'submitted',
  line_alowd_chrg_amt: 'eligible',
  line_nch_pmt_amt: 'benefit',
  line_prvdr_pmt_amt: 'paidtoprovider',
  line_bene_pmt_amt: 'paidtopatient',
  line_bene_ptb_ddctbl_amt: 'deductible',
  line_coinsrnc_amt: 'coinsurance',
  line_bene_prmry_pyr_pd_amt: 'priorpayerpaid',
  line_prmry_alowd_chrg_amt: null,
  line_dme_prchs_price_amt: null,
  CLM_LINE_SBMT_CHRG_AMT: 'submitted',
  CLM_LINE_ALOWD_CHRG_AMT: 'eligible',
  CLM_LINE_CVRD_PD_AMT: 'benefit',
  CLM_LINE_PRVDR_PMT_AMT: 'paidtoprovider',
  CLM_LINE_BENE_PD_AMT: 'paidtopatient',
  CLM_LINE_MDCR_DDCTBL_AMT: 'deductible',
  CLM_LINE_COINSRNC_AMT: 'coinsurance',
  CLM_LINE_PRMRY_PYR_PD_AMT: 'priorpayerpaid',
  // institutional revenue-center lines
  rev_cntr_tot_chrg_amt: 'submitted',
  rev_cntr_rate_amt: null,
  rev_cntr_pmt_amt_amt: 'benefit',
  rev_cntr_prvdr_pmt_amt: 'paidtoprovider',
  rev_cntr_bene_pmt_amt: 'paidtopatient',
  rev_cntr_ptnt_rspnsblty_pmt: 'paidbypatient',
  rev_cntr_cash_ddctbl_amt: 'deductible',
  rev_cntr_blood_ddctbl_amt: null,
  rev_cntr_coinsrnc_wge_adjstd_c: 'coinsurance',
  rev_cntr_rdcd_coinsrnc_amt: null,
  rev_cntr_ncvrd_chrg_amt: 'noncovered',
  rev_cntr_1st_msp_pd_amt: 'priorpayerpaid',
  rev_cntr_2nd_msp_pd_amt: 'priorpayerpaid',
  CLM_LINE_INSTNL_RATE_AMT: null,
  CLM_LINE_INSTNL_ADJSTD_AMT: 'coinsurance',
  CLM_LINE_INSTNL_RDCD_AMT: null,
  CLM_LINE_INSTNL_MSP1_PD_AMT: 'priorpayerpaid',
  CLM_LINE_INSTNL_MSP2_PD_AMT: 'priorpayerpaid',
  CLM_LINE_NCVRD_CHRG_AMT: 'noncovered',
  CLM_LINE_BENE_PMT_AMT: 'paidbypatient',
  // Part D events
  cvrd_d_plan_pd_amt: 'benefit',
  ptnt_pay_amt: 'paidbypatient',
  tot_rx_cst_amt: 'drugcost',
  othr_troop_amt: 'priorpayerpaid',
  plro_amt: 'priorpayerpaid',
  lics_amt: 'discount',
  rptd_gap_dscnt_num: 'discount',
  gdc_blw_oopt_amt: null,
  gdc_abv_oopt_amt: null,
  ncvrd_plan_pd_amt: null,
  CLM_LINE_OTHR_TROOP_AMT: 'priorpayerpaid',
  CLM_LINE_PLRO_AMT: 'priorpayerpaid',
  CLM_LINE_LIS_AMT: 'discount',
  CLM_LINE_RX_TOT_CST_AMT: 'drugcost',
  CLM_LINE_REPORTED_GAP_DSCNT_AMT: 'discount',
  CLM_LINE_GRS_BLW_THRSHLD_AMT: null,
  CLM_LINE_GRS_ABOVE_THRSHLD_AMT: null,
  // claim totals
  clm_tot_chrg_amt: 'submitted',
  clm_pmt_amt: 'benefit',
  bene_pmt_amt: 'paidbypatient',
  nch_prmry_pyr_clm_pd_amt: 'priorpayerpaid',
  CLM_SBMT_CHRG_AMT: 'submitted',
  CLM_ALOWD_CHRG_AMT: 'eligible',
  CLM_PMT_AMT: 'benefit',
  CLM_PRVDR_PMT_AMT: 'paidtoprovider',
  CLM_BENE_PMT_AMT: 'paidbypatient',
  CLM_MDCR_PRFNL_PRMRY_PYR_AMT: 'priorpayerpaid',
  CLM_TOT_RX_CST_AMT: 'drugcost',
};

/** The supporting-info slices the module reads, named after their C4BB codes. */
export const SUPPORTING_INFO_SLICES = [
  'admissionperiod',
  'clmrecvddate',
  'typeofbill',
  'dayssupply',
  'refillnum',
  'discharge-status',
  'admtype',
  'pointoforigin',
  'drg',
  'brandgenericindicator',
  'compoundcode',
  'rxorigincode',
] as const;
export type SupportingInfoSliceName = (typeof SUPPORTING_INFO_SLICES)[number];

/** v3's supporting-information code system (IDR column names). */
export const V3_SUPPORTING_INFO_SYSTEM = 'https://bluebutton.cms.gov/fhir/CodeSystem/Supporting-Information';

/**
 * Other codes naming the same slice: v1 `information` categories (system `.../codesystem/information`,
 * code `.../variables/<name>`), v2's older BB2 variables, v3 Supporting-Information codes.
 */
export const SUPPORTING_INFO_ALIASES: Readonly<Record<string, SupportingInfoSliceName>> = {
  days_suply_num: 'dayssupply',
  fill_num: 'refillnum',
  clm_drg_cd: 'drg',
  clm_ip_admsn_type_cd: 'admtype',
  clm_src_ip_admsn_cd: 'pointoforigin',
  ptnt_dschrg_stus_cd: 'discharge-status',
  nch_wkly_proc_dt: 'clmrecvddate',
  brnd_gnrc_cd: 'brandgenericindicator',
  cmpnd_cd: 'compoundcode',
  rx_orgn_cd: 'rxorigincode',
  CLM_NCH_WKLY_PROC_DT: 'clmrecvddate',
};

/** Line service code systems, normalized: CPT (v3) and BB2's HCPCS system (v1/v2) are both HCPCS. */
export const SERVICE_CODE_SYSTEMS: Readonly<Record<string, 'hcpcs' | 'ndc'>> = {
  [CODE_SYSTEMS.hcpcs]: 'hcpcs',
  [CODE_SYSTEMS.cpt]: 'hcpcs',
  'https://bluebutton.cms.gov/resources/variables/hcpcs_cd': 'hcpcs',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'hcpcs',
  'https://www.cms.gov/Medicare/Coding/MedHCPCSGenInfo/index.html': 'hcpcs',
  [CODE_SYSTEMS.ndc]: 'ndc',
};

/** Revenue center code systems: v1/v2 `variables/rev_cntr`, NUBC, v3 CLM-REV-CNTR-CD. */
export const REVENUE_SYSTEMS: readonly string[] = [
  'https://bluebutton.cms.gov/resources/variables/rev_cntr',
  'https://www.nubc.org/CodeSystem/RevenueCodes',
  'https://bluebutton.cms.gov/fhir/CodeSystem/CLM-REV-CNTR-CD',
];

/** HCPCS modifier systems. */
export const MODIFIER_SYSTEMS: readonly string[] = [
  'https://bluebutton.cms.gov/resources/codesystem/hcpcs',
  'https://bluebutton.cms.gov/resources/variables/hcpcs_1st_mdfr_cd',
  'https://bluebutton.cms.gov/resources/variables/hcpcs_2nd_mdfr_cd',
  'http://www.ama-assn.org/go/cpt',
  'https://bluebutton.cms.gov/fhir/CodeSystem/HCPCS-MODIFIER',
];

/** Place of service: v1/v2 `variables/line_place_of_srvc_cd`, CMS POS, v3. */
export const PLACE_OF_SERVICE_SYSTEMS: readonly string[] = [
  'https://bluebutton.cms.gov/resources/variables/line_place_of_srvc_cd',
  'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  'https://bluebutton.cms.gov/fhir/CodeSystem/CLM-POS-CD',
];

/** Diagnosis code systems, normalized to the ICD revision. */
export const DIAGNOSIS_SYSTEMS: Readonly<Record<string, 'icd-10' | 'icd-9'>> = {
  [CODE_SYSTEMS.icd10]: 'icd-10',
  [CODE_SYSTEMS.icd10cm]: 'icd-10',
  'http://www.cms.gov/Medicare/Coding/ICD10': 'icd-10',
  'http://hl7.org/fhir/sid/icd-10-pcs': 'icd-10',
  'http://www.cms.gov/Medicare/Coding/ICD10/icd-10-pcs': 'icd-10',
  [CODE_SYSTEMS.icd9cm]: 'icd-9',
  'http://hl7.org/fhir/sid/icd-9': 'icd-9',
  'http://www.icd9data.com/': 'icd-9',
};

/** Diagnosis role codes across versions: v1 BB2 diagnosis-type, HL7 ex-diagnosistype, C4BB. */
export const DIAGNOSIS_ROLES: Readonly<Record<string, string>> = {
  principal: 'principal',
  '[PRINCIPAL]': 'principal',
  admitting: 'admitting',
  other: 'other',
  secondary: 'other',
  external: 'external',
  'external-first': 'external',
  externalcauseofinjury: 'external',
  'reason-for-visit': 'reason-for-visit',
  patientreasonforvisit: 'reason-for-visit',
};
