/**
 * `toClaim(eob)`: one normalized record per EOB, the same shape for v1, v2 and v3 (claim-record.ts says
 * where each field comes from). Never throws on real BB2 data: a field BB2 left out is absent.
 */
import { BlueButtonError } from '../errors/blue-button-error.js';
import { CODE_SYSTEMS } from '../types.js';
import { addMoney, amountsOf, type Money, toMoney } from './amount.js';
import {
  AMOUNT_FIELDS,
  type Amounts,
  type CareTeamMember,
  type ClaimLine,
  type ClaimRecord,
  type Diagnosis,
  type Procedure,
} from './claim-record.js';
import { CLAIM_FAMILIES, claimTypeOf } from './claim-type.js';
import {
  type AmountKind,
  DIAGNOSIS_ROLES,
  DIAGNOSIS_SYSTEMS,
  MODIFIER_SYSTEMS,
  PLACE_OF_SERVICE_SYSTEMS,
  REVENUE_SYSTEMS,
  SERVICE_CODE_SYSTEMS,
} from './code-tables.js';
import {
  type AnyExplanationOfBenefit,
  codeIn,
  codingsOf,
  isNumber,
  isString,
  type LooseConcept,
  type LooseContained,
  type LooseEob,
  type LooseItem,
  type LooseReference,
  list,
  systemOf,
} from './fhir-loose.js';
import { supportingInfo } from './supporting-info.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const V3_SYSTEMS: readonly string[] = [CODE_SYSTEMS.v3EobType, CODE_SYSTEMS.v3ClaimTypeCode];

/** Which API version's shape an EOB has. */
export function sourceVersionOf(e: LooseEob): 1 | 2 | 3 {
  const systems = codingsOf(e.type).map(systemOf);
  if (systems.some((s) => s !== undefined && V3_SYSTEMS.includes(s))) return 3;
  if (isString(e.meta?.source) || list(e.meta?.profile).some((p) => isString(p) && p.includes('|'))) return 3;
  if (systems.includes(CODE_SYSTEMS.claimTypeStu3) || e.information !== undefined) return 1;
  return 2;
}

const NPI_TYPE_CODES: ReadonlySet<string> = new Set(['npi', 'NPI']);

/** The NPI a reference names: its identifier, or the contained resource it points at (`#id`). */
function npiOf(ref: LooseReference | undefined, contained: readonly LooseContained[]): string | undefined {
  if (!ref) return undefined;
  const id = ref.identifier;
  if (id && isString(id.value)) {
    const system = typeof id.system === 'string' ? id.system.trim() : undefined;
    if (system === CODE_SYSTEMS.npi) return id.value;
    if (
      system === undefined &&
      codingsOf(id.type).some((c) => isString(c?.code) && NPI_TYPE_CODES.has(c?.code))
    ) {
      return id.value;
    }
  }
  const r = ref.reference;
  if (isString(r) && r.startsWith('#')) {
    const target = contained.find((c) => c?.id === r.slice(1));
    for (const i of list(target?.identifier)) {
      if (isString(i?.value) && typeof i.system === 'string' && i.system.trim() === CODE_SYSTEMS.npi)
        return i.value;
    }
  }
  return undefined;
}

function toAmounts(kinds: Partial<Record<AmountKind, Money>>): Amounts {
  const out: Partial<Writable<Record<(typeof AMOUNT_FIELDS)[AmountKind], Money>>> = {};
  for (const kind in kinds) {
    const m = kinds[kind as AmountKind];
    if (m) out[AMOUNT_FIELDS[kind as AmountKind]] = m;
  }
  return out;
}

function sumAmounts(lines: readonly ClaimLine[]): Amounts {
  const out: Partial<Writable<Record<(typeof AMOUNT_FIELDS)[AmountKind], Money>>> = {};
  for (const line of lines) {
    for (const field in line.amounts) {
      const key = field as keyof Amounts;
      const m = line.amounts[key];
      if (m) out[key] = addMoney(out[key], m);
    }
  }
  return out;
}

const normalizeCode = (code: string): string => code.replaceAll('.', '').trim().toUpperCase();

/** The first coding with a code, preferring an ICD system; the system normalized to the ICD revision. */
function icdOf(concept: LooseConcept | undefined): { code: string; system: string } | undefined {
  let first: { code: string; system: string } | undefined;
  for (const c of codingsOf(concept)) {
    if (!isString(c?.code)) continue;
    const system = systemOf(c) ?? '';
    const icd = DIAGNOSIS_SYSTEMS[system];
    if (icd) return { code: normalizeCode(c?.code), system: icd };
    first ??= { code: normalizeCode(c?.code), system };
  }
  return first;
}

function diagnosesOf(e: LooseEob): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const d of list(e.diagnosis)) {
    const icd = icdOf(d?.diagnosisCodeableConcept);
    if (!icd) continue;
    const dx: Writable<Diagnosis> = { code: icd.code, system: icd.system };
    if (isNumber(d.sequence)) dx.sequence = d.sequence;
    for (const t of list(d.type)) {
      const role = codingsOf(t)
        .map((c) => (isString(c?.code) ? DIAGNOSIS_ROLES[c?.code] : undefined))
        .find(isString);
      if (role) {
        dx.role = role;
        break;
      }
    }
    out.push(dx);
  }
  return out;
}

function proceduresOf(e: LooseEob): Procedure[] {
  const out: Procedure[] = [];
  for (const p of list(e.procedure)) {
    const icd = icdOf(p?.procedureCodeableConcept);
    if (!icd) continue;
    const proc: Writable<Procedure> = { code: icd.code, system: icd.system };
    if (isNumber(p.sequence)) proc.sequence = p.sequence;
    if (isString(p.date)) proc.date = p.date.slice(0, 10);
    out.push(proc);
  }
  return out;
}

function careTeamOf(e: LooseEob, contained: readonly LooseContained[]): CareTeamMember[] {
  return list(e.careTeam).map((m) => {
    const member: Writable<CareTeamMember> = {};
    if (isNumber(m?.sequence)) member.sequence = m.sequence;
    const npi = npiOf(m?.provider, contained);
    if (npi) member.npi = npi;
    const role = codingsOf(m?.role).find((c) => isString(c?.code))?.code;
    if (role) member.role = role;
    return member;
  });
}

function serviceCodes(concept: LooseConcept | undefined): { hcpcs?: string; ndc?: string } {
  const out: { hcpcs?: string; ndc?: string } = {};
  for (const c of codingsOf(concept)) {
    const kind = SERVICE_CODE_SYSTEMS[systemOf(c) ?? ''];
    if (kind && isString(c?.code) && out[kind] === undefined) out[kind] = c?.code.trim();
  }
  return out;
}

function lineOf(
  item: LooseItem,
  index: number,
  team: readonly CareTeamMember[],
  daysSupply: number | undefined,
): ClaimLine {
  const line: Writable<ClaimLine> = {
    sequence: isNumber(item.sequence) ? item.sequence : index + 1,
    modifiers: list(item.modifier)
      .map((m) => codeIn(m, MODIFIER_SYSTEMS) ?? codingsOf(m).find((c) => isString(c?.code))?.code)
      .filter(isString),
    amounts: toAmounts(amountsOf(list(item.adjudication))),
  };
  const { hcpcs, ndc } = serviceCodes(item.productOrService ?? item.service);
  if (hcpcs) line.hcpcs = hcpcs;
  if (ndc) line.ndc = ndc;
  const revenue = codeIn(item.revenue, REVENUE_SYSTEMS);
  if (revenue) line.revenueCenter = revenue;
  if (isNumber(item.quantity?.value)) line.quantity = item.quantity.value;
  if (daysSupply !== undefined) line.daysSupply = daysSupply;
  const pos = codeIn(item.locationCodeableConcept, PLACE_OF_SERVICE_SYSTEMS);
  if (pos) line.placeOfService = pos;
  const start = isString(item.servicedDate) ? item.servicedDate : item.servicedPeriod?.start;
  const end = isString(item.servicedDate) ? item.servicedDate : item.servicedPeriod?.end;
  if (isString(start)) line.serviceStart = start;
  if (isString(end)) line.serviceEnd = end;
  const link = list(item.careTeamSequence ?? item.careTeamLinkId)[0];
  const npi = link === undefined ? undefined : team.find((m) => m.sequence === link)?.npi;
  if (npi) line.providerNpi = npi;
  return line;
}

function identifierValue(e: LooseEob, systems: readonly string[]): string | undefined {
  for (const i of list(e.identifier)) {
    if (isString(i?.value) && typeof i.system === 'string' && systems.includes(i.system.trim()))
      return i.value;
  }
  return undefined;
}

function claimIdOf(e: LooseEob): string | undefined {
  const byVariable = identifierValue(e, [CODE_SYSTEMS.claimId, CODE_SYSTEMS.pdeId]);
  if (byVariable) return byVariable;
  // v3: the C4BB `uc` (unique claim id) identifier without a system.
  const uc = list(e.identifier).find(
    (i) => isString(i?.value) && i.system === undefined && codingsOf(i.type).some((c) => c?.code === 'uc'),
  );
  return uc?.value;
}

/**
 * One normalized record for an EOB of any version (v1 STU3, v2 and v3 R4).
 *
 * @throws BlueButtonError `INVALID_PARAMS` when the value is not an ExplanationOfBenefit resource (a
 *   Bundle, another resource, not an object). Real EOBs that break their profiles never throw.
 * @example
 * const claim = toClaim(eob);
 * claim.type;                               // 'carrier' | 'pde' | ...
 * claim.lines[0]?.amounts.paidToProvider;   // { value, currency }
 */
export function toClaim(eob: AnyExplanationOfBenefit): ClaimRecord {
  const e: LooseEob = eob;
  if (typeof e !== 'object' || e === null || e.resourceType !== 'ExplanationOfBenefit') {
    const what = typeof e === 'object' && e !== null ? `resourceType ${String(e.resourceType)}` : typeof e;
    throw new BlueButtonError(
      'INVALID_PARAMS',
      `toClaim expects an ExplanationOfBenefit resource, got ${what}`,
    );
  }
  const contained = list(e.contained);
  const type = claimTypeOf(eob);
  const careTeam = careTeamOf(e, contained);
  const daysSupply = type === 'pde' ? supportingInfo(eob, 'dayssupply') : undefined;
  const lines = list(e.item).map((item, i) => lineOf(item ?? {}, i, careTeam, daysSupply));
  const totals: Writable<Amounts> = toAmounts(amountsOf(list(e.total)));
  // STU3 (v1) has no `total`: `totalCost` is the billed charge, for a PDE the total drug cost.
  const totalCost = toMoney(e.totalCost);
  const costField = type === 'pde' ? 'drugCost' : 'submitted';
  if (totalCost && !totals[costField]) totals[costField] = totalCost;
  const totalBenefit = toMoney(e.totalBenefit);
  if (totalBenefit && !totals.benefit) totals.benefit = totalBenefit;

  const base = {
    id: isString(e.id) ? e.id : '',
    sourceVersion: sourceVersionOf(e),
    careTeam,
    diagnoses: diagnosesOf(e),
    procedures: proceduresOf(e),
    totals,
    amounts: sumAmounts(lines),
    lines,
  };
  const claim: Writable<ClaimRecord> =
    type === undefined
      ? { ...base, type: 'unknown', family: 'unknown' }
      : CLAIM_FAMILIES[type] === 'pharmacy'
        ? { ...base, type: 'pde', family: 'pharmacy' }
        : type === 'carrier' || type === 'dme'
          ? { ...base, type, family: 'professional' }
          : { ...base, type: type as 'inpatient', family: 'institutional' };
  fillHeader(claim, e, contained, lines);
  if (claim.family === 'pharmacy') fillPharmacy(claim, eob, careTeam, lines, daysSupply);
  if (claim.family === 'institutional') fillInstitutional(claim, eob);
  return claim;
}

function fillHeader(
  c: Writable<ClaimRecord>,
  e: LooseEob,
  contained: readonly LooseContained[],
  lines: readonly ClaimLine[],
): void {
  const claimId = claimIdOf(e);
  if (claimId) c.claimId = claimId;
  const group = identifierValue(e, [CODE_SYSTEMS.claimGroup]);
  if (group) c.claimGroup = group;
  if (isString(e.status)) c.status = e.status;
  if (isString(e.outcome)) c.outcome = e.outcome;
  const patient = e.patient?.reference;
  if (isString(patient)) c.patient = patient.replace(/^Patient\//, '');
  const { start, end } = e.billablePeriod ?? {};
  if (isString(start)) c.billableStart = start;
  if (isString(end)) c.billableEnd = end;
  let first: string | undefined;
  let last: string | undefined;
  for (const l of lines) {
    if (l.serviceStart && (first === undefined || l.serviceStart < first)) first = l.serviceStart;
    if (l.serviceEnd && (last === undefined || l.serviceEnd > last)) last = l.serviceEnd;
  }
  const serviceStart = first ?? (isString(start) ? start : undefined);
  const serviceEnd = last ?? (isString(end) ? end : undefined);
  if (serviceStart) c.serviceStart = serviceStart;
  if (serviceEnd) c.serviceEnd = serviceEnd;
  if (isString(e.created)) c.created = e.created;
  const provider = npiOf(e.provider, contained) ?? npiOf(e.organization, contained);
  if (provider) c.providerNpi = provider;
  const facility = npiOf(e.facility, contained);
  if (facility) c.facilityNpi = facility;
  const payment = toMoney(e.payment?.amount);
  if (payment) c.payment = payment;
}

function fillPharmacy(
  c: Writable<ClaimRecord> & { family: 'pharmacy' },
  eob: AnyExplanationOfBenefit,
  team: readonly CareTeamMember[],
  lines: readonly ClaimLine[],
  daysSupply: number | undefined,
): void {
  if (daysSupply !== undefined) c.daysSupply = daysSupply;
  const refill = supportingInfo(eob, 'refillnum');
  if (refill !== undefined) c.refillNumber = refill;
  const ndc = lines.find((l) => l.ndc)?.ndc;
  if (ndc) c.ndc = ndc;
  const prescriber = team.find((m) => m.role === 'prescribing' || m.role === 'primary')?.npi;
  if (prescriber) c.prescriberNpi = prescriber;
}

function fillInstitutional(
  c: Writable<ClaimRecord> & { family: 'institutional' },
  eob: AnyExplanationOfBenefit,
): void {
  const typeOfBill = supportingInfo(eob, 'typeofbill');
  if (typeOfBill) c.typeOfBill = typeOfBill;
  const admission = supportingInfo(eob, 'admissionperiod');
  if (admission) c.admissionPeriod = admission;
  const discharge = supportingInfo(eob, 'discharge-status');
  if (discharge) c.dischargeStatus = discharge;
  const drg = supportingInfo(eob, 'drg') ?? drgOfDiagnoses(eob);
  if (drg) c.drg = drg;
  const admType = supportingInfo(eob, 'admtype');
  if (admType) c.admissionType = admType;
}

const DRG_SYSTEMS: readonly string[] = [`${CODE_SYSTEMS.variables}clm_drg_cd`];

/** BFD v1 sends the DRG only as a diagnosis's `packageCode`, never as an `information` row. */
function drgOfDiagnoses(eob: AnyExplanationOfBenefit): string | undefined {
  const e: LooseEob = eob;
  for (const d of list(e.diagnosis)) {
    const code = codeIn(d?.packageCode, DRG_SYSTEMS);
    if (code) return code;
  }
  return undefined;
}

/** The normalized lines of an EOB (`toClaim(eob).lines`). */
export function claimLines(eob: AnyExplanationOfBenefit): readonly ClaimLine[] {
  return toClaim(eob).lines;
}
