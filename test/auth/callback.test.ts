import { describe, expect, test } from 'vitest';
import { checkCallback, parseCallbackUrl } from '../../src/auth/callback.js';
import { isBlueButtonError } from '../../src/errors/blue-button-error.js';
import { CallbackError } from '../../src/errors/callback-error.js';

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
    [{ code: null, state: auth.state, error: 'invalid_request' }, 'CALLBACK_ERROR'],
    // BB2 did not finish the authorization: a code beside an error is not used.
    [{ code: 'c', state: auth.state, error: 'server_error' }, 'CALLBACK_ERROR'],
  ])('%o -> %s', (params, code) => {
    expect(codeOf(() => checkCallback(auth, params))).toBe(code);
  });
  test('parses absolute and path-only callback URLs', () => {
    expect(parseCallbackUrl('/cb?code=a&state=b')).toEqual({
      code: 'a',
      state: 'b',
      error: null,
      errorDescription: null,
    });
    expect(parseCallbackUrl('https://app.test/cb?error=access_denied&state=b')).toEqual({
      code: null,
      state: 'b',
      error: 'access_denied',
      errorDescription: null,
    });
  });
});

describe('RFC 6749 3.1: a callback parameter appears at most once', () => {
  test.each([
    ['/cb?code=a&code=b&state=s', 'code'],
    ['/cb?code=a&state=s&state=t', 'state'],
    ['/cb?state=s&error=access_denied&error=server_error', 'error'],
    ['/cb?code=a&state=s&state=s', 'state'],
    ['https://app.test/cb?error_description=x&state=s&code=a&error_description=y', 'error_description'],
  ])('%s is CALLBACK_PARAM_REPEATED naming %s', (url, parameter) => {
    let caught: unknown;
    try {
      parseCallbackUrl(url);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CallbackError);
    expect(caught).toMatchObject({ code: 'CALLBACK_PARAM_REPEATED', parameter });
  });
});

describe('an error in the callback', () => {
  test("server_error with a code and state is CALLBACK_ERROR carrying BB2's error value", () => {
    const params = parseCallbackUrl(
      `/cb?error=server_error&error_description=Backend+said+-20140000008325&code=abc&state=${auth.state}`,
    );
    let caught: unknown;
    try {
      checkCallback(auth, params);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CallbackError);
    const e = caught as CallbackError;
    expect(e.code).toBe('CALLBACK_ERROR');
    expect(e.oauthError).toBe('server_error');
    expect(e.message).toContain('server_error');
    // The description is server text: readable, but not in the message, JSON or enumeration.
    expect(e.errorDescription).toBe('Backend said [redacted]');
    expect(e.message).not.toContain('-20140000008325');
    expect(JSON.stringify(e)).not.toContain('-20140000008325');
    expect(Object.keys(e)).not.toContain('errorDescription');
  });

  test.each([
    ['patient -20140000008325 and MBI 1EG4-TE5-MK73', 'patient [redacted] and MBI [redacted]'],
    ['bene 1234567 unknown', 'bene [redacted] unknown'],
    ['code=abc.def bad, token k2Jf93LsQ0pXz81mNbV7cRt', 'code=[redacted] bad, token [redacted]'],
    ['Invalid scope: patient/Coverage.read', 'Invalid scope: patient/Coverage.read'],
  ])('error_description %j is kept as %j (the server-text redaction)', (description, expected) => {
    const e = new CallbackError('CALLBACK_ERROR', {
      oauthError: 'server_error',
      errorDescription: description,
    });
    expect(e.errorDescription).toBe(expected);
  });

  test('access_denied stays CALLBACK_ACCESS_DENIED', () => {
    expect(
      codeOf(() => checkCallback(auth, parseCallbackUrl(`/cb?error=access_denied&state=${auth.state}`))),
    ).toBe('CALLBACK_ACCESS_DENIED');
  });

  test('an error value that is not an OAuth error word is kept on the error, not in the message', () => {
    const weird = 'x"><script>';
    let caught: unknown;
    try {
      checkCallback(auth, { code: null, state: auth.state, error: weird });
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'CALLBACK_ERROR', oauthError: weird });
    expect((caught as Error).message).not.toContain('script');
  });
});
