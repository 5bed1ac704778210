/**
 * `toCsv`: one CSV row per claim line (a claim without lines gets one row with empty line columns), with
 * the stable column list CSV_COLUMNS, RFC 4180 quoting and CRLF line ends. Streams: it holds one claim at a
 * time, so memory stays flat however many EOBs flow through.
 */
import type { Money } from './amount.js';
import type { Amounts, ClaimLine, ClaimRecord } from './claim-record.js';
import { type ClaimSource, claimsOf } from './claim-source.js';

/**
 * The CSV columns, in order. Claim columns repeat on each of the claim's lines:
 * - `eob_id` EOB id; `claim_id` claim identifier; `claim_type` (carrier, pde, ...); `claim_family`
 *   (professional, institutional, pharmacy); `source_version` (1, 2, 3); `status`; `patient`;
 * - `billable_start`, `billable_end`, `service_start`, `service_end` (`YYYY-MM-DD`);
 * - `provider_npi`, `facility_npi`; `diagnoses` (codes joined by `;`, principal first as BB2 orders them);
 * - `claim_payment` (what the payer paid on the claim); `currency` (of the claim payment);
 * - `line_sequence`, `line_hcpcs`, `line_ndc`, `line_revenue_center`, `line_modifiers` (joined by `;`),
 *   `line_quantity`, `line_days_supply`, `line_place_of_service`, `line_service_start`, `line_service_end`,
 *   `line_provider_npi`;
 * - line amounts (decimal numbers): `line_submitted`, `line_eligible`, `line_benefit`,
 *   `line_paid_to_provider`, `line_paid_to_patient`, `line_paid_by_patient`, `line_deductible`,
 *   `line_coinsurance`, `line_copay`, `line_noncovered`, `line_prior_payer_paid`, `line_discount`,
 *   `line_drug_cost`, and `line_currency`.
 * New columns are only ever appended.
 */
export const CSV_COLUMNS = [
  'eob_id',
  'claim_id',
  'claim_type',
  'claim_family',
  'source_version',
  'status',
  'patient',
  'billable_start',
  'billable_end',
  'service_start',
  'service_end',
  'provider_npi',
  'facility_npi',
  'diagnoses',
  'claim_payment',
  'currency',
  'line_sequence',
  'line_hcpcs',
  'line_ndc',
  'line_revenue_center',
  'line_modifiers',
  'line_quantity',
  'line_days_supply',
  'line_place_of_service',
  'line_service_start',
  'line_service_end',
  'line_provider_npi',
  'line_submitted',
  'line_eligible',
  'line_benefit',
  'line_paid_to_provider',
  'line_paid_to_patient',
  'line_paid_by_patient',
  'line_deductible',
  'line_coinsurance',
  'line_copay',
  'line_noncovered',
  'line_prior_payer_paid',
  'line_discount',
  'line_drug_cost',
  'line_currency',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

type Cell = string | number | undefined;
type Getter = (c: ClaimRecord, l: ClaimLine | undefined) => Cell;

const money = (m: Money | undefined): Cell => m?.value;
const lineAmount =
  (key: keyof Amounts): Getter =>
  (_c, l) =>
    money(l?.amounts[key]);
const firstCurrency = (a: Amounts | undefined): string | undefined => {
  for (const key in a) return a[key as keyof Amounts]?.currency;
  return undefined;
};

const CELLS: { readonly [C in CsvColumn]: Getter } = {
  eob_id: (c) => c.id,
  claim_id: (c) => c.claimId,
  claim_type: (c) => c.type,
  claim_family: (c) => c.family,
  source_version: (c) => c.sourceVersion,
  status: (c) => c.status,
  patient: (c) => c.patient,
  billable_start: (c) => c.billableStart,
  billable_end: (c) => c.billableEnd,
  service_start: (c) => c.serviceStart,
  service_end: (c) => c.serviceEnd,
  provider_npi: (c) => c.providerNpi,
  facility_npi: (c) => c.facilityNpi,
  diagnoses: (c) => c.diagnoses.map((d) => d.code).join(';'),
  claim_payment: (c) => money(c.payment),
  currency: (c) => c.payment?.currency,
  line_sequence: (_c, l) => l?.sequence,
  line_hcpcs: (_c, l) => l?.hcpcs,
  line_ndc: (_c, l) => l?.ndc,
  line_revenue_center: (_c, l) => l?.revenueCenter,
  line_modifiers: (_c, l) => l?.modifiers.join(';'),
  line_quantity: (_c, l) => l?.quantity,
  line_days_supply: (_c, l) => l?.daysSupply,
  line_place_of_service: (_c, l) => l?.placeOfService,
  line_service_start: (_c, l) => l?.serviceStart,
  line_service_end: (_c, l) => l?.serviceEnd,
  line_provider_npi: (_c, l) => l?.providerNpi,
  line_submitted: lineAmount('submitted'),
  line_eligible: lineAmount('eligible'),
  line_benefit: lineAmount('benefit'),
  line_paid_to_provider: lineAmount('paidToProvider'),
  line_paid_to_patient: lineAmount('paidToPatient'),
  line_paid_by_patient: lineAmount('paidByPatient'),
  line_deductible: lineAmount('deductible'),
  line_coinsurance: lineAmount('coinsurance'),
  line_copay: lineAmount('copay'),
  line_noncovered: lineAmount('noncovered'),
  line_prior_payer_paid: lineAmount('priorPayerPaid'),
  line_discount: lineAmount('discount'),
  line_drug_cost: lineAmount('drugCost'),
  line_currency: (_c, l) => firstCurrency(l?.amounts),
};

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  const s = String(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The CSV rows of one claim (one per line, or one when it has none), each ending in CRLF. */
export function csvRows(claim: ClaimRecord): string {
  const lines: readonly (ClaimLine | undefined)[] = claim.lines.length > 0 ? claim.lines : [undefined];
  let out = '';
  for (const line of lines) {
    out += `${CSV_COLUMNS.map((col) => csvField(CELLS[col](claim, line))).join(',')}\r\n`;
  }
  return out;
}

/**
 * Streams CSV: the header row, then each claim's rows, one string chunk per claim. Accepts EOBs of any
 * version or normalized records, from an array, a generator or `client.vN.ExplanationOfBenefit.all()`.
 *
 * @throws BlueButtonError `INVALID_PARAMS` (while iterating) for an item that is neither an EOB nor a record.
 * @example
 * await pipeline(Readable.from(toCsv(client.v2.ExplanationOfBenefit.all())), createWriteStream('lines.csv'));
 */
export async function* toCsv(source: ClaimSource): AsyncGenerator<string, void, undefined> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for await (const claim of claimsOf(source)) yield csvRows(claim);
}
