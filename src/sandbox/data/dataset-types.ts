/**
 * The contract between the synthetic data generator (src/sandbox/data/) and the sandbox server
 * (src/sandbox/server/). The generator is seeded and lazy: a claim's header is computed from
 * (seed, beneficiary, index) in O(1), and a full resource is built only when a page needs it, so a
 * beneficiary with 100,000 claims costs memory only for the pages being served.
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import type { ClaimType } from '../../types.js';

export type FhirVersion = 1 | 2 | 3;

export interface DatasetOptions {
  /** The same seed gives byte-identical data. Default 1. */
  readonly seed?: number;
  /** Number of synthetic beneficiaries. Default 10. */
  readonly beneficiaries?: number;
  /**
   * Claims (EOBs) per beneficiary: one number for all, or one count per beneficiary index (missing
   * indexes use the default). Default 60. Up to 100,000 must serve without building them all.
   */
  readonly eobsPerBeneficiary?: number | readonly number[];
}

export interface SyntheticBeneficiary {
  /** 0-based position in the dataset. */
  readonly index: number;
  /** Sandbox-style login, `BBUser00000`, `BBUser00001`, ... */
  readonly username: string;
  /** `PW00000!` pattern, as BB2's sandbox users. */
  readonly password: string;
  /** FHIR Patient id per API version: v1 and v2 share one (`-2014...`), v3 has its own (`-3025...`). */
  readonly patientId: { readonly v1: string; readonly v2: string; readonly v3: string };
  /** Medicare Beneficiary Identifier, shaped like a real one (e.g. `1S00E00AA00`), synthetic. */
  readonly mbi: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
  /** ISO-8601 instant: userinfo `iat` (BB2 sends the account creation time as a string). */
  readonly createdAt: string;
  readonly eobCount: number;
}

/** What a claim is, without building it: enough to filter and page. */
export interface ClaimHeader {
  /** 0-based position among this beneficiary's claims (the serving order). */
  readonly index: number;
  readonly type: ClaimType;
  /** EOB id in v1/v2 (`carrier--10000930038026`, always `<type>--<digits>`). */
  readonly id: string;
  /** EOB id in v3 (bare negative number, `-9631024438695`). */
  readonly idV3: string;
  /** billablePeriod start and end, `YYYY-MM-DD`. */
  readonly start: string;
  readonly end: string;
  /** meta.lastUpdated, an instant with offset. */
  readonly lastUpdated: string;
}

export interface Dataset {
  readonly seed: number;
  readonly beneficiaries: readonly SyntheticBeneficiary[];
  /** Finds a beneficiary by any version's patient id, by username, or by MBI. */
  findBeneficiary(key: string): SyntheticBeneficiary | undefined;
  /** The header of claim `index` (0 <= index < eobCount), computed in O(1) and without shared state. */
  claimHeader(bene: SyntheticBeneficiary, index: number): ClaimHeader;
  /** Finds a claim header by its v1/v2 id or v3 id; undefined when it is not this beneficiary's. */
  findClaim(bene: SyntheticBeneficiary, id: string): ClaimHeader | undefined;

  eob(bene: SyntheticBeneficiary, version: 1, claim: ClaimHeader): fhir3.ExplanationOfBenefit;
  eob(bene: SyntheticBeneficiary, version: 2 | 3, claim: ClaimHeader): fhir4.ExplanationOfBenefit;
  patient(bene: SyntheticBeneficiary, version: 1): fhir3.Patient;
  patient(bene: SyntheticBeneficiary, version: 2 | 3): fhir4.Patient;
  /** Parts A, B, C, D (v1/v2 ids `part-a--<bene>`); v3 adds `dual--<bene>` where the beneficiary is dual. */
  coverages(bene: SyntheticBeneficiary, version: 1): fhir3.Coverage[];
  coverages(bene: SyntheticBeneficiary, version: 2 | 3): fhir4.Coverage[];
  /** v3 `Patient/$generate-insurance-card`: a C4DIC `collection` Bundle with `urn:uuid:` fullUrls. */
  insuranceCard(
    bene: SyntheticBeneficiary,
  ): fhir4.Bundle<fhir4.Patient | fhir4.Organization | fhir4.Coverage>;
  /** `fhir/metadata`; OAuth URIs in the security block point at `baseUrl`. */
  capabilityStatement(version: 1, baseUrl: string): fhir3.CapabilityStatement;
  capabilityStatement(version: 2 | 3, baseUrl: string): fhir4.CapabilityStatement;
}
