/**
 * EOB ids that look like BB2's (`carrier--1000093003802`, v3 `-9000093003802`) yet decode back to
 * the claim index in O(1). The digits are a lead digit, the beneficiary index (5 digits) and the
 * claim index scrambled by a seeded affine permutation of [0, 10^7): ids look random, differ per
 * seed, never collide, and a read needs no lookup table.
 */
import { CLAIM_TYPES, type ClaimType } from '../../types.js';
import { hashKey } from './prng.js';
import { SALT } from './salts.js';

/** Claim indexes occupy 7 digits. */
export const MAX_EOBS_PER_BENEFICIARY = 10_000_000;
/** Beneficiary indexes occupy 5 digits, as the `BBUser00000` usernames do. */
export const MAX_BENEFICIARIES = 100_000;

const LEAD_V2 = '1';
const LEAD_V3 = '9';
const V2_ID = new RegExp(`^(${CLAIM_TYPES.join('|')})--(\\d{13})$`);
const V3_ID = /^-(\d{13})$/;

interface AffinePermutation {
  readonly multiplier: number;
  readonly offset: number;
  readonly inverse: number;
}

/** The multiplicative inverse of `a` modulo `m` (extended Euclid; `a` and `m` coprime). */
function modularInverse(a: number, m: number): number {
  let [oldR, r] = [a, m];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

function permutationFor(seed: number, beneIndex: number, salt: number): AffinePermutation {
  const m = MAX_EOBS_PER_BENEFICIARY;
  let multiplier = hashKey(seed, beneIndex, salt, 1) % m;
  // Coprime with 10^7 means odd and not a multiple of 5; both adjustments stay below 10^7.
  if (multiplier % 2 === 0) multiplier += 1;
  if (multiplier % 5 === 0) multiplier += 2;
  return {
    multiplier,
    offset: hashKey(seed, beneIndex, salt, 2) % m,
    inverse: modularInverse(multiplier, m),
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function digitsFor(seed: number, beneIndex: number, claimIndex: number, v3: boolean): string {
  const p = permutationFor(seed, beneIndex, v3 ? SALT.claimIdV3 : SALT.claimIdV2);
  // a * i < 10^14 stays well inside the safe-integer range.
  const scrambled = (p.multiplier * claimIndex + p.offset) % MAX_EOBS_PER_BENEFICIARY;
  return `${v3 ? LEAD_V3 : LEAD_V2}${pad(beneIndex, 5)}${pad(scrambled, 7)}`;
}

/** The v1/v2 id, `<type>--<13 digits>`. */
export function claimIdV2(seed: number, beneIndex: number, claimIndex: number, type: ClaimType): string {
  return `${type}--${digitsFor(seed, beneIndex, claimIndex, false)}`;
}

/** The v3 id, a bare negative number. */
export function claimIdV3(seed: number, beneIndex: number, claimIndex: number): string {
  return `-${digitsFor(seed, beneIndex, claimIndex, true)}`;
}

/** The digits of a v1/v2 id, which BB2 also uses (negated) as the `clm_id`/`pde_id` value. */
export function claimNumber(id: string): string {
  const at = id.indexOf('--');
  return at < 0 ? id : id.slice(at + 2);
}

export interface DecodedClaimId {
  readonly index: number;
  /** The type the id claims (v1/v2 ids only); the caller checks it against the header. */
  readonly type: ClaimType | undefined;
}

/**
 * Decodes an id of beneficiary `beneIndex` back to its claim index. Returns undefined for malformed
 * ids, ids of another beneficiary, and indexes at or past `eobCount`.
 */
export function decodeClaimId(
  seed: number,
  beneIndex: number,
  eobCount: number,
  id: string,
): DecodedClaimId | undefined {
  const v2 = V2_ID.exec(id);
  const v3 = v2 ? null : V3_ID.exec(id);
  const digits = v2?.[2] ?? v3?.[1];
  if (digits === undefined) return undefined;
  const isV3 = v3 !== null;
  if (digits[0] !== (isV3 ? LEAD_V3 : LEAD_V2) || digits.slice(1, 6) !== pad(beneIndex, 5)) return undefined;
  const p = permutationFor(seed, beneIndex, isV3 ? SALT.claimIdV3 : SALT.claimIdV2);
  const m = MAX_EOBS_PER_BENEFICIARY;
  const scrambled = Number(digits.slice(6));
  const index = (((scrambled - p.offset + m) % m) * p.inverse) % m;
  if (index >= eobCount) return undefined;
  return { index, type: CLAIM_TYPES.find((type) => type === v2?.[1]) };
}
