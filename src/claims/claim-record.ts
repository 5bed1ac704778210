/**
 * The normalized claim: one record per EOB and one line per claim line, the same shape for v1, v2 and
 * v3. Each field says where it comes from in each version; absent means BB2 did not send it (checkClaim
 * says which expected fields are missing).
 */
import type { ClaimType } from '../types.js';
import type { Money } from './amount.js';
import type { ClaimFamily } from './claim-type.js';
import type { AmountKind } from './code-tables.js';
import type { DatePeriod } from './supporting-info.js';

/** Record field name of each amount meaning (camelCase of the C4BB / HL7 code). */
export const AMOUNT_FIELDS = {
  submitted: 'submitted',
  eligible: 'eligible',
  benefit: 'benefit',
  paidtoprovider: 'paidToProvider',
  paidtopatient: 'paidToPatient',
  paidbypatient: 'paidByPatient',
  deductible: 'deductible',
  coinsurance: 'coinsurance',
  copay: 'copay',
  noncovered: 'noncovered',
  priorpayerpaid: 'priorPayerPaid',
  discount: 'discount',
  drugcost: 'drugCost',
} as const satisfies { readonly [K in AmountKind]: string };

/**
 * Amounts by meaning, each present only when BB2 sent it. `submitted`: billed charge; `eligible`: allowed
 * amount; `benefit`: what Medicare (or the Part D plan) paid; `paidToProvider` / `paidToPatient`: that
 * payment by payee; `paidByPatient`: the patient's responsibility; `deductible`, `coinsurance`, `copay`:
 * its parts; `noncovered`; `priorPayerPaid`: other insurers; `discount` (Part D low-income subsidy, gap
 * discount); `drugCost`: total Part D drug cost.
 */
export type Amounts = { readonly [K in AmountKind as (typeof AMOUNT_FIELDS)[K]]?: Money };

/** Normalized code systems of a diagnosis or procedure code (ICD revision; other systems kept as sent). */
export type CodeSystemName = 'icd-10' | 'icd-9' | (string & {});

export interface Diagnosis {
  /** The code without dots, upper case (v3 sends `E11.69`, v1/v2 `E1169`). */
  readonly code: string;
  /** `icd-10` | `icd-9`, or the coding system as sent when it is neither. */
  readonly system: CodeSystemName;
  /** `diagnosis.sequence` (all versions). */
  readonly sequence?: number;
  /**
   * `principal` | `admitting` | `other` | `external` | `reason-for-visit`, from `diagnosis.type`: v1 BB2
   * `codesystem/diagnosis-type`, v2/v3 HL7 `ex-diagnosistype` and C4BB `C4BBClaimDiagnosisType`.
   */
  readonly role?: string;
}

export interface Procedure {
  /** `procedure.procedureCodeableConcept` code without dots, upper case. */
  readonly code: string;
  readonly system: CodeSystemName;
  readonly sequence?: number;
  /** `procedure.date`, the date part. */
  readonly date?: string;
}

export interface CareTeamMember {
  /** `careTeam.sequence`. */
  readonly sequence?: number;
  /** NPI from `careTeam.provider.identifier` (v1/v2) or the contained Practitioner it references (v3). */
  readonly npi?: string;
  /** `careTeam.role` code: v1 `claimcareteamrole` (primary, assist, other), v2/v3 C4BB (performing, ...). */
  readonly role?: string;
}

export interface ClaimLine {
  /** `item.sequence` (all versions). */
  readonly sequence: number;
  /**
   * HCPCS/CPT code: v1 `item.service`, v2 `item.productOrService` (system `codesystem/hcpcs`), v3
   * `item.productOrService` (CPT or CMS HCPCS system).
   */
  readonly hcpcs?: string;
  /** NDC of a drug: PDE `item.service` (v1) / `item.productOrService` (v2, v3) with system `sid/ndc`. */
  readonly ndc?: string;
  /** Revenue center code: `item.revenue` (v1/v2 `variables/rev_cntr`, NUBC, v3 `CLM-REV-CNTR-CD`). */
  readonly revenueCenter?: string;
  /** HCPCS modifiers: `item.modifier` codes in order (all versions). */
  readonly modifiers: readonly string[];
  /** `item.quantity.value` (all versions). */
  readonly quantity?: number;
  /** PDE only: the claim's days supply (v1 `information` days_suply_num, v2/v3 `dayssupply` slice). */
  readonly daysSupply?: number;
  /** `item.locationCodeableConcept` place-of-service code (v1/v2 `variables/line_place_of_srvc_cd`). */
  readonly placeOfService?: string;
  /** `item.servicedDate`, else `item.servicedPeriod.start`. */
  readonly serviceStart?: string;
  /** `item.servicedDate`, else `item.servicedPeriod.end`. */
  readonly serviceEnd?: string;
  /** NPI of the line's first care-team member (`careTeamLinkId` in v1, `careTeamSequence` in v2/v3). */
  readonly providerNpi?: string;
  /** `item.adjudication` by meaning, whichever code system BB2 used. */
  readonly amounts: Amounts;
}

interface ClaimBase {
  /** `ExplanationOfBenefit.id`: `<type>--<n>` in v1/v2 sandbox data, a bare number in v3. */
  readonly id: string;
  /** The API version whose shape the EOB has (1: STU3; 3: v3 code systems or versioned profiles). */
  readonly sourceVersion: 1 | 2 | 3;
  /** Claim id: `identifier` with system `variables/clm_id` or `pde_id` (v1/v2), the `uc` identifier (v3). */
  readonly claimId?: string;
  /** Claim group: `identifier` with system `identifier/claim-group` (v1/v2). */
  readonly claimGroup?: string;
  /** `status` (active, cancelled, ...). */
  readonly status?: string;
  /** `outcome` (v2/v3; v1 has none). */
  readonly outcome?: string;
  /** Patient id from `patient.reference` (`Patient/<id>`): v1 and v2 share ids, v3 has its own. */
  readonly patient?: string;
  /** `billablePeriod.start`. */
  readonly billableStart?: string;
  /** `billablePeriod.end`. */
  readonly billableEnd?: string;
  /** Earliest line service date, else `billableStart`. */
  readonly serviceStart?: string;
  /** Latest line service date, else `billableEnd`. */
  readonly serviceEnd?: string;
  /** `created` (v2/v3). */
  readonly created?: string;
  /**
   * Billing provider NPI: `provider` (v2/v3; an identifier or a contained Organization), v1 `organization`
   * (institutional and PDE) or v1 `provider` when it is an NPI.
   */
  readonly providerNpi?: string;
  /** Facility NPI: `facility.identifier` (v1/v2) or the contained resource it references. */
  readonly facilityNpi?: string;
  /** `careTeam` members in order. */
  readonly careTeam: readonly CareTeamMember[];
  /** `diagnosis` entries with a code, in order. */
  readonly diagnoses: readonly Diagnosis[];
  /** `procedure` entries with a code, in order. */
  readonly procedures: readonly Procedure[];
  /** What the payer paid on the claim: `payment.amount` (all versions). */
  readonly payment?: Money;
  /** Claim-level amounts: `total` entries (v2/v3); v1 `totalCost` (`drugCost` for a PDE, else `submitted`) and `totalBenefit`. */
  readonly totals: Amounts;
  /** The sum of every line's `amounts`, per meaning. */
  readonly amounts: Amounts;
  /** One record per `item`, in order. */
  readonly lines: readonly ClaimLine[];
}

/** Carrier and DME claims (C4BB Professional-NonClinician family). */
export interface ProfessionalClaim extends ClaimBase {
  readonly type: 'carrier' | 'dme';
  readonly family: 'professional';
}

/** Inpatient, outpatient, SNF, hospice and HHA claims (C4BB Inpatient/Outpatient-Institutional). */
export interface InstitutionalClaim extends ClaimBase {
  readonly type: 'inpatient' | 'outpatient' | 'snf' | 'hospice' | 'hha';
  readonly family: 'institutional';
  /** `typeofbill` slice (v2/v3; v1 sends its parts as separate variables, not read). */
  readonly typeOfBill?: string;
  /** `admissionperiod` slice (v2/v3), v1 `hospitalization`. */
  readonly admissionPeriod?: DatePeriod;
  /** `discharge-status` slice (v2/v3), v1 `information` ptnt_dschrg_stus_cd. */
  readonly dischargeStatus?: string;
  /** `drg` slice (v3), v2 `info` row clm_drg_cd, else a diagnosis's `packageCode` clm_drg_cd (v1). */
  readonly drg?: string;
  /** `admtype` slice (v2/v3), v1/v2 `information` clm_ip_admsn_type_cd. */
  readonly admissionType?: string;
}

/** Part D events (C4BB Pharmacy). */
export interface PharmacyClaim extends ClaimBase {
  readonly type: 'pde';
  readonly family: 'pharmacy';
  /** `dayssupply` slice (v2/v3), v1 `information` days_suply_num. */
  readonly daysSupply?: number;
  /** `refillnum` slice (v2/v3), v1 `information` fill_num. */
  readonly refillNumber?: number;
  /** The NDC of the first line. */
  readonly ndc?: string;
  /** Prescriber NPI: the `prescribing` (v2/v3) or `primary` (v1) care-team member. */
  readonly prescriberNpi?: string;
}

/** An EOB whose claim type nothing names (checkClaim reports `type-unknown`). */
export interface UnclassifiedClaim extends ClaimBase {
  readonly type: 'unknown';
  readonly family: 'unknown';
}

/** A normalized claim of any type: narrow on `type` or `family`, or with the guards. */
export type ClaimRecord = ProfessionalClaim | InstitutionalClaim | PharmacyClaim | UnclassifiedClaim;

/** The view of one claim type. */
export type ClaimOfType<T extends ClaimType> = ViewOf<ClaimRecord, T>;
type ViewOf<C, T> = C extends { readonly type: infer U }
  ? T extends U
    ? C & { readonly type: T }
    : never
  : never;

/** True for carrier and DME claims. */
export const isProfessionalClaim = (c: ClaimRecord): c is ProfessionalClaim => c.family === 'professional';
/** True for inpatient, outpatient, SNF, hospice and HHA claims: they have `typeOfBill`. */
export const isInstitutionalClaim = (c: ClaimRecord): c is InstitutionalClaim => c.family === 'institutional';
/** True for Part D events: they have `daysSupply`. */
export const isPharmacyClaim = (c: ClaimRecord): c is PharmacyClaim => c.family === 'pharmacy';
/** Inpatient-Institutional family as BB2 labels it: inpatient, SNF, hospice (and HHA in v3). */
export const isInpatientInstitutionalClaim = (
  c: ClaimRecord,
): c is InstitutionalClaim & { readonly type: 'inpatient' | 'snf' | 'hospice' | 'hha' } =>
  c.family === 'institutional' && c.type !== 'outpatient';
/** Outpatient-Institutional family: outpatient claims. */
export const isOutpatientInstitutionalClaim = (
  c: ClaimRecord,
): c is InstitutionalClaim & { readonly type: 'outpatient' } => c.type === 'outpatient';

/** Narrows a claim to one claim type. */
export function isClaimOfType<T extends ClaimType>(c: ClaimRecord, type: T): c is ClaimOfType<T> {
  return c.type === type;
}

/** Claim family by family name, for code that switches on `family`. */
export type ClaimOfFamily<F extends ClaimFamily> = Extract<ClaimRecord, { family: F }>;
