/**
 * String comparison whose time does not depend on where the strings differ, for secrets an attacker may
 * probe (the OAuth `state`). Web-standard: no `node:crypto`, no `Buffer`.
 */

/**
 * True when `a` and `b` hold the same UTF-8 bytes. The loop always runs over `expected`'s length, so the time
 * depends on the expected value's length only, never on the attacker's input or on the first difference.
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  const encoder = new TextEncoder();
  const a = encoder.encode(expected);
  const b = encoder.encode(actual);
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) {
    // Past the end of a shorter `actual` the length difference above has already decided the result.
    difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return difference === 0;
}
