/**
 * The amounts BB2 puts on claim lines, with the category each one carries. A claim line stores its
 * amounts by CCW variable name; the v1, v2 and v3 builders render the same amounts through this
 * table (v1: the BB2 adjudication code only; v2: HL7/CARIN category first; v3: IDR-style names).
 */
import { CODE_SYSTEMS } from '../../types.js';

export interface Category {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

export interface AdjudicationDef {
  /** CCW variable (`line_nch_pmt_amt`): the key into a line's amounts and the v1/v2 code suffix. */
  readonly variable: string;
  /** The v3 (IDR) name of the same amount. */
  readonly v3Code: string;
  readonly display: string;
  /** The HL7 / CARIN BB category BB2 pairs with this variable in v2 (and v3 unless `v3Category`). */
  readonly category: Category;
  /** Where v3 files the amount under another category than v2 does. */
  readonly v3Category?: Category;
}

const hl7 = (code: string, display: string): Category => ({
  system: CODE_SYSTEMS.adjudicationR4,
  code,
  display,
});
const carin = (code: string, display: string): Category => ({
  system: CODE_SYSTEMS.c4bbAdjudication,
  code,
  display,
});

export const SUBMITTED = hl7('submitted', 'Submitted Amount');
export const ELIGIBLE = hl7('eligible', 'Eligible Amount');
export const BENEFIT = hl7('benefit', 'Benefit Amount');
const DEDUCTIBLE = hl7('deductible', 'Deductible');
const COINSURANCE = carin('coinsurance', 'Co-insurance');
export const PAID_TO_PROVIDER = carin('paidtoprovider', 'Paid to provider');
const PAID_TO_PATIENT = carin('paidtopatient', 'Paid to patient');
export const PAID_BY_PATIENT = carin('paidbypatient', 'Paid by patient');
export const PRIOR_PAYER_PAID = carin('priorpayerpaid', 'Prior payer paid');
const NONCOVERED = carin('noncovered', 'Noncovered');
const DISCOUNT = carin('discount', 'Discount');
export const DRUG_COST = carin('drugcost', 'Drug Cost');

const def = (variable: string, v3Code: string, display: string, category: Category): AdjudicationDef => ({
  variable,
  v3Code,
  display,
  category,
});

/** Carrier and DME lines. */
export const PROFESSIONAL_LINE: readonly AdjudicationDef[] = [
  def('line_nch_pmt_amt', 'CLM_LINE_CVRD_PD_AMT', 'Line NCH Medicare Payment Amount', BENEFIT),
  def('line_bene_pmt_amt', 'CLM_LINE_BENE_PD_AMT', 'Line Payment Amount to Beneficiary', PAID_TO_PATIENT),
  def('line_prvdr_pmt_amt', 'CLM_LINE_PRVDR_PMT_AMT', 'Line Provider Payment Amount', PAID_TO_PROVIDER),
  def(
    'line_bene_ptb_ddctbl_amt',
    'CLM_LINE_MDCR_DDCTBL_AMT',
    'Line Beneficiary Part B Deductible Amount',
    DEDUCTIBLE,
  ),
  def(
    'line_bene_prmry_pyr_pd_amt',
    'CLM_LINE_PRMRY_PYR_PD_AMT',
    'Line Primary Payer (if not Medicare) Paid Amount',
    PRIOR_PAYER_PAID,
  ),
  def('line_coinsrnc_amt', 'CLM_LINE_COINSRNC_AMT', 'Line Beneficiary Coinsurance Amount', COINSURANCE),
  def('line_sbmtd_chrg_amt', 'CLM_LINE_SBMT_CHRG_AMT', 'Line Submitted Charge Amount', SUBMITTED),
  def('line_alowd_chrg_amt', 'CLM_LINE_ALOWD_CHRG_AMT', 'Line Allowed Charge Amount', ELIGIBLE),
];

/** Inpatient and SNF revenue lines: charges only, payment is made per stay. */
export const STAY_LINE: readonly AdjudicationDef[] = [
  def('rev_cntr_rate_amt', 'CLM_LINE_INSTNL_RATE_AMT', 'Revenue Center Rate Amount', SUBMITTED),
  def('rev_cntr_tot_chrg_amt', 'CLM_LINE_SBMT_CHRG_AMT', 'Revenue Center Total Charge Amount', SUBMITTED),
  def(
    'rev_cntr_ncvrd_chrg_amt',
    'CLM_LINE_NCVRD_CHRG_AMT',
    'Revenue Center Non-Covered Charge Amount',
    NONCOVERED,
  ),
];

/** Outpatient, home health and hospice revenue lines. */
export const INSTITUTIONAL_LINE: readonly AdjudicationDef[] = [
  ...STAY_LINE,
  def(
    'rev_cntr_cash_ddctbl_amt',
    'CLM_LINE_MDCR_DDCTBL_AMT',
    'Revenue Center Cash Deductible Amount',
    DEDUCTIBLE,
  ),
  def(
    'rev_cntr_coinsrnc_wge_adjstd_c',
    'CLM_LINE_INSTNL_ADJSTD_AMT',
    'Revenue Center Coinsurance/Wage Adjusted Coinsurance Amount',
    COINSURANCE,
  ),
  def(
    'rev_cntr_prvdr_pmt_amt',
    'CLM_LINE_PRVDR_PMT_AMT',
    'Revenue Center (Medicare) Provider Payment Amount',
    PAID_TO_PROVIDER,
  ),
  def(
    'rev_cntr_bene_pmt_amt',
    'CLM_LINE_BENE_PD_AMT',
    'Revenue Center Payment Amount to Beneficiary',
    PAID_TO_PATIENT,
  ),
  def(
    'rev_cntr_ptnt_rspnsblty_pmt',
    'CLM_LINE_BENE_PMT_AMT',
    'Revenue Center Patient Responsibility Payment Amount',
    PAID_BY_PATIENT,
  ),
  // BFD v2 files the Medicare payment under `submitted`; v3 calls it what it is, `benefit`.
  {
    ...def(
      'rev_cntr_pmt_amt_amt',
      'CLM_LINE_CVRD_PD_AMT',
      'Revenue Center (Medicare) Payment Amount',
      SUBMITTED,
    ),
    v3Category: BENEFIT,
  },
];

/** Part D event lines. */
export const PHARMACY_LINE: readonly AdjudicationDef[] = [
  def(
    'cvrd_d_plan_pd_amt',
    'CLM_LINE_CVRD_PD_AMT',
    'Amount paid by Part D plan for the PDE (drug is covered by Part D)',
    BENEFIT,
  ),
  def(
    'gdc_blw_oopt_amt',
    'CLM_LINE_GRS_BLW_THRSHLD_AMT',
    'Gross Drug Cost Below Part D Out-of-Pocket Threshold (GDCB)',
    COINSURANCE,
  ),
  def(
    'gdc_abv_oopt_amt',
    'CLM_LINE_GRS_ABOVE_THRSHLD_AMT',
    'Gross Drug Cost Above Part D Out-of-Pocket Threshold (GDCA)',
    COINSURANCE,
  ),
  def('ptnt_pay_amt', 'CLM_LINE_BENE_PMT_AMT', 'Amount Paid by Patient', PAID_BY_PATIENT),
  def(
    'othr_troop_amt',
    'CLM_LINE_OTHR_TROOP_AMT',
    'Other True Out-of-Pocket (TrOOP) Amount',
    PRIOR_PAYER_PAID,
  ),
  def('lics_amt', 'CLM_LINE_LIS_AMT', 'Amount paid for the PDE by Part D low income subsidy', DISCOUNT),
  def(
    'plro_amt',
    'CLM_LINE_PLRO_AMT',
    'Reduction in patient liability due to payments by other payers (PLRO)',
    PRIOR_PAYER_PAID,
  ),
  def('tot_rx_cst_amt', 'CLM_LINE_RX_TOT_CST_AMT', 'Total drug cost (Part D)', DRUG_COST),
  def('rptd_gap_dscnt_num', 'CLM_LINE_REPORTED_GAP_DSCNT_AMT', 'Gap Discount Amount', DISCOUNT),
];

/** The BB2 coding of a CCW variable, e.g. `.../codesystem/adjudication` + `.../variables/clm_tot_chrg_amt`. */
export function bb2AdjudicationCoding(variable: string, display: string): Category {
  return { system: CODE_SYSTEMS.adjudication, code: `${CODE_SYSTEMS.variables}${variable}`, display };
}

/** The v3 coding of an IDR amount name. */
export const V3_ADJUDICATION_SYSTEM = 'https://bluebutton.cms.gov/fhir/CodeSystem/Adjudication';
