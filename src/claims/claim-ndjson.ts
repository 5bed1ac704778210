/** `toNdjson`: one normalized claim per line, streamed. */
import { type ClaimSource, claimsOf } from './claim-source.js';

/**
 * Streams NDJSON: `JSON.stringify(toClaim(eob))` and a `\n` per claim, one string chunk per claim, so
 * memory stays flat. Accepts EOBs of any version or normalized records, sync or async.
 *
 * @throws BlueButtonError `INVALID_PARAMS` (while iterating) for an item that is neither an EOB nor a record.
 * @example
 * await pipeline(Readable.from(toNdjson(client.v3.ExplanationOfBenefit.all())), createWriteStream('claims.ndjson'));
 */
export async function* toNdjson(source: ClaimSource): AsyncGenerator<string, void, undefined> {
  for await (const claim of claimsOf(source)) yield `${JSON.stringify(claim)}\n`;
}
