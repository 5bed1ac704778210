/**
 * v3 `Patient/$generate-insurance-card`: a CARIN Digital Insurance Card `collection` Bundle. As in
 * BB2's example, resources get fresh UUID ids (here seeded, so stable) and `urn:uuid:` fullUrls, and
 * Coverage points at the Patient and the CMS Organization by `Type/<uuid>` references.
 */
import type * as fhir4 from 'fhir/r4.js';
import { CODE_SYSTEMS, PROFILES } from '../../types.js';
import { beneficiaryProfile } from './beneficiaries.js';
import { SOPT, v3CoverageSpecs } from './coverage.js';
import type { SyntheticBeneficiary } from './dataset-types.js';
import { CMS_NAME, cmsContact, coding, concept, SYSTEMS, US_CORE_SEX } from './fhir-codings.js';
import { deterministicUuid, rngFor } from './prng.js';
import { SALT } from './salts.js';

type CardResource = fhir4.Patient | fhir4.Organization | fhir4.Coverage;

const CARD_TEXT =
  'Show this card when you get health care services. Share your Medicare number only with your ' +
  'health care providers and people you trust to work with Medicare for you.';

/** The card of beneficiary `bene`: C4DIC Patient, the CMS Organization, then Parts A and B (and dual). */
export function buildInsuranceCard(seed: number, bene: SyntheticBeneficiary): fhir4.Bundle<CardResource> {
  const profile = beneficiaryProfile(seed, bene.index);
  const rng = rngFor(seed, bene.index, SALT.insuranceCard);
  const patientId = deterministicUuid(rng);
  const organizationId = deterministicUuid(rng);
  const patient: fhir4.Patient = {
    resourceType: 'Patient',
    id: patientId,
    meta: { lastUpdated: profile.lastUpdated, profile: [PROFILES.c4dicPatient] },
    extension: [{ url: SYSTEMS.usCoreSex, valueCode: US_CORE_SEX[profile.gender] }],
    name: [{ family: profile.familyName, given: [profile.givenName, profile.middleInitial] }],
    gender: profile.gender,
    birthDate: profile.birthDate,
  };
  const organization: fhir4.Organization = {
    resourceType: 'Organization',
    id: organizationId,
    meta: { profile: [PROFILES.c4dicOrganization] },
    active: true,
    name: CMS_NAME,
    contact: cmsContact(),
  };
  const onCard = v3CoverageSpecs(profile, bene.patientId.v3).filter(
    (spec) => spec.kind !== 'c' && spec.kind !== 'd',
  );
  const coverages = onCard.map((spec): fhir4.Coverage => {
    const [code, display] = SOPT[spec.kind];
    return {
      resourceType: 'Coverage',
      id: deterministicUuid(rng),
      meta: { lastUpdated: profile.lastUpdated, profile: [PROFILES.c4dicCoverage] },
      extension: [
        {
          url: 'http://hl7.org/fhir/us/insurance-card/StructureDefinition/C4DIC-AdditionalCardInformation-extension',
          valueAnnotation: { text: CARD_TEXT },
        },
      ],
      identifier: [
        {
          type: concept(CODE_SYSTEMS.v2IdentifierType, 'MB'),
          system: CODE_SYSTEMS.mbi,
          value: profile.mbi,
          assigner: { reference: `Organization/${organizationId}` },
        },
      ],
      status: 'active',
      type: { coding: [coding(CODE_SYSTEMS.sourceOfPaymentTypology, code, display)] },
      subscriber: { reference: `Patient/${patientId}` },
      subscriberId: profile.mbi,
      beneficiary: { reference: `Patient/${patientId}` },
      relationship: concept(CODE_SYSTEMS.subscriberRelationship, 'self', 'Self'),
      period: { start: spec.start },
      payor: [{ reference: `Organization/${organizationId}` }],
      class: [{ type: concept(CODE_SYSTEMS.coverageClass, 'plan'), value: spec.label }],
    };
  });
  const resources: CardResource[] = [patient, organization, ...coverages];
  return {
    resourceType: 'Bundle',
    meta: { lastUpdated: profile.lastUpdated },
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id ?? ''}`, resource })),
  };
}
