/** What the exporters accept: EOBs of any version or normalized records, sync or async. */
import type { ClaimRecord } from './claim-record.js';
import type { AnyExplanationOfBenefit } from './fhir-loose.js';
import { toClaim } from './to-claim.js';

export type ClaimSourceItem = AnyExplanationOfBenefit | ClaimRecord;
export type ClaimSource = Iterable<ClaimSourceItem> | AsyncIterable<ClaimSourceItem>;

const isRecord = (x: ClaimSourceItem): x is ClaimRecord =>
  typeof x === 'object' && x !== null && 'family' in x && 'lines' in x && !('resourceType' in x);

/** Normalized records from a source, one at a time (nothing is buffered). */
export async function* claimsOf(source: ClaimSource): AsyncGenerator<ClaimRecord, void, undefined> {
  for await (const item of source) yield isRecord(item) ? item : toClaim(item);
}
