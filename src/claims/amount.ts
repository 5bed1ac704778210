/**
 * Amounts of a claim or a claim line by meaning, whichever code system BB2 used for it: C4BB and HL7
 * adjudication categories (v2, v3), BB2's `variables/*` codes (v1, v2) and v3's IDR names.
 */
import { CODE_SYSTEMS } from '../types.js';
import {
  AMOUNT_KINDS,
  type AmountKind,
  BB2_AMOUNT_CODES,
  CATEGORY_SYSTEMS,
  V3_ADJUDICATION_SYSTEM,
} from './code-tables.js';
import {
  type AnyExplanationOfBenefit,
  codingsOf,
  isNumber,
  isString,
  type LooseAdjudication,
  type LooseConcept,
  type LooseEob,
  type LooseItem,
  type LooseMoney,
  list,
  systemOf,
} from './fhir-loose.js';

/** A sum of money with its ISO 4217 currency, as BB2 sent it (`USD` when BB2 named none). */
export interface Money {
  readonly value: number;
  readonly currency: string;
}

/** An EOB's claim line, any version: what `amount(item, kind)` accepts. */
export type AnyEobItem = NonNullable<AnyExplanationOfBenefit['item']>[number];

/** BB2 amount codes keyed as they arrive (full `variables/*` URL, v3 name): one lookup per coding. */
const BB2_BY_URL: ReadonlyMap<string, AmountKind | null> = new Map(
  Object.entries(BB2_AMOUNT_CODES).map(([name, kind]) => [`${CODE_SYSTEMS.variables}${name}`, kind]),
);
const V3_BY_CODE: ReadonlyMap<string, AmountKind | null> = new Map(Object.entries(BB2_AMOUNT_CODES));

/** What an `adjudication` or `total` category means: a BB2 code first, then a C4BB / HL7 category. */
export function amountKindOf(category: LooseConcept | undefined): AmountKind | null | undefined {
  let generic: AmountKind | undefined;
  for (const c of codingsOf(category)) {
    const code = c?.code;
    if (!isString(code)) continue;
    const system = systemOf(c);
    if (system === CODE_SYSTEMS.adjudication || system === V3_ADJUDICATION_SYSTEM) {
      const kind = (system === V3_ADJUDICATION_SYSTEM ? V3_BY_CODE : BB2_BY_URL).get(code);
      if (kind !== undefined) return kind;
    } else if (generic === undefined && system !== undefined && CATEGORY_SYSTEMS.includes(system)) {
      generic = isAmountKind(code) ? code : undefined;
    }
  }
  return generic;
}

const KINDS: ReadonlySet<string> = new Set(AMOUNT_KINDS);
const isAmountKind = (code: string): code is AmountKind => KINDS.has(code);

/** A FHIR Money (R4 `currency`, STU3 `code`) as Money, or undefined when it has no finite value. */
export function toMoney(m: LooseMoney | undefined): Money | undefined {
  if (!m || !isNumber(m.value)) return undefined;
  const currency = isString(m.currency) ? m.currency : isString(m.code) ? m.code : 'USD';
  return { value: m.value, currency };
}

/** Adds b to a; keeps a's currency (a mixed-currency sum is reported by checkClaim). */
export function addMoney(a: Money | undefined, b: Money): Money {
  if (!a) return b;
  return { value: Math.round((a.value + b.value) * 100) / 100, currency: a.currency };
}

/** Sums the entries of one meaning (several BB2 amounts share one, e.g. two prior payers). */
export function sumAdjudications(entries: readonly LooseAdjudication[], kind: AmountKind): Money | undefined {
  let total: Money | undefined;
  for (const a of entries) {
    if (amountKindOf(a?.category) !== kind) continue;
    const m = toMoney(a.amount);
    if (m) total = addMoney(total, m);
  }
  return total;
}

/** Every AmountKind present on a list of adjudications, summed. */
export function amountsOf(entries: readonly LooseAdjudication[]): Partial<Record<AmountKind, Money>> {
  const out: Partial<Record<AmountKind, Money>> = {};
  for (const a of entries) {
    const kind = amountKindOf(a?.category);
    const m = toMoney(a?.amount);
    if (kind && m) out[kind] = addMoney(out[kind], m);
  }
  return out;
}

const isEob = (x: LooseEob | LooseItem): x is LooseEob =>
  (x as LooseEob).resourceType === 'ExplanationOfBenefit';

/**
 * The amount of one meaning on a claim line (its `adjudication`) or on a whole claim: the claim's `total`
 * entry when BB2 sent one, else the sum over its lines. Undefined when BB2 sent no such amount.
 *
 * @example
 * amount(eob, 'paidtoprovider')?.value;   // whichever of C4BB, `variables/*` or v3 codes BB2 used
 * amount(eob.item[0], 'submitted');
 */
export function amount(itemOrEob: AnyExplanationOfBenefit | AnyEobItem, kind: AmountKind): Money | undefined {
  const x: LooseEob | LooseItem = itemOrEob;
  if (!isEob(x)) return sumAdjudications(list(x.adjudication), kind);
  const total = sumAdjudications(list(x.total), kind);
  if (total) return total;
  let sum: Money | undefined;
  for (const item of list(x.item)) {
    const m = sumAdjudications(list(item?.adjudication), kind);
    if (m) sum = addMoney(sum, m);
  }
  return sum;
}
