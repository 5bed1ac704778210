/** The caller aborted an attempt; carries the signal's reason out of the policies untouched. */
export class AbortedByCaller extends Error {
  override name = 'AbortedByCaller';
  readonly reason: unknown;
  constructor(reason: unknown) {
    super('aborted by the caller');
    this.reason = reason;
  }
}
