/**
 * `supportingInfo` slices by their C4BB name, typed per slice, whichever code BB2 used: C4BB
 * SupportingInfoType (v2, v3), BB2 `information` variables (v1 `information`, older v2 entries) and v3
 * Supporting-Information codes. v1 keeps the admission period in `hospitalization`.
 */
import { CODE_SYSTEMS } from '../types.js';
import {
  SUPPORTING_INFO_ALIASES,
  SUPPORTING_INFO_SLICES,
  type SupportingInfoSliceName,
  V3_SUPPORTING_INFO_SYSTEM,
} from './code-tables.js';
import {
  type AnyExplanationOfBenefit,
  codingsOf,
  isNumber,
  isString,
  type LooseEob,
  type LoosePeriod,
  type LooseSupportingInfo,
  list,
  systemOf,
} from './fhir-loose.js';

/** A period with either end possibly absent (`YYYY-MM-DD`). */
export interface DatePeriod {
  readonly start?: string;
  readonly end?: string;
}

/** The value type of each slice. */
export interface SupportingInfoValues {
  readonly admissionperiod: DatePeriod;
  readonly clmrecvddate: string;
  readonly typeofbill: string;
  readonly dayssupply: number;
  readonly refillnum: number;
  readonly 'discharge-status': string;
  readonly admtype: string;
  readonly pointoforigin: string;
  readonly drg: string;
  readonly brandgenericindicator: string;
  readonly compoundcode: string;
  readonly rxorigincode: string;
}

type ValueKind = 'period' | 'date' | 'code' | 'number';
const VALUE_KINDS: { readonly [S in SupportingInfoSliceName]: ValueKind } = {
  admissionperiod: 'period',
  clmrecvddate: 'date',
  typeofbill: 'code',
  dayssupply: 'number',
  refillnum: 'number',
  'discharge-status': 'code',
  admtype: 'code',
  pointoforigin: 'code',
  drg: 'code',
  brandgenericindicator: 'code',
  compoundcode: 'code',
  rxorigincode: 'code',
};

const SLICES: ReadonlySet<string> = new Set(SUPPORTING_INFO_SLICES);

/** The slice an entry belongs to: a C4BB code first, then a BB2 variable or v3 alias. */
function sliceOf(
  entry: LooseSupportingInfo,
): { slice: SupportingInfoSliceName; direct: boolean } | undefined {
  let alias: SupportingInfoSliceName | undefined;
  for (const c of codingsOf(entry?.category)) {
    const system = systemOf(c);
    const code = c?.code;
    if (!isString(code)) continue;
    if (system === CODE_SYSTEMS.c4bbSupportingInfoType && SLICES.has(code)) {
      return { slice: code as SupportingInfoSliceName, direct: true };
    }
    const name =
      system === CODE_SYSTEMS.information && code.startsWith(CODE_SYSTEMS.variables)
        ? code.slice(CODE_SYSTEMS.variables.length)
        : system === V3_SUPPORTING_INFO_SYSTEM
          ? code
          : undefined;
    if (name !== undefined) alias ??= SUPPORTING_INFO_ALIASES[name];
  }
  return alias ? { slice: alias, direct: false } : undefined;
}

function periodOf(p: LoosePeriod | undefined): DatePeriod | undefined {
  if (!p || (!isString(p.start) && !isString(p.end))) return undefined;
  return { ...(isString(p.start) ? { start: p.start } : {}), ...(isString(p.end) ? { end: p.end } : {}) };
}

function sliceValue(entry: LooseSupportingInfo, kind: ValueKind): DatePeriod | string | number | undefined {
  switch (kind) {
    case 'period':
      return periodOf(entry.timingPeriod);
    case 'date':
      return isString(entry.timingDate) ? entry.timingDate : undefined;
    case 'number':
      return isNumber(entry.valueQuantity?.value) ? entry.valueQuantity.value : undefined;
    case 'code': {
      const code = codingsOf(entry.code).find((c) => isString(c?.code))?.code;
      return isString(code) ? code : isString(entry.valueString) ? entry.valueString : undefined;
    }
  }
}

/**
 * The value of one supporting-info slice, typed per slice; undefined when absent. A C4BB-coded entry wins
 * over an alias (a v1 `information` variable, a v3 Supporting-Information code).
 *
 * @example
 * supportingInfo(eob, 'admissionperiod')?.start;   // string | undefined
 * supportingInfo(eob, 'dayssupply');               // number | undefined
 */
export function supportingInfo<S extends SupportingInfoSliceName>(
  eob: AnyExplanationOfBenefit,
  slice: S,
): SupportingInfoValues[S] | undefined {
  const e: LooseEob = eob;
  const kind = VALUE_KINDS[slice];
  let fallback: DatePeriod | string | number | undefined;
  for (const entry of [...list(e.supportingInfo), ...list(e.information)]) {
    const found = sliceOf(entry);
    if (found?.slice !== slice) continue;
    const value = sliceValue(entry, kind);
    if (value === undefined) continue;
    if (found.direct) return value as SupportingInfoValues[S];
    fallback ??= value;
  }
  if (fallback === undefined && slice === 'admissionperiod') fallback = periodOf(e.hospitalization);
  if (fallback === undefined && kind === 'number') fallback = quantityExtension(e, slice);
  return fallback as SupportingInfoValues[S] | undefined;
}

/** A slice that v1 (and older v2) PDEs send as an extension of `item.quantity` instead. */
function quantityExtension(e: LooseEob, slice: SupportingInfoSliceName): number | undefined {
  for (const item of list(e.item)) {
    for (const ext of list(item?.quantity?.extension)) {
      const url = ext?.url;
      if (!isString(url) || !url.startsWith(CODE_SYSTEMS.variables)) continue;
      const value = ext.valueQuantity?.value;
      if (SUPPORTING_INFO_ALIASES[url.slice(CODE_SYSTEMS.variables.length)] === slice && isNumber(value))
        return value;
    }
  }
  return undefined;
}
