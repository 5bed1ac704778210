import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { BlueButtonError, isBlueButtonError } from '../../src/errors/blue-button-error.js';
import { HttpError } from '../../src/errors/http-error.js';
import { redactJsonError, redactPath, redactText, redactUrl } from '../../src/errors/redact.js';

describe('redaction', () => {
  test('query values that are secrets or identify a patient are replaced', () => {
    const r = redactUrl(
      'https://x.test/v2/fhir/ExplanationOfBenefit/?patient=-2014&_count=10&code=abc&access_token=tok&type=pde',
    );
    expect(r).toBe(
      'https://x.test/v2/fhir/ExplanationOfBenefit/?patient=[redacted]&_count=10&code=[redacted]&access_token=[redacted]&type=pde',
    );
  });
  test.each([
    'access_token',
    'refresh_token',
    'code',
    'code_verifier',
    'code_challenge',
    'client_secret',
    'state',
    'token',
    'patient',
    'beneficiary',
    '_id',
    'identifier',
  ])('the value of %s is replaced in URLs and in server text', (name) => {
    expect(redactUrl(`https://x.test/v2/o/token/?${name}=s3cr3tValue&_count=5`)).toBe(
      `https://x.test/v2/o/token/?${name}=[redacted]&_count=5`,
    );
    expect(redactText(`bad ${name}=s3cr3tValue, "${name}": "s3cr3tValue"`)).toBe(
      `bad ${name}=[redacted], "${name}": "[redacted]"`,
    );
  });
  test('ids under a proxy path prefix are replaced too', () => {
    expect(redactPath('/bb2/v2/fhir/Patient/-20140000008325')).toBe('/bb2/v2/fhir/Patient/[redacted]');
  });
  test('resource ids in paths are replaced, operations are kept', () => {
    expect(redactPath('/v2/fhir/Patient/-20140000008325')).toBe('/v2/fhir/Patient/[redacted]');
    expect(redactPath('/v3/fhir/ExplanationOfBenefit/-9631024438695')).toBe(
      '/v3/fhir/ExplanationOfBenefit/[redacted]',
    );
    expect(redactPath('/v3/fhir/Patient/$generate-insurance-card')).toBe(
      '/v3/fhir/Patient/$generate-insurance-card',
    );
    expect(redactPath('/v2/o/expire_authenticated_user/-2014/')).toBe(
      '/v2/o/expire_authenticated_user/[redacted]/',
    );
    expect(redactUrl('not a url')).toBe('[redacted]');
  });
  test('the raw response is attached but never printed', () => {
    const res = new Response('{"detail":"x"}', { status: 404 });
    const e = new HttpError(
      { status: 404, method: 'GET', url: 'https://x.test/v2/fhir/Patient/[redacted]', detail: 'Not found.' },
      res,
    );
    expect(e.response).toBe(res);
    expect(Object.keys(e)).not.toContain('response');
    expect(JSON.stringify(e)).not.toContain('Response');
    expect(inspect(e, { showHidden: true })).not.toContain('Response {');
    expect(e.toJSON()).toMatchObject({
      name: 'HttpError',
      code: 'HTTP_ERROR',
      status: 404,
      detail: 'Not found.',
    });
  });
  test('isBlueButtonError works across copies of the package (brand, not instanceof)', () => {
    const foreign = Object.assign(new Error('x'), { isBlueButtonError: true, code: 'HTTP_ERROR' });
    expect(isBlueButtonError(foreign)).toBe(true);
    expect(isBlueButtonError(new Error('x'))).toBe(false);
    expect(isBlueButtonError({ isBlueButtonError: true })).toBe(false);
    expect(isBlueButtonError(new BlueButtonError('TIMEOUT', 'slow'))).toBe(true);
  });
});

describe('server text', () => {
  test.each([
    [
      'Failed to call access method: java.lang.IllegalArgumentException: Unsupported ID pattern: part-d____--20140000008325',
      'Failed to call access method: java.lang.IllegalArgumentException: Unsupported ID pattern: [redacted]',
    ],
    ['Unsupported ID pattern: abc', 'Unsupported ID pattern: [redacted]'],
    ['Invalid token sEcReTaCcEsStOkEn0123456789abcd', 'Invalid token [redacted]'],
    ['got Authorization: Bearer abc.def', 'got Authorization: Bearer [redacted]'],
    [
      'See https://x.test/v2/fhir/Patient/-20140000008325?patient=-2014&_count=10 now',
      'See https://x.test/v2/fhir/Patient/[redacted]?patient=[redacted]&_count=10 now',
    ],
    ['no claims for Patient/xyz', 'no claims for Patient/[redacted]'],
    ['MBI 1EG4TE5MK73 unknown', 'MBI [redacted] unknown'],
    ['bene -20140000008325 not found', 'bene [redacted] not found'],
  ])('%j is redacted', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });
  test.each([
    'You do not have permission to perform this action.',
    'Request was throttled. Expected available in 86400 seconds.',
    'service-date value ge2023-01-01 is invalid',
    'Not found.',
  ])('%j is kept as is', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('JSON parse errors attached as cause', () => {
  test("V8's quoted input is replaced, the position kept", () => {
    const body = '{"access_token":"SECRET-TOKEN-123" "x":1}';
    let raw: unknown;
    try {
      JSON.parse(body);
    } catch (e) {
      raw = e;
    }
    const safe = redactJsonError(raw);
    expect(safe).toBeInstanceOf(SyntaxError);
    expect(safe.message).not.toContain('SECRET-TOKEN-123');
    expect(safe.message).toMatch(/position|JSON/);
    expect(
      redactJsonError(new SyntaxError('Unexpected token \'<\', "<html><body>Bene -2014" is not valid JSON'))
        .message,
    ).toBe("Unexpected token '<', [redacted] is not valid JSON");
  });
});
