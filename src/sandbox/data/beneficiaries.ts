/**
 * Synthetic beneficiaries. Everything about beneficiary `index` is derived from (seed, index), so
 * the Patient, Coverage and card builders recompute the profile instead of storing it.
 */
import type { SyntheticBeneficiary } from './dataset-types.js';
import { dateToDay, dayToDate, dayToInstant, dayToIsoZ, MS_PER_DAY } from './dates.js';
import {
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  RACES,
  type RaceInfo,
  STATES,
  type StateInfo,
} from './people.js';
import { hashKey, type Rng, rngFor } from './prng.js';
import { SALT } from './salts.js';

/** What the FHIR builders need beyond the public SyntheticBeneficiary fields. */
export interface BeneficiaryProfile {
  readonly givenName: string;
  readonly middleInitial: string;
  readonly familyName: string;
  readonly gender: 'male' | 'female';
  readonly birthDate: string;
  readonly race: RaceInfo;
  readonly state: StateInfo;
  readonly postalCode: string;
  readonly mbi: string;
  /** Stand-in for BB2's `mbi-hash` identifier (64 hex digits). */
  readonly mbiHash: string;
  /**
   * Why Medicare covers this beneficiary: `aged` (turned 65: entitlement is the month of the 65th
   * birthday) or `disabled` (under 65, entitled through disability insurance benefits).
   */
  readonly entitlementReason: EntitlementReason;
  /** First day of the month Parts A and B start; always before the claim timeline (2021-2025) begins. */
  readonly entitlementDate: string;
  /** Part D started in 2006; later entitlements start with Part A. */
  readonly partDStartDate: string;
  /** Dual Medicare/Medicaid eligibility: v3 adds a `dual--` Coverage for these. */
  readonly dual: boolean;
  readonly dualStartDate: string;
  /** Patient and Coverage `meta.lastUpdated`. */
  readonly lastUpdated: string;
  readonly createdAt: string;
}

export type EntitlementReason = 'aged' | 'disabled';

/** Share of beneficiaries under 65, entitled through disability (about one in eight, as in Medicare). */
const DISABLED_SHARE = 0.12;

/** MBI letters: A-Z without S, L, O, I, B, Z (CMS MBI format). */
const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
const MBI_ALPHANUMERIC = `0123456789${MBI_LETTERS}`;

function patientDigits(index: number): string {
  return String(index + 1).padStart(10, '0');
}

/** v1/v2 patient id: `-2014` + 10 digits (`-20140000000001` for index 0), as sandbox users have. */
export function patientIdV2(index: number): string {
  return `-2014${patientDigits(index)}`;
}

/** v3 patient id: `-3025` + the same 10 digits. */
export function patientIdV3(index: number): string {
  return `-3025${patientDigits(index)}`;
}

/**
 * A synthetic MBI: position 2 is `S`, which real MBIs never use, so it cannot be anyone's. Positions
 * 7-11 encode the index in mixed radix (N A A N N = 400,000 values), which keeps MBIs unique.
 */
function syntheticMbi(rng: Rng, index: number): string {
  let rest = index;
  const take = (radix: number): number => {
    const value = rest % radix;
    rest = Math.floor(rest / radix);
    return value;
  };
  const p11 = take(10);
  const p10 = take(10);
  const p9 = MBI_LETTERS.charAt(take(20));
  const p8 = MBI_LETTERS.charAt(take(20));
  const p7 = take(10);
  const letter = (): string => MBI_LETTERS.charAt(rng.int(0, MBI_LETTERS.length - 1));
  const alnum = (): string => MBI_ALPHANUMERIC.charAt(rng.int(0, MBI_ALPHANUMERIC.length - 1));
  return `${rng.int(1, 9)}S${alnum()}${rng.int(0, 9)}${letter()}${alnum()}${p7}${p8}${p9}${p10}${p11}`;
}

/** The first day of the month of the 65th birthday. */
function sixtyFifthBirthdayMonth(birthDate: string): string {
  const year = Number(birthDate.slice(0, 4)) + 65;
  return `${year}${birthDate.slice(4, 7)}-01`;
}

const laterDate = (a: string, b: string): string => (a > b ? a : b);

/** Dual beneficiaries are every third one, starting at a seeded offset, so every 3 in a row hold one. */
function isDual(seed: number, index: number): boolean {
  return (index + (hashKey(seed, SALT.dual) % 3)) % 3 === 0;
}

/**
 * Birth date and entitlement. Aged beneficiaries are born by November 1955, so they turned 65 before the
 * claim timeline starts; disabled ones are born 1958-1975 and entitled 2010-2020, before they are 63.
 * A separate stream keeps every other draw of the profile where it was.
 */
function entitlementOf(seed: number, index: number, agedBirthDay: number) {
  const rng = rngFor(seed, index, SALT.entitlement);
  if (!rng.chance(DISABLED_SHARE)) {
    const birthDate = dayToDate(agedBirthDay);
    return {
      entitlementReason: 'aged' as const,
      birthDate,
      entitlementDate: sixtyFifthBirthdayMonth(birthDate),
    };
  }
  const birthDate = dayToDate(rng.int(dateToDay('1958-01-01'), dateToDay('1975-12-31')));
  const entitled = dayToDate(rng.int(dateToDay('2010-01-01'), dateToDay('2020-12-01')));
  return { entitlementReason: 'disabled' as const, birthDate, entitlementDate: `${entitled.slice(0, 7)}-01` };
}

/** The full profile of beneficiary `index`. */
export function beneficiaryProfile(seed: number, index: number): BeneficiaryProfile {
  const rng = rngFor(seed, index, SALT.beneficiary);
  const gender = rng.chance(0.55) ? 'female' : 'male';
  const givenName = rng.pick(gender === 'female' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
  const middleInitial = MBI_LETTERS.charAt(rng.int(0, MBI_LETTERS.length - 1));
  const familyName = rng.pick(FAMILY_NAMES);
  // Aged: born 1935 to November 1955, so 65 before 2021 and 70 to 90 at the end of the timeline.
  const { entitlementReason, birthDate, entitlementDate } = entitlementOf(
    seed,
    index,
    rng.int(dateToDay('1935-01-01'), dateToDay('1955-11-30')),
  );
  const state = rng.pick(STATES);
  return {
    givenName,
    middleInitial,
    familyName,
    gender,
    birthDate,
    race: rng.pick(RACES),
    state,
    postalCode: `${state.zipPrefix}${rng.digits(2)}`,
    mbi: syntheticMbi(rng, index),
    mbiHash: rng.hex(64),
    entitlementReason,
    entitlementDate,
    partDStartDate: entitlementDate < '2006-01-01' ? '2006-01-01' : entitlementDate,
    dual: isDual(seed, index),
    dualStartDate: laterDate(
      dayToDate(rng.int(dateToDay('2016-01-01'), dateToDay('2020-12-31'))),
      entitlementDate,
    ),
    lastUpdated: dayToInstant(rng.int(0, 364), rng.int(0, MS_PER_DAY - 1)),
    // Sandbox accounts were created in 2020, before the first claim.
    createdAt: dayToIsoZ(rng.int(-366, -1), rng.int(0, MS_PER_DAY - 1)),
  };
}

/** The public view of beneficiary `index`. */
export function createBeneficiary(seed: number, index: number, eobCount: number): SyntheticBeneficiary {
  const profile = beneficiaryProfile(seed, index);
  const number = String(index).padStart(5, '0');
  return Object.freeze({
    index,
    username: `BBUser${number}`,
    password: `PW${number}!`,
    patientId: Object.freeze({ v1: patientIdV2(index), v2: patientIdV2(index), v3: patientIdV3(index) }),
    mbi: profile.mbi,
    givenName: profile.givenName,
    familyName: profile.familyName,
    email: `${profile.givenName}.${profile.familyName}${number}@example.com`.toLowerCase(),
    createdAt: profile.createdAt,
    eobCount,
  });
}
