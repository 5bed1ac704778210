/** Where a sync job writes: resources keyed by id, and each beneficiary's watermarks and status. */

export const SYNCED_TYPES = ['ExplanationOfBenefit', 'Coverage', 'Patient'] as const;
export type SyncedType = (typeof SYNCED_TYPES)[number];

export interface SyncedResource {
  readonly resourceType: SyncedType;
  readonly id: string;
  /** `meta.lastUpdated` as BB2 sent it. */
  readonly lastUpdated: string | undefined;
  readonly resource: unknown;
}

export interface BeneficiaryState {
  /** Per resource type: the newest `meta.lastUpdated` already stored. */
  readonly watermarks: Partial<Record<SyncedType, string>>;
  /** `reauthorization-required`: the beneficiary must consent again; jobs skip it. */
  readonly status: 'active' | 'reauthorization-required';
}

export interface SyncSink {
  state(beneficiary: string): Promise<BeneficiaryState>;
  /**
   * Upserts the resources and moves the watermarks in one transaction: a job that dies halfway leaves
   * the old watermarks, so its rerun fetches (and overwrites) the same resources again.
   */
  write(
    beneficiary: string,
    patient: string,
    resources: readonly SyncedResource[],
    watermarks: BeneficiaryState['watermarks'],
  ): Promise<void>;
  markReauthorizationRequired(beneficiary: string): Promise<void>;
}
