/**
 * Patient per API version. BB2 asks BFD for reduced addresses (`includeAddressFields: False`), so
 * v1/v2 carry only state (SSA code) and postal code; v3 uses USPS codes and adds the city.
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import { CODE_SYSTEMS, PROFILES } from '../../types.js';
import { type BeneficiaryProfile, beneficiaryProfile } from './beneficiaries.js';
import type { SyntheticBeneficiary } from './dataset-types.js';
import {
  C4BB_VERSION,
  coding,
  concept,
  SYSTEMS,
  US_CORE_SEX,
  US_CORE_VERSION,
  variableCoding,
  versioned,
} from './fhir-codings.js';

function raceExtension(profile: BeneficiaryProfile) {
  return {
    url: `${CODE_SYSTEMS.variables}race`,
    valueCoding: variableCoding('race', profile.race.code, profile.race.display),
  };
}

function name(profile: BeneficiaryProfile) {
  return {
    use: 'usual' as const,
    family: profile.familyName,
    given: [profile.givenName, profile.middleInitial],
  };
}

/** v1 (STU3): identifiers `bene_id` and `mbi-hash`, no profile. */
export function buildPatientV1(seed: number, bene: SyntheticBeneficiary): fhir3.Patient {
  const profile = beneficiaryProfile(seed, bene.index);
  return {
    resourceType: 'Patient',
    id: bene.patientId.v1,
    meta: { lastUpdated: profile.lastUpdated },
    extension: [raceExtension(profile)],
    identifier: [
      { system: CODE_SYSTEMS.beneId, value: bene.patientId.v1 },
      { system: CODE_SYSTEMS.mbiHash, value: profile.mbiHash, period: { start: profile.entitlementDate } },
    ],
    name: [name(profile)],
    gender: profile.gender,
    birthDate: profile.birthDate,
    address: [{ state: profile.state.ssa, postalCode: profile.postalCode }],
  };
}

function buildPatientV2(profile: BeneficiaryProfile, bene: SyntheticBeneficiary): fhir4.Patient {
  return {
    resourceType: 'Patient',
    id: bene.patientId.v2,
    meta: { lastUpdated: profile.lastUpdated, profile: [PROFILES.c4bbPatient] },
    extension: [raceExtension(profile)],
    identifier: [
      {
        type: concept(CODE_SYSTEMS.c4bbIdentifierType, 'PI', 'Patient internal identifier'),
        system: CODE_SYSTEMS.beneId,
        value: bene.patientId.v2,
      },
      {
        type: {
          coding: [
            {
              extension: [
                {
                  url: CODE_SYSTEMS.identifierCurrency,
                  valueCoding: coding(CODE_SYSTEMS.identifierCurrency, 'current', 'Current'),
                },
              ],
              ...coding(CODE_SYSTEMS.v2IdentifierType, 'MC', "Patient's Medicare number"),
            },
          ],
        },
        system: CODE_SYSTEMS.mbi,
        value: profile.mbi,
        period: { start: profile.entitlementDate },
      },
    ],
    name: [name(profile)],
    gender: profile.gender,
    birthDate: profile.birthDate,
    address: [{ state: profile.state.ssa, postalCode: profile.postalCode }],
  };
}

function buildPatientV3(profile: BeneficiaryProfile, bene: SyntheticBeneficiary): fhir4.Patient {
  return {
    resourceType: 'Patient',
    id: bene.patientId.v3,
    meta: {
      lastUpdated: profile.lastUpdated,
      profile: [
        versioned(PROFILES.c4bbPatient, C4BB_VERSION),
        versioned(PROFILES.usCorePatient, US_CORE_VERSION),
      ],
    },
    extension: [
      { url: SYSTEMS.usCoreSex, valueCode: US_CORE_SEX[profile.gender] },
      {
        url: SYSTEMS.usCoreRace,
        extension: [
          {
            url: 'ombCategory',
            valueCoding: coding(SYSTEMS.ombRace, profile.race.omb.code, profile.race.omb.display),
          },
          { url: 'text', valueString: profile.race.omb.display },
        ],
      },
    ],
    identifier: [
      {
        type: concept(CODE_SYSTEMS.v2IdentifierType, 'MB'),
        system: CODE_SYSTEMS.mbi,
        value: profile.mbi,
        period: { start: profile.entitlementDate },
      },
    ],
    name: [{ family: profile.familyName, given: [profile.givenName, profile.middleInitial] }],
    gender: profile.gender,
    birthDate: profile.birthDate,
    address: [{ city: profile.state.city, state: profile.state.usps, postalCode: profile.postalCode }],
  };
}

/** v2: C4BB-Patient with `bene_id` (PI) and the current MBI; v3: versioned C4BB + US Core, MBI as `MB`. */
export function buildPatientR4(seed: number, bene: SyntheticBeneficiary, version: 2 | 3): fhir4.Patient {
  const profile = beneficiaryProfile(seed, bene.index);
  return version === 3 ? buildPatientV3(profile, bene) : buildPatientV2(profile, bene);
}
