/**
 * The claim type of an EOB of any version, and the CARIN profile family each type belongs to.
 */
import { CLAIM_TYPES, type ClaimType } from '../types.js';
import {
  CLAIM_TYPE_CODE_SYSTEMS,
  CLAIM_TYPE_CODES,
  EOB_TYPE_SYSTEMS,
  PROFILE_CLAIM_TYPES,
} from './code-tables.js';
import { type AnyExplanationOfBenefit, codeIn, isString, type LooseEob, list } from './fhir-loose.js';

/**
 * The CARIN Blue Button profile family of a claim type, by the data BB2 really puts in it: DME lines are
 * professional (HCPCS, no revenue center) although v2 labels DME EOBs Inpatient-Institutional, and HHA
 * claims are institutional (revenue centers, type of bill) although v2 labels them Professional-NonClinician.
 */
export type ClaimFamily = 'professional' | 'institutional' | 'pharmacy';

/** Claim type to family, one row per type. */
export const CLAIM_FAMILIES: { readonly [T in ClaimType]: ClaimFamily } = {
  carrier: 'professional',
  dme: 'professional',
  hha: 'institutional',
  hospice: 'institutional',
  inpatient: 'institutional',
  outpatient: 'institutional',
  pde: 'pharmacy',
  snf: 'institutional',
};

const asClaimType = (code: string | undefined): ClaimType | undefined => {
  const lower = code?.trim().toLowerCase();
  return CLAIM_TYPES.find((t) => t === lower);
};

/**
 * The BB2 claim type of an EOB of any version, or undefined when nothing names it. Reads, in order: the
 * eob-type coding (v1/v2 `.../codesystem/eob-type`, v3 `.../CodeSystem/EOB-TYPE`), the NCH claim type code
 * (v1/v2 `variables/nch_clm_type_cd`, v3 `CLM-TYPE-CD`, Part D event codes 1-4), the profile where it names
 * one type only (Pharmacy, Outpatient-Institutional), then the v1/v2 id prefix (`carrier--...`).
 *
 * @example
 * claimTypeOf(eob);   // 'carrier' | 'pde' | ... | undefined
 */
export function claimTypeOf(eob: AnyExplanationOfBenefit): ClaimType | undefined {
  const e: LooseEob = eob;
  const byEobType = asClaimType(codeIn(e.type, EOB_TYPE_SYSTEMS));
  if (byEobType) return byEobType;
  const nch = codeIn(e.type, CLAIM_TYPE_CODE_SYSTEMS);
  const byCode = nch === undefined ? undefined : CLAIM_TYPE_CODES[nch.trim()];
  if (byCode) return byCode;
  for (const p of list(e.meta?.profile)) {
    const byProfile = isString(p) ? PROFILE_CLAIM_TYPES[p.split('|')[0] ?? ''] : undefined;
    if (byProfile) return byProfile;
  }
  const prefix = isString(e.id) ? /^([a-z]+)-/i.exec(e.id)?.[1] : undefined;
  return asClaimType(prefix);
}
