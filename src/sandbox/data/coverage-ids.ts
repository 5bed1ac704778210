/**
 * Coverage ids, shared by the Coverage builders and the EOB `insurance` references so the two can
 * never disagree: `part-a-` + patient id gives `part-a--20140000000001` (bb2-api.md 3.5).
 */
import type { CoveragePart } from './claim-types.js';

export const COVERAGE_PARTS: readonly CoveragePart[] = ['a', 'b', 'c', 'd'];

export function coverageId(part: CoveragePart, patientId: string): string {
  return `part-${part}-${patientId}`;
}

/** v3's dual-eligibility Coverage, `dual--<bene>`. */
export function dualCoverageId(patientId: string): string {
  return `dual-${patientId}`;
}

export function coverageReference(part: CoveragePart, patientId: string): string {
  return `Coverage/${coverageId(part, patientId)}`;
}

/** `Part A`, as Coverage class values and v1 type codes say it. */
export function coveragePartLabel(part: CoveragePart): string {
  return `Part ${part.toUpperCase()}`;
}
