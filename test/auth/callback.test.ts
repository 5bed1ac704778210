import { describe, expect, test } from 'vitest';
import { checkCallback, parseCallbackUrl } from '../../src/auth/callback.js';
import { isBlueButtonError } from '../../src/errors/blue-button-error.js';

const auth = { codeChallenge: 'c', verifier: 'v', state: 'state-0123456789abcdef-0123456789' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isBlueButtonError(e) ? e.code : 'not a BlueButtonError';
  }
  return undefined;
}

describe('callback checks', () => {
  test('returns the code when state matches', () => {
    expect(checkCallback(auth, { code: 'the-code', state: auth.state, error: null })).toBe('the-code');
  });
  test.each([
    [{ code: null, state: auth.state, error: 'access_denied' }, 'CALLBACK_ACCESS_DENIED'],
    [{ code: 'c', state: null, error: null }, 'CALLBACK_STATE_MISSING'],
    [{ code: 'c', state: `${auth.state}x`, error: null }, 'CALLBACK_STATE_MISMATCH'],
    [{ code: 'c', state: 'short', error: null }, 'CALLBACK_STATE_MISMATCH'],
    [{ code: null, state: auth.state, error: null }, 'CALLBACK_CODE_MISSING'],
    [{ code: '', state: auth.state, error: null }, 'CALLBACK_CODE_MISSING'],
    [{ code: null, state: auth.state, error: 'invalid_request' }, 'CALLBACK_CODE_MISSING'],
  ])('%o -> %s', (params, code) => {
    expect(codeOf(() => checkCallback(auth, params))).toBe(code);
  });
  test('parses absolute and path-only callback URLs', () => {
    expect(parseCallbackUrl('/cb?code=a&state=b')).toEqual({ code: 'a', state: 'b', error: null });
    expect(parseCallbackUrl('https://app.test/cb?error=access_denied&state=b')).toEqual({
      code: null,
      state: 'b',
      error: 'access_denied',
    });
  });
});
