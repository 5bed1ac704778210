/**
 * Claim headers: type, ids and dates of claim `index`, computed from (seed, beneficiary, index)
 * alone. Dates rise with the index because each claim draws its first day from its own slice of
 * the timeline, so the serving order is chronological without sorting anything.
 */
import type { ClaimType } from '../../types.js';
import { claimIdV2, claimIdV3 } from './claim-ids.js';
import { CLAIM_TYPE_INFO, claimTypeForPerMille, ORDERED_CLAIM_TYPES } from './claim-types.js';
import type { ClaimHeader, SyntheticBeneficiary } from './dataset-types.js';
import { dayToDate, dayToInstant, MS_PER_DAY, TIMELINE_DAYS } from './dates.js';
import { type Rng, rngFor } from './prng.js';
import { SALT } from './salts.js';

type BeneficiaryKey = Pick<SyntheticBeneficiary, 'index' | 'eobCount'>;

const TYPE_COUNT = ORDERED_CLAIM_TYPES.length;

/** A seeded shuffle of the claim types, one per beneficiary. */
function typeOrder(seed: number, beneIndex: number): ClaimType[] {
  const rng = rngFor(seed, beneIndex, SALT.typeOrder);
  const order = [...ORDERED_CLAIM_TYPES];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = order[i];
    const b = order[j];
    if (a !== undefined && b !== undefined) {
      order[i] = b;
      order[j] = a;
    }
  }
  return order;
}

/**
 * The type of claim `index`. The first claim of each eighth of the history is reserved for one claim
 * type, so every beneficiary with at least 8 claims has all 8 types; the rest follow the weights.
 */
function claimTypeAt(seed: number, bene: BeneficiaryKey, index: number, rng: Rng): ClaimType {
  const draw = rng.int(0, 999);
  const n = bene.eobCount;
  if (n >= TYPE_COUNT) {
    const bucket = Math.floor((index * TYPE_COUNT) / n);
    if (index === Math.ceil((bucket * n) / TYPE_COUNT)) {
      const reserved = typeOrder(seed, bene.index)[bucket];
      if (reserved !== undefined) return reserved;
    }
  }
  return claimTypeForPerMille(draw);
}

/** The first day of claim `index`, inside its own slice [index*D/n, (index+1)*D/n) of the timeline. */
function startDayOf(n: number, index: number, rng: Rng): number {
  const from = Math.floor((index * TIMELINE_DAYS) / n);
  const to = Math.floor(((index + 1) * TIMELINE_DAYS) / n);
  return to > from ? rng.int(from, to - 1) : from;
}

/**
 * The header of claim `index` of `bene`.
 * @throws RangeError when `index` is not an integer in [0, bene.eobCount).
 */
export function createClaimHeader(seed: number, bene: BeneficiaryKey, index: number): ClaimHeader {
  if (!Number.isInteger(index) || index < 0 || index >= bene.eobCount) {
    throw new RangeError(`claim index ${index} is outside [0, ${bene.eobCount})`);
  }
  const rng = rngFor(seed, bene.index, index, SALT.claimHeader);
  const type = claimTypeAt(seed, bene, index, rng);
  const startDay = startDayOf(bene.eobCount, index, rng);
  const [minExtra, maxExtra] = CLAIM_TYPE_INFO[type].extraDays;
  const endDay = Math.min(startDay + rng.int(minExtra, maxExtra), TIMELINE_DAYS - 1);
  // Claims reach the data warehouse days to weeks after the service ends.
  const updatedDay = endDay + rng.int(3, 45);
  return {
    index,
    type,
    id: claimIdV2(seed, bene.index, index, type),
    idV3: claimIdV3(seed, bene.index, index),
    start: dayToDate(startDay),
    end: dayToDate(endDay),
    lastUpdated: dayToInstant(updatedDay, rng.int(0, MS_PER_DAY - 1)),
  };
}
