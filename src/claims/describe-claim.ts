/**
 * `describeClaim`: one plain sentence per claim, in English or Spanish (BB2's consent screen speaks both):
 * "Office visit with provider NPI 1234567893 on March 6, 2021: billed $45.16, Medicare paid $23.37, you
 * may owe $5.84".
 */
import type { ClaimType } from '../types.js';
import type { Money } from './amount.js';
import type { ClaimRecord } from './claim-record.js';

export type DescribeLanguage = 'en' | 'es';

export interface DescribeClaimOptions {
  /** Default `en`. */
  readonly lang?: DescribeLanguage;
  /** A name for the provider (BB2 sends NPIs only); default "provider NPI <npi>". */
  readonly providerName?: string;
}

interface Phrases {
  readonly kinds: { readonly [T in ClaimType | 'unknown']: string };
  readonly months: readonly string[];
  readonly date: (day: number, month: string, year: string) => string;
  readonly provider: (npi: string) => string;
  readonly withProvider: string;
  readonly on: string;
  readonly billed: string;
  readonly paid: (pharmacy: boolean) => string;
  readonly owe: string;
}

const PHRASES: { readonly [L in DescribeLanguage]: Phrases } = {
  en: {
    kinds: {
      carrier: 'Office visit',
      dme: 'Medical equipment',
      hha: 'Home health care',
      hospice: 'Hospice care',
      inpatient: 'Hospital stay',
      outpatient: 'Outpatient hospital visit',
      pde: 'Prescription fill',
      snf: 'Skilled nursing facility stay',
      unknown: 'Claim',
    },
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    date: (day, month, year) => `${month} ${day}, ${year}`,
    provider: (npi) => `provider NPI ${npi}`,
    withProvider: 'with',
    on: 'on',
    billed: 'billed',
    paid: (pharmacy) => (pharmacy ? 'your drug plan paid' : 'Medicare paid'),
    owe: 'you may owe',
  },
  es: {
    kinds: {
      carrier: 'Consulta médica',
      dme: 'Equipo médico',
      hha: 'Atención médica en el hogar',
      hospice: 'Cuidados paliativos',
      inpatient: 'Estancia en el hospital',
      outpatient: 'Visita ambulatoria al hospital',
      pde: 'Receta surtida',
      snf: 'Estancia en un centro de enfermería especializada',
      unknown: 'Reclamación',
    },
    months: [
      'enero',
      'febrero',
      'marzo',
      'abril',
      'mayo',
      'junio',
      'julio',
      'agosto',
      'septiembre',
      'octubre',
      'noviembre',
      'diciembre',
    ],
    date: (day, month, year) => `${day} de ${month} de ${year}`,
    provider: (npi) => `el proveedor NPI ${npi}`,
    withProvider: 'con',
    on: 'el',
    billed: 'facturado',
    paid: (pharmacy) => (pharmacy ? 'su plan de medicamentos pagó' : 'Medicare pagó'),
    owe: 'usted podría deber',
  },
};

/** `$1,234.56` for USD, `1,234.56 EUR` otherwise. */
export function formatMoney(m: Money): string {
  const [whole = '0', cents = '00'] = Math.abs(m.value).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = m.value < 0 ? '-' : '';
  return m.currency === 'USD' ? `${sign}$${grouped}.${cents}` : `${sign}${grouped}.${cents} ${m.currency}`;
}

function formatDate(iso: string, p: Phrases): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? p.months[Number(m[2]) - 1] : undefined;
  return m && month ? p.date(Number(m[3]), month, m[1] ?? '') : iso;
}

/** What the patient may owe: `paidByPatient`, else deductible + coinsurance + copay. */
function patientShare(c: ClaimRecord): Money | undefined {
  const direct = c.totals.paidByPatient ?? c.amounts.paidByPatient;
  if (direct) return direct;
  const parts = [c.amounts.deductible, c.amounts.coinsurance, c.amounts.copay].filter((m) => m !== undefined);
  const [first] = parts;
  if (!first) return undefined;
  return { value: Math.round(parts.reduce((n, m) => n + m.value, 0) * 100) / 100, currency: first.currency };
}

/**
 * A one-sentence summary of a normalized claim; parts BB2 did not send are left out.
 *
 * @example
 * describeClaim(toClaim(eob));                 // "Office visit with provider NPI 1234567893 on March 6, 2021: billed $45.16, ..."
 * describeClaim(toClaim(eob), { lang: 'es' }); // "Consulta médica con el proveedor NPI 1234567893 el 6 de marzo de 2021: ..."
 */
export function describeClaim(claim: ClaimRecord, options: DescribeClaimOptions = {}): string {
  const p = PHRASES[options.lang ?? 'en'];
  const npi = claim.providerNpi ?? claim.careTeam.find((m) => m.npi)?.npi;
  const provider = options.providerName ?? (npi ? p.provider(npi) : undefined);
  let head = p.kinds[claim.type];
  if (provider) head += ` ${p.withProvider} ${provider}`;
  const date = claim.serviceStart ?? claim.billableStart;
  if (date) head += ` ${p.on} ${formatDate(date, p)}`;
  const billed =
    claim.totals.submitted ?? claim.amounts.submitted ?? claim.totals.drugCost ?? claim.amounts.drugCost;
  const paid = claim.payment ?? claim.totals.benefit ?? claim.amounts.benefit;
  const owe = patientShare(claim);
  const parts = [
    billed && `${p.billed} ${formatMoney(billed)}`,
    paid && `${p.paid(claim.type === 'pde')} ${formatMoney(paid)}`,
    owe && `${p.owe} ${formatMoney(owe)}`,
  ].filter((s) => typeof s === 'string');
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}
