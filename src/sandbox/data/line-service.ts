/**
 * Where and when a claim line was served: the same JSON shape in STU3 and R4, so v1 and v2/v3 EOBs share it.
 */
import type { ClaimLine } from './claim-detail.js';
import { type PlainCoding, variableCoding } from './fhir-codings.js';

export function servicedOf(
  line: ClaimLine,
): { servicedDate: string } | { servicedPeriod: { start: string; end: string } } {
  return line.start === line.end
    ? { servicedDate: line.start }
    : { servicedPeriod: { start: line.start, end: line.end } };
}

export function locationOf(line: ClaimLine): { locationCodeableConcept?: { coding: PlainCoding[] } } {
  const place = line.placeOfService;
  if (place === undefined) return {};
  return {
    locationCodeableConcept: { coding: [variableCoding('line_place_of_srvc_cd', place.code, place.display)] },
  };
}
