import { describe, expect, test } from 'vitest';
import { constantTimeEqual } from '../../src/auth/constant-time-equal.js';

describe('constantTimeEqual', () => {
  test.each([
    ['', '', true],
    ['state-1234567890abcdef', 'state-1234567890abcdef', true],
    ['state-1234567890abcdef', 'state-1234567890abcdeg', false],
    ['state-1234567890abcdef', 'Xtate-1234567890abcdef', false],
    ['state', 'state-longer', false],
    ['state-longer', 'state', false],
    ['abc', '', false],
    ['', 'abc', false],
    // Same UTF-16 length, different UTF-8 bytes; and a non-ASCII match.
    ['é', 'e', false],
    ['ü-state', 'ü-state', true],
  ])('%j vs %j is %s', (expected, actual, equal) => {
    expect(constantTimeEqual(expected, actual)).toBe(equal);
  });

  test('a prefix of the expected value is not equal (length counts)', () => {
    const expected = 'a'.repeat(43);
    for (let n = 0; n < 43; n++) expect(constantTimeEqual(expected, 'a'.repeat(n))).toBe(false);
    expect(constantTimeEqual(expected, `${expected}\0`)).toBe(false);
  });
});
