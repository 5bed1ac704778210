/**
 * `bluebutton-ts/claims`: BB2 ExplanationOfBenefit resources (v1 STU3, v2 and v3 R4) as typed, normalized
 * claims for analytics. Pure functions, no I/O, web-standard only. Explicit named exports.
 *
 * @example
 * import { toClaim, toCsv } from 'bluebutton-ts/claims';
 * for await (const eob of client.v2.ExplanationOfBenefit.all()) console.log(toClaim(eob).type);
 */
export { type AnyEobItem, amount, type Money } from './amount.js';
export { type ClaimFinding, type ClaimFindingCode, checkClaim } from './check-claim.js';
export { CSV_COLUMNS, type CsvColumn, toCsv } from './claim-csv.js';
export { toNdjson } from './claim-ndjson.js';
export {
  AMOUNT_FIELDS,
  type Amounts,
  type CareTeamMember,
  type ClaimLine,
  type ClaimOfFamily,
  type ClaimOfType,
  type ClaimRecord,
  type CodeSystemName,
  type Diagnosis,
  type InstitutionalClaim,
  isClaimOfType,
  isInpatientInstitutionalClaim,
  isInstitutionalClaim,
  isOutpatientInstitutionalClaim,
  isPharmacyClaim,
  isProfessionalClaim,
  type PharmacyClaim,
  type Procedure,
  type ProfessionalClaim,
  type UnclassifiedClaim,
} from './claim-record.js';
export type { ClaimSource, ClaimSourceItem } from './claim-source.js';
export { CLAIM_FAMILIES, type ClaimFamily, claimTypeOf } from './claim-type.js';
export {
  AMOUNT_KINDS,
  type AmountKind,
  SUPPORTING_INFO_SLICES,
  type SupportingInfoSliceName,
} from './code-tables.js';
export {
  type DescribeClaimOptions,
  type DescribeLanguage,
  describeClaim,
  formatMoney,
} from './describe-claim.js';
export type { AnyExplanationOfBenefit } from './fhir-loose.js';
export { type DatePeriod, type SupportingInfoValues, supportingInfo } from './supporting-info.js';
export { claimLines, toClaim } from './to-claim.js';
