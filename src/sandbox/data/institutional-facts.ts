/**
 * What a facility claim says about the stay beyond its lines: type of bill, admission, discharge, DRG
 * and ICD procedures; and the HCPCS modifiers of every line. Drawn here, once per claim, so the v1, v2
 * and v3 builders render the same facts (each in its version's form) instead of per-version template
 * literals. Its own PRNG stream (SALT.claimFacts) leaves every value drawn before it unchanged.
 */
import type { ClaimType } from '../../types.js';
import { CLAIM_TYPE_INFO, type CodeDisplay } from './claim-types.js';
import type { ClaimHeader } from './dataset-types.js';
import { dateToDay, dayToDate } from './dates.js';
import {
  ADMISSION_TYPES,
  CLAIM_FREQUENCIES,
  DISCHARGE_STATUSES,
  DRGS,
  MODIFIERS,
  PROCEDURES,
} from './institutional-codes.js';
import type { Rng } from './prng.js';

export interface ProcedureFact {
  /** ICD-10-PCS, no dots. */
  readonly code: string;
  readonly display: string;
  readonly date: string;
}

/** The three parts of the NUBC type of bill `0<facility><classification><frequency>`. */
export interface TypeOfBill {
  /** clm_fac_type_cd. */
  readonly facility: string;
  /** clm_srvc_clsfctn_type_cd. */
  readonly classification: string;
  /** clm_freq_cd. */
  readonly frequency: CodeDisplay;
}

export interface InstitutionalFacts {
  readonly typeOfBill: TypeOfBill;
  /** Every facility claim but outpatient: the stay (home health: the episode). */
  readonly admissionPeriod: { readonly start: string; readonly end: string } | undefined;
  /** clm_ip_admsn_type_cd: inpatient and SNF stays only. */
  readonly admissionType: CodeDisplay | undefined;
  readonly dischargeStatus: CodeDisplay;
  /** MS-DRG: inpatient and SNF stays only. */
  readonly drg: string | undefined;
  readonly procedures: readonly ProcedureFact[];
}

/** The four-character type of bill v3 sends whole (`0111`). */
export function typeOfBillCode(tob: TypeOfBill): string {
  return `0${tob.facility}${tob.classification}${tob.frequency.code}`;
}

const CLASSIFICATION: Partial<Record<ClaimType, string>> = {
  inpatient: '1',
  snf: '1',
  hospice: '1',
  hha: '2',
  outpatient: '3',
};

const F = CLAIM_FREQUENCIES;
const D = DISCHARGE_STATUSES;
const DISCHARGES: Partial<Record<ClaimType, readonly CodeDisplay[]>> = {
  inpatient: [D.home, D.home, D.snf, D.homeHealth, D.hospiceFacility, D.expired],
  outpatient: [D.home],
  snf: [D.home, D.homeHealth, D.expired],
  hha: [D.home, D.stillPatient],
  hospice: [D.expired, D.hospiceHome],
};

function frequencyFor(rng: Rng, type: ClaimType): CodeDisplay {
  if (type === 'inpatient' || type === 'outpatient') return F.admitThroughDischarge;
  return rng.pick([F.admitThroughDischarge, F.interimFirst, F.interimContinuing, F.interimLast]);
}

function proceduresFor(rng: Rng, type: ClaimType, header: ClaimHeader): ProcedureFact[] {
  const count =
    type === 'inpatient'
      ? rng.int(1, 3)
      : rng.chance(type === 'snf' ? 0.5 : type === 'outpatient' ? 0.3 : 0.15)
        ? 1
        : 0;
  const first = dateToDay(header.start);
  const last = dateToDay(header.end);
  const chosen: ProcedureFact[] = [];
  while (chosen.length < count) {
    const p = rng.pick(PROCEDURES);
    if (chosen.some((c) => c.code === p.code)) continue;
    chosen.push({ ...p, date: dayToDate(rng.int(first, last)) });
  }
  return chosen;
}

/** The facts of a facility claim; undefined for carrier, DME and Part D claims. */
export function drawInstitutionalFacts(
  rng: Rng,
  type: ClaimType,
  header: ClaimHeader,
): InstitutionalFacts | undefined {
  const info = CLAIM_TYPE_INFO[type];
  const classification = CLASSIFICATION[type];
  const discharges = DISCHARGES[type];
  if (info.lineKind !== 'institutional' || !info.facilityType || !classification || !discharges)
    return undefined;
  const frequency = frequencyFor(rng, type);
  const stay = type === 'inpatient' || type === 'snf';
  // An interim bill is sent while the patient is still in care.
  const interim = frequency === F.interimFirst || frequency === F.interimContinuing;
  return {
    typeOfBill: { facility: info.facilityType.code, classification, frequency },
    admissionPeriod: type === 'outpatient' ? undefined : { start: header.start, end: header.end },
    admissionType: stay ? rng.pick(ADMISSION_TYPES) : undefined,
    dischargeStatus: interim ? D.stillPatient : rng.pick(discharges),
    drg: stay ? rng.pick(DRGS) : undefined,
    procedures: proceduresFor(rng, type, header),
  };
}

/** HCPCS modifiers of a line: only lines billed under a HCPCS code carry them; at most two. */
export function drawModifiers(rng: Rng, type: ClaimType, code: string | undefined): string[] {
  const kind = CLAIM_TYPE_INFO[type].lineKind;
  if (code === undefined || kind === 'pharmacy') return [];
  const catalog =
    type === 'dme'
      ? MODIFIERS.dme
      : kind === 'professional'
        ? MODIFIERS.professional
        : MODIFIERS.institutional;
  const out: string[] = [];
  if (rng.chance(kind === 'professional' ? 0.5 : 0.3)) out.push(rng.pick(catalog));
  if (out.length === 1 && rng.chance(0.25)) {
    const second = rng.pick(catalog);
    if (!out.includes(second)) out.push(second);
  }
  return out;
}
