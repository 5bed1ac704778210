/**
 * Dollar amounts of one claim line, in integer cents so sums are exact; the builders divide by 100
 * at the edge. The relations follow Medicare's: allowed below submitted, 20% coinsurance on Part B,
 * plan paid = drug cost minus what the patient paid.
 */
import type { Rng } from './prng.js';

export type Amounts = Readonly<Record<string, number>>;

/** `cents * factor`, rounded to a cent. */
function scale(cents: number, factor: number): number {
  return Math.round(cents * factor);
}

/** A carrier or DME line: `allowedCents` is the fee-schedule amount for all units. */
export function professionalAmounts(rng: Rng, allowedBase: number): Amounts {
  const allowed = scale(allowedBase, 0.9 + rng.float() * 0.2);
  const submitted = scale(allowed, 1.5 + rng.float() * 1.5);
  const deductible = rng.chance(0.15) ? Math.min(allowed, rng.int(500, 24_000)) : 0;
  const coinsurance = Math.round((allowed - deductible) * 0.2);
  const payment = allowed - deductible - coinsurance;
  return {
    line_sbmtd_chrg_amt: submitted,
    line_alowd_chrg_amt: allowed,
    line_bene_ptb_ddctbl_amt: deductible,
    line_coinsrnc_amt: coinsurance,
    line_nch_pmt_amt: payment,
    line_prvdr_pmt_amt: payment,
    line_bene_pmt_amt: 0,
    line_bene_prmry_pyr_pd_amt: 0,
  };
}

/**
 * A revenue-centre line. Hospitals bill a multiple of what Medicare pays. Only hospital outpatient
 * lines carry a deductible and 20% coinsurance; stays, home health and hospice are paid in full.
 */
export function institutionalAmounts(rng: Rng, unitBase: number, units: number, coinsured: boolean): Amounts {
  const rate = scale(unitBase, 2 + rng.float() * 2);
  const total = rate * units;
  const noncovered = rng.chance(0.1) ? scale(total, 0.05 + rng.float() * 0.15) : 0;
  const allowed = scale(total - noncovered, 0.3 + rng.float() * 0.15);
  const deductible = coinsured && rng.chance(0.1) ? Math.min(allowed, rng.int(500, 24_000)) : 0;
  const coinsurance = coinsured ? Math.round((allowed - deductible) * 0.2) : 0;
  const payment = allowed - deductible - coinsurance;
  return {
    rev_cntr_rate_amt: rate,
    rev_cntr_tot_chrg_amt: total,
    rev_cntr_ncvrd_chrg_amt: noncovered,
    rev_cntr_cash_ddctbl_amt: deductible,
    rev_cntr_coinsrnc_wge_adjstd_c: coinsurance,
    rev_cntr_prvdr_pmt_amt: payment,
    rev_cntr_bene_pmt_amt: 0,
    rev_cntr_ptnt_rspnsblty_pmt: deductible + coinsurance,
    rev_cntr_pmt_amt_amt: payment,
  };
}

/** A Part D event: brand drugs cost hundreds, generics have a flat copay. */
export function pharmacyAmounts(rng: Rng, fillBase: number, fills: number): Amounts {
  const cost = scale(fillBase * fills, 0.9 + rng.float() * 0.2);
  const patient =
    cost > 20_000 ? scale(cost, 0.2 + rng.float() * 0.05) : Math.min(cost, rng.int(0, 10) * 100);
  return {
    tot_rx_cst_amt: cost,
    cvrd_d_plan_pd_amt: cost - patient,
    ptnt_pay_amt: patient,
    gdc_blw_oopt_amt: cost,
    gdc_abv_oopt_amt: 0,
    othr_troop_amt: 0,
    lics_amt: 0,
    plro_amt: 0,
    rptd_gap_dscnt_num: 0,
  };
}

/** The sum of one variable over all lines. */
export function sumOf(lines: readonly { readonly amounts: Amounts }[], variable: string): number {
  let total = 0;
  for (const line of lines) total += line.amounts[variable] ?? 0;
  return total;
}

/** Cents to a USD value with at most two decimals. */
export function dollars(cents: number): number {
  return Math.round(cents) / 100;
}
