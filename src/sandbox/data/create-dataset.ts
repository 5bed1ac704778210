/**
 * The seeded synthetic dataset behind the local BB2 sandbox. Only beneficiaries are materialised;
 * claims are computed on demand from (seed, beneficiary, index), so a beneficiary with millions of
 * claims costs nothing until a page of them is served.
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';
import { applyOverlay, type OverlayContext } from './bb2-overlay.js';
import { BB2_OVERLAYS } from './bb2-overlays.js';
import { createBeneficiary } from './beneficiaries.js';
import { buildCapabilityStatementR4, buildCapabilityStatementV1 } from './capability-statement.js';
import { createClaimDetail } from './claim-detail.js';
import { createClaimHeader } from './claim-header.js';
import { decodeClaimId, MAX_BENEFICIARIES, MAX_EOBS_PER_BENEFICIARY } from './claim-ids.js';
import { buildCoveragesR4, buildCoveragesV1 } from './coverage.js';
import type {
  ClaimHeader,
  Dataset,
  DatasetOptions,
  FhirVersion,
  SyntheticBeneficiary,
} from './dataset-types.js';
import { buildEobR4 } from './eob-r4.js';
import { buildEobV1 } from './eob-v1.js';
import { buildInsuranceCard } from './insurance-card.js';
import { buildPatientR4, buildPatientV1 } from './patient.js';

const DEFAULT_SEED = 1;
const DEFAULT_BENEFICIARIES = 10;
const DEFAULT_EOBS = 60;

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

function eobCountFor(option: DatasetOptions['eobsPerBeneficiary'], index: number): number {
  const count = typeof option === 'number' ? option : (option?.[index] ?? DEFAULT_EOBS);
  return checkInteger(`eobsPerBeneficiary[${index}]`, count, 0, MAX_EOBS_PER_BENEFICIARY);
}

/**
 * Creates a dataset. The same options always give byte-identical resources; nothing reads the clock.
 *
 * @throws RangeError when `seed` is not a safe integer, `beneficiaries` is not in [0, 100000], or an
 *   EOB count is not in [0, 10000000].
 * @example
 * const dataset = createDataset({ seed: 7, beneficiaries: 3, eobsPerBeneficiary: [100_000] });
 * const bene = dataset.findBeneficiary('BBUser00000')!;
 * const last = dataset.claimHeader(bene, bene.eobCount - 1);
 * const eob = dataset.eob(bene, 2, last);
 */
export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const count = checkInteger(
    'beneficiaries',
    options.beneficiaries ?? DEFAULT_BENEFICIARIES,
    0,
    MAX_BENEFICIARIES,
  );
  const beneficiaries: readonly SyntheticBeneficiary[] = Object.freeze(
    Array.from({ length: count }, (_, index) =>
      createBeneficiary(seed, index, eobCountFor(options.eobsPerBeneficiary, index)),
    ),
  );
  const byKey = new Map<string, SyntheticBeneficiary>();
  for (const bene of beneficiaries) {
    for (const key of [bene.patientId.v2, bene.patientId.v3, bene.username, bene.mbi]) byKey.set(key, bene);
  }

  /** This dataset's copy of `bene`: a beneficiary of another dataset (or a forged one) is refused. */
  function own(bene: SyntheticBeneficiary): SyntheticBeneficiary {
    const mine = beneficiaries[bene.index];
    if (mine === undefined || mine.patientId.v2 !== bene.patientId.v2) {
      throw new RangeError(`beneficiary ${bene.patientId.v2} is not part of this dataset`);
    }
    return mine;
  }

  function claimHeader(bene: SyntheticBeneficiary, index: number): ClaimHeader {
    return createClaimHeader(seed, own(bene), index);
  }

  function findClaim(bene: SyntheticBeneficiary, id: string): ClaimHeader | undefined {
    const mine = own(bene);
    const decoded = decodeClaimId(seed, mine.index, mine.eobCount, id);
    if (decoded === undefined) return undefined;
    const header = createClaimHeader(seed, mine, decoded.index);
    // `pde--<digits of a carrier claim>` decodes to a real index but names the wrong claim.
    return decoded.type === undefined || decoded.type === header.type ? header : undefined;
  }

  /** Resources are built from the index, so a header of another beneficiary would mix two claims. */
  function ownClaim(bene: SyntheticBeneficiary, claim: ClaimHeader): ClaimHeader {
    const header = claimHeader(bene, claim.index);
    if (header.id !== claim.id)
      throw new RangeError(`claim ${claim.id} is not a claim of ${bene.patientId.v2}`);
    return header;
  }

  function eob(bene: SyntheticBeneficiary, version: 1, claim: ClaimHeader): fhir3.ExplanationOfBenefit;
  function eob(bene: SyntheticBeneficiary, version: 2 | 3, claim: ClaimHeader): fhir4.ExplanationOfBenefit;
  function eob(
    bene: SyntheticBeneficiary,
    version: FhirVersion,
    claim: ClaimHeader,
  ): fhir3.ExplanationOfBenefit | fhir4.ExplanationOfBenefit {
    const mine = own(bene);
    const header = ownClaim(mine, claim);
    const detail = createClaimDetail(seed, mine.index, header);
    const built =
      version === 1 ? buildEobV1(mine, header, detail) : buildEobR4(mine, version, header, detail);
    const ctx: OverlayContext = {
      key: [seed, mine.index, header.index],
      date: header.start,
      instant: header.lastUpdated,
    };
    return applyOverlay(built, BB2_OVERLAYS[`${version}:${header.type}`], ctx);
  }

  /** Patient and Coverage values are keyed by the beneficiary alone (claim index -1). */
  function beneficiaryContext(bene: SyntheticBeneficiary, lastUpdated: string | undefined): OverlayContext {
    const instant = lastUpdated ?? '';
    return { key: [seed, bene.index, -1], date: instant.slice(0, 10), instant };
  }

  function patient(bene: SyntheticBeneficiary, version: 1): fhir3.Patient;
  function patient(bene: SyntheticBeneficiary, version: 2 | 3): fhir4.Patient;
  function patient(bene: SyntheticBeneficiary, version: FhirVersion): fhir3.Patient | fhir4.Patient {
    const mine = own(bene);
    const built = version === 1 ? buildPatientV1(seed, mine) : buildPatientR4(seed, mine, version);
    return applyOverlay(
      built,
      BB2_OVERLAYS[`${version}:Patient`],
      beneficiaryContext(mine, built.meta?.lastUpdated),
    );
  }

  function coverages(bene: SyntheticBeneficiary, version: 1): fhir3.Coverage[];
  function coverages(bene: SyntheticBeneficiary, version: 2 | 3): fhir4.Coverage[];
  function coverages(bene: SyntheticBeneficiary, version: FhirVersion): fhir3.Coverage[] | fhir4.Coverage[] {
    const mine = own(bene);
    const built = version === 1 ? buildCoveragesV1(seed, mine) : buildCoveragesR4(seed, mine, version);
    for (const coverage of built) {
      // `part-a--2014...` is Part A; v3's `dual--...` is the dual-eligibility Coverage.
      const part = /^(?:part-([abcd])|(dual))-/.exec(coverage.id ?? '');
      const kind = part?.[1] ?? part?.[2];
      if (kind !== undefined) {
        applyOverlay(
          coverage,
          BB2_OVERLAYS[`${version}:Coverage:${kind}`],
          beneficiaryContext(mine, coverage.meta?.lastUpdated),
        );
      }
    }
    return built;
  }

  function capabilityStatement(version: 1, baseUrl: string): fhir3.CapabilityStatement;
  function capabilityStatement(version: 2 | 3, baseUrl: string): fhir4.CapabilityStatement;
  function capabilityStatement(
    version: FhirVersion,
    baseUrl: string,
  ): fhir3.CapabilityStatement | fhir4.CapabilityStatement {
    return version === 1 ? buildCapabilityStatementV1(baseUrl) : buildCapabilityStatementR4(baseUrl, version);
  }

  return Object.freeze({
    seed,
    beneficiaries,
    findBeneficiary: (key: string) => byKey.get(key),
    claimHeader,
    findClaim,
    eob,
    patient,
    coverages,
    insuranceCard: (bene: SyntheticBeneficiary) => buildInsuranceCard(seed, own(bene)),
    capabilityStatement,
  });
}
