/**
 * The version-independent content of one claim: who treated the beneficiary, for what, which lines
 * were billed and what was paid. The v1, v2 and v3 EOB builders render this one value, so the three
 * versions of a claim always agree on codes and amounts.
 */
import type { ClaimType } from '../../types.js';
import {
  type AdjudicationDef,
  INSTITUTIONAL_LINE,
  PHARMACY_LINE,
  PROFESSIONAL_LINE,
  STAY_LINE,
} from './adjudication.js';
import { CLAIM_TYPE_INFO, type CodeDisplay } from './claim-types.js';
import {
  DIAGNOSES,
  type Diagnosis,
  DME_SERVICES,
  DRUGS,
  PLACES_OF_SERVICE,
  PROFESSIONAL_SERVICES,
  REVENUE_LINES,
  type RevenueLine,
} from './code-tables.js';
import type { ClaimHeader } from './dataset-types.js';
import { dateToDay, dayToDate } from './dates.js';
import { drawInstitutionalFacts, drawModifiers, type InstitutionalFacts } from './institutional-facts.js';
import {
  type Amounts,
  institutionalAmounts,
  pharmacyAmounts,
  professionalAmounts,
  sumOf,
} from './line-amounts.js';
import { syntheticNpi } from './npi.js';
import { type Rng, rngFor } from './prng.js';
import { SALT } from './salts.js';

export type CareTeamRole = 'performing' | 'referring' | 'attending' | 'operating' | 'prescribing';

export interface CareTeamMember {
  readonly sequence: number;
  readonly npi: string;
  readonly role: CareTeamRole;
}

export interface ClaimLine {
  readonly sequence: number;
  /** HCPCS for medical lines, NDC for drug lines; undefined on revenue-only lines (room and board). */
  readonly code: string | undefined;
  readonly codeDisplay: string | undefined;
  readonly revenue: CodeDisplay | undefined;
  readonly typeOfService: CodeDisplay | undefined;
  readonly placeOfService: CodeDisplay | undefined;
  readonly start: string;
  readonly end: string;
  readonly quantity: number;
  readonly diagnosisSequence: number | undefined;
  readonly careTeamSequence: number;
  /** HCPCS modifiers in order; none on revenue-only and drug lines. */
  readonly modifiers: readonly string[];
  readonly amounts: Amounts;
}

export interface PharmacyFill {
  readonly daysSupply: number;
  readonly refillNumber: number;
  readonly prescriptionNumber: string;
  readonly paymentDate: string;
}

export interface ClaimDetail {
  readonly type: ClaimType;
  readonly claimGroup: string;
  /** CLM-CNTL-NUM, v3's second claim identifier. */
  readonly controlNumber: string;
  /** Billing provider (professional), facility (institutional) or pharmacy (PDE). */
  readonly providerNpi: string;
  /** CMS Certification Number of a facility (prvdr_num). */
  readonly providerNumber: string | undefined;
  readonly careTeam: readonly CareTeamMember[];
  /** The first diagnosis is the principal one. PDE events carry none. */
  readonly diagnoses: readonly Diagnosis[];
  readonly lines: readonly ClaimLine[];
  readonly lineAdjudication: readonly AdjudicationDef[];
  readonly submittedCents: number;
  readonly paymentCents: number;
  readonly patientPaidCents: number;
  /** NCH weekly processing date, BB2's claim-received date. */
  readonly receivedDate: string;
  /** EOB.created: when the claim reached its current state (no clock involved). */
  readonly created: string;
  readonly pharmacy: PharmacyFill | undefined;
  /** Type of bill, admission, discharge, DRG, procedures: facility claims only. */
  readonly institutional: InstitutionalFacts | undefined;
}

/** A line as its layout draws it; its modifiers come from the claim-facts stream afterwards. */
type DrawnLine = Omit<ClaimLine, 'modifiers'>;

function letters(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String.fromCharCode(65 + rng.int(0, 25));
  return out;
}

function distinctDiagnoses(rng: Rng, count: number): Diagnosis[] {
  const chosen: Diagnosis[] = [];
  while (chosen.length < count) {
    const next = rng.pick(DIAGNOSES);
    if (!chosen.includes(next)) chosen.push(next);
  }
  return chosen;
}

function professionalLines(rng: Rng, type: ClaimType, header: ClaimHeader, diagnoses: number): DrawnLine[] {
  const catalog = type === 'dme' ? DME_SERVICES : PROFESSIONAL_SERVICES;
  const count = type === 'dme' ? rng.int(1, 2) : rng.int(1, 4);
  const place = type === 'dme' ? { code: '12', display: 'Home' } : rng.pick(PLACES_OF_SERVICE);
  return Array.from({ length: count }, (_, i) => {
    const service = rng.pick(catalog);
    const quantity = service.unitCents < 2_000 ? rng.int(1, 3) : 1;
    return {
      sequence: i + 1,
      code: service.code,
      codeDisplay: service.display,
      revenue: undefined,
      typeOfService: { code: service.typeOfService, display: service.typeOfServiceDisplay },
      placeOfService: place,
      start: header.start,
      end: header.end,
      quantity,
      diagnosisSequence: rng.int(1, diagnoses),
      careTeamSequence: 1,
      amounts: professionalAmounts(rng, service.unitCents * quantity),
    };
  });
}

function revenueCatalog(type: ClaimType): readonly RevenueLine[] {
  switch (type) {
    case 'inpatient':
    case 'outpatient':
    case 'snf':
    case 'hha':
    case 'hospice':
      return REVENUE_LINES[type];
    default:
      return [];
  }
}

function institutionalLines(rng: Rng, type: ClaimType, header: ClaimHeader, diagnoses: number): DrawnLine[] {
  const firstDay = dateToDay(header.start);
  const days = Math.max(1, dateToDay(header.end) - firstDay);
  const [first, ...optional] = revenueCatalog(type);
  const chosen = [...(first ? [first] : []), ...optional.filter(() => rng.chance(0.5))];
  return chosen.map((line, i) => {
    const units = line.perDay ? days : rng.int(1, 3);
    const visitDay = dayToDate(firstDay + rng.int(0, days - 1));
    return {
      sequence: i + 1,
      code: line.hcpcs,
      codeDisplay: undefined,
      revenue: { code: line.revenue, display: line.revenueDisplay },
      typeOfService: undefined,
      placeOfService: undefined,
      start: line.perDay ? header.start : visitDay,
      end: line.perDay ? header.end : visitDay,
      quantity: units,
      diagnosisSequence: i === 0 ? 1 : rng.int(1, diagnoses),
      careTeamSequence: 1,
      amounts: institutionalAmounts(rng, line.unitCents, units, type === 'outpatient'),
    };
  });
}

function pharmacyLine(rng: Rng, header: ClaimHeader, daysSupply: number): DrawnLine {
  const drug = rng.pick(DRUGS);
  const fills = daysSupply / 30;
  return {
    sequence: 1,
    code: drug.ndc,
    codeDisplay: drug.display,
    revenue: undefined,
    typeOfService: undefined,
    placeOfService: undefined,
    start: header.start,
    end: header.start,
    quantity: daysSupply * rng.int(1, 2),
    diagnosisSequence: undefined,
    careTeamSequence: 1,
    amounts: pharmacyAmounts(rng, drug.fillCents, fills),
  };
}

function careTeamFor(rng: Rng, type: ClaimType): CareTeamMember[] {
  const kind = CLAIM_TYPE_INFO[type].lineKind;
  if (kind === 'pharmacy')
    return [{ sequence: 1, npi: syntheticNpi(rng, 'individual'), role: 'prescribing' }];
  const lead: CareTeamRole = kind === 'professional' ? 'performing' : 'attending';
  const team: CareTeamMember[] = [{ sequence: 1, npi: syntheticNpi(rng, 'individual'), role: lead }];
  if (type === 'inpatient' && rng.chance(0.5)) {
    team.push({ sequence: 2, npi: syntheticNpi(rng, 'individual'), role: 'operating' });
  } else if (kind === 'professional' && rng.chance(0.4)) {
    team.push({ sequence: 2, npi: syntheticNpi(rng, 'individual'), role: 'referring' });
  }
  return team;
}

function linesFor(rng: Rng, type: ClaimType, header: ClaimHeader, diagnoses: number, daysSupply: number) {
  switch (CLAIM_TYPE_INFO[type].lineKind) {
    case 'professional':
      return { lines: professionalLines(rng, type, header, diagnoses), adjudication: PROFESSIONAL_LINE };
    case 'institutional':
      return {
        lines: institutionalLines(rng, type, header, diagnoses),
        adjudication: type === 'inpatient' || type === 'snf' ? STAY_LINE : INSTITUTIONAL_LINE,
      };
    case 'pharmacy':
      return { lines: [pharmacyLine(rng, header, daysSupply)], adjudication: PHARMACY_LINE };
  }
}

/** Which line amounts add up to the claim's charge, payment and patient share, per line layout. */
const SUBMITTED_VARIABLE = {
  professional: 'line_sbmtd_chrg_amt',
  institutional: 'rev_cntr_tot_chrg_amt',
  pharmacy: 'tot_rx_cst_amt',
} as const;
const PAYMENT_VARIABLE = {
  professional: 'line_nch_pmt_amt',
  institutional: 'rev_cntr_pmt_amt_amt',
  pharmacy: 'cvrd_d_plan_pd_amt',
} as const;
const PATIENT_VARIABLES = {
  professional: ['line_bene_ptb_ddctbl_amt', 'line_coinsrnc_amt'],
  institutional: ['rev_cntr_ptnt_rspnsblty_pmt'],
  pharmacy: ['ptnt_pay_amt'],
} as const;

/** Everything about claim `header.index` of beneficiary `beneIndex` that the EOB builders render. */
export function createClaimDetail(seed: number, beneIndex: number, header: ClaimHeader): ClaimDetail {
  const rng = rngFor(seed, beneIndex, header.index, SALT.claimDetail);
  const type = header.type;
  const kind = CLAIM_TYPE_INFO[type].lineKind;
  const diagnoses =
    kind === 'pharmacy'
      ? []
      : distinctDiagnoses(rng, rng.int(kind === 'institutional' ? 2 : 1, kind === 'institutional' ? 5 : 3));
  const daysSupply = rng.chance(0.3) ? 90 : 30;
  const drawn = linesFor(rng, type, header, Math.max(1, diagnoses.length), daysSupply);
  const factsRng = rngFor(seed, beneIndex, header.index, SALT.claimFacts);
  const lines = drawn.lines.map((line) => ({ ...line, modifiers: drawModifiers(factsRng, type, line.code) }));
  const adjudication = drawn.adjudication;
  const endDay = dateToDay(header.end);
  return {
    type,
    claimGroup: `-${rng.int(1, 9)}${rng.digits(10)}`,
    controlNumber: `${rng.digits(14)}${letters(rng, 3)}`,
    providerNpi: syntheticNpi(
      rng,
      kind === 'professional' && rng.chance(0.5) ? 'individual' : 'organization',
    ),
    providerNumber: kind === 'institutional' ? rng.digits(6) : undefined,
    careTeam: careTeamFor(rng, type),
    diagnoses,
    lines,
    lineAdjudication: adjudication,
    submittedCents: sumOf(lines, SUBMITTED_VARIABLE[kind]),
    paymentCents: sumOf(lines, PAYMENT_VARIABLE[kind]),
    patientPaidCents: PATIENT_VARIABLES[kind].reduce((total, variable) => total + sumOf(lines, variable), 0),
    receivedDate: dayToDate(endDay + rng.int(1, 3)),
    created: `${header.lastUpdated.slice(0, 19)}+00:00`,
    pharmacy:
      kind === 'pharmacy'
        ? {
            daysSupply,
            refillNumber: rng.int(0, 11),
            prescriptionNumber: rng.digits(12),
            paymentDate: dayToDate(endDay + 14),
          }
        : undefined,
    institutional: drawInstitutionalFacts(factsRng, type, header),
  };
}
