/**
 * One salt per purpose, so that two generators reading the same (seed, beneficiary, claim) key never
 * draw the same numbers: a claim's header, its details and its id permutation stay independent.
 */
export const SALT = {
  beneficiary: 1,
  claimHeader: 2,
  claimDetail: 3,
  claimIdV2: 4,
  claimIdV3: 5,
  typeOrder: 6,
  coverage: 7,
  insuranceCard: 8,
  dual: 9,
  entitlement: 10,
  claimFacts: 11,
} as const;
