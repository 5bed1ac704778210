/**
 * The parts of an ExplanationOfBenefit the claims module reads, as one structural type that both
 * `fhir3.ExplanationOfBenefit` (v1) and `fhir4.ExplanationOfBenefit` (v2, v3) are assignable to. Every
 * field is optional and every reader checks shapes at runtime: real BB2 data breaks its own profiles,
 * and the model must return "absent" rather than throw.
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';

/** An EOB of any API version: STU3 for v1, R4 for v2 and v3. */
export type AnyExplanationOfBenefit = fhir3.ExplanationOfBenefit | fhir4.ExplanationOfBenefit;

export interface LooseCoding {
  readonly system?: string | undefined;
  readonly code?: string | undefined;
  readonly display?: string | undefined;
}
export interface LooseConcept {
  readonly coding?: readonly (LooseCoding | undefined)[] | undefined;
  readonly text?: string | undefined;
}
export interface LoosePeriod {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
}
export interface LooseQuantity {
  readonly value?: number | undefined;
  /** v1 and older v2 PDEs put days supply and fill number here (`variables/days_suply_num`, `fill_num`). */
  readonly extension?:
    | readonly {
        readonly url?: string | undefined;
        readonly valueQuantity?: { readonly value?: number | undefined } | undefined;
      }[]
    | undefined;
}
export interface LooseMoney {
  readonly value?: number | undefined;
  /** R4 `Money.currency`. */
  readonly currency?: string | undefined;
  /** STU3 `Money` is a Quantity: the currency is its `code` (system urn:iso:std:iso:4217). */
  readonly code?: string | undefined;
}
export interface LooseIdentifier {
  readonly system?: string | undefined;
  readonly value?: string | undefined;
  readonly type?: LooseConcept | undefined;
}
export interface LooseReference {
  readonly reference?: string | undefined;
  readonly identifier?: LooseIdentifier | undefined;
  readonly display?: string | undefined;
}
export interface LooseAdjudication {
  readonly category?: LooseConcept | undefined;
  readonly amount?: LooseMoney | undefined;
  readonly value?: number | undefined;
}
export interface LooseItem {
  readonly sequence?: number | undefined;
  /** STU3 (v1). */
  readonly service?: LooseConcept | undefined;
  /** R4 (v2, v3). */
  readonly productOrService?: LooseConcept | undefined;
  readonly revenue?: LooseConcept | undefined;
  readonly modifier?: readonly LooseConcept[] | undefined;
  readonly quantity?: LooseQuantity | undefined;
  readonly servicedDate?: string | undefined;
  readonly servicedPeriod?: LoosePeriod | undefined;
  readonly locationCodeableConcept?: LooseConcept | undefined;
  readonly adjudication?: readonly LooseAdjudication[] | undefined;
  readonly careTeamLinkId?: readonly number[] | undefined;
  readonly careTeamSequence?: readonly number[] | undefined;
  readonly detail?: readonly LooseItemDetail[] | undefined;
}
export interface LooseItemDetail {
  readonly productOrService?: LooseConcept | undefined;
  readonly service?: LooseConcept | undefined;
  readonly quantity?: LooseQuantity | undefined;
}
export interface LooseSupportingInfo {
  readonly sequence?: number | undefined;
  readonly category?: LooseConcept | undefined;
  readonly code?: LooseConcept | undefined;
  readonly timingDate?: string | undefined;
  readonly timingPeriod?: LoosePeriod | undefined;
  readonly valueQuantity?: LooseQuantity | undefined;
  readonly valueString?: string | undefined;
}
export interface LooseCareTeam {
  readonly sequence?: number | undefined;
  readonly provider?: LooseReference | undefined;
  readonly role?: LooseConcept | undefined;
}
export interface LooseDiagnosis {
  readonly sequence?: number | undefined;
  readonly diagnosisCodeableConcept?: LooseConcept | undefined;
  readonly type?: readonly LooseConcept[] | undefined;
  readonly packageCode?: LooseConcept | undefined;
}
export interface LooseProcedure {
  readonly sequence?: number | undefined;
  readonly date?: string | undefined;
  readonly procedureCodeableConcept?: LooseConcept | undefined;
}
export interface LooseTotal {
  readonly category?: LooseConcept | undefined;
  readonly amount?: LooseMoney | undefined;
}
export interface LooseContained {
  readonly resourceType?: string | undefined;
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly identifier?: readonly LooseIdentifier[] | undefined;
}
export interface LooseEob {
  readonly resourceType?: string | undefined;
  readonly id?: string | undefined;
  readonly meta?:
    | { readonly profile?: readonly string[] | undefined; readonly source?: string | undefined }
    | undefined;
  readonly identifier?: readonly LooseIdentifier[] | undefined;
  readonly status?: string | undefined;
  /** R4: a code; STU3: a CodeableConcept (BB2 v1 sends none). */
  readonly outcome?: string | LooseConcept | undefined;
  readonly type?: LooseConcept | undefined;
  readonly patient?: LooseReference | undefined;
  readonly billablePeriod?: LoosePeriod | undefined;
  readonly created?: string | undefined;
  readonly provider?: LooseReference | undefined;
  /** STU3 (v1): the billing organization of institutional and pharmacy claims. */
  readonly organization?: LooseReference | undefined;
  readonly facility?: LooseReference | undefined;
  readonly insurer?: LooseReference | undefined;
  readonly careTeam?: readonly LooseCareTeam[] | undefined;
  /** R4 (v2, v3). */
  readonly supportingInfo?: readonly LooseSupportingInfo[] | undefined;
  /** STU3 (v1). */
  readonly information?: readonly LooseSupportingInfo[] | undefined;
  /** STU3 (v1): the admission period of inpatient stays. */
  readonly hospitalization?: LoosePeriod | undefined;
  readonly diagnosis?: readonly LooseDiagnosis[] | undefined;
  readonly procedure?: readonly LooseProcedure[] | undefined;
  readonly item?: readonly LooseItem[] | undefined;
  readonly total?: readonly LooseTotal[] | undefined;
  /** STU3 (v1). */
  readonly totalCost?: LooseMoney | undefined;
  /** STU3 (v1). */
  readonly totalBenefit?: LooseMoney | undefined;
  readonly payment?:
    | { readonly amount?: LooseMoney | undefined; readonly date?: string | undefined }
    | undefined;
  readonly contained?: readonly LooseContained[] | undefined;
}

/** An array field as an array (absent or malformed: empty), so readers never throw on broken data. */
export function list<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** A coding's system without the stray whitespace real BB2 data carries (`".../unknown-icd-version/ "`). */
export function systemOf(coding: LooseCoding | undefined): string | undefined {
  const s = coding?.system;
  return typeof s === 'string' ? s.trim() : undefined;
}

/** The codings of a concept that are objects (malformed entries are skipped). */
export function codingsOf(concept: LooseConcept | undefined): readonly (LooseCoding | undefined)[] {
  // No copy: this runs for every coding of every EOB; callers skip non-object entries themselves.
  return list(concept?.coding);
}

/** The code of the first coding from one of `systems`. */
export function codeIn(concept: LooseConcept | undefined, systems: readonly string[]): string | undefined {
  for (const c of codingsOf(concept)) {
    const s = systemOf(c);
    if (s !== undefined && systems.includes(s) && typeof c?.code === 'string') return c.code;
  }
  return undefined;
}

export const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
