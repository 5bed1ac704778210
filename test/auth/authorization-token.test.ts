import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { AuthorizationToken, parseGrantExpiration } from '../../src/auth/authorization-token.js';

const NOW = Date.UTC(2026, 0, 1);
const body = {
  access_token: 'ACCESS-SECRET-1234567890',
  expires_in: 16768.523842,
  token_type: 'Bearer',
  scope: 'profile patient/Patient.rs patient/ExplanationOfBenefit.rs patient/Coverage.read',
  refresh_token: 'REFRESH-SECRET-0987654321',
  patient: '-20140000008325',
  access_grant_expiration: '2025-09-05 19:17:53Z',
};

describe('AuthorizationToken', () => {
  test('reads BB2 token responses: scope string, fractional expires_in, grant expiration', () => {
    const t = AuthorizationToken.fromResponse(body, 2, NOW);
    expect(t.scope).toEqual([
      'profile',
      'patient/Patient.rs',
      'patient/ExplanationOfBenefit.rs',
      'patient/Coverage.read',
    ]);
    expect(t.expiresIn).toBe(16768.523842);
    expect(t.expiresAt).toBe(NOW + 16768524);
    expect(t.patient).toBe('-20140000008325');
    expect(t.accessGrantExpiration?.toISOString()).toBe('2025-09-05T19:17:53.000Z');
    expect(t.version).toBe(2);
  });

  test('a scope sent as a JSON array is read as that array', () => {
    const t = AuthorizationToken.fromResponse(
      { ...body, scope: ['openid', 'patient/Patient.rs', 'patient/Coverage.rs'] },
      3,
      NOW,
    );
    expect(t.scope).toEqual(['openid', 'patient/Patient.rs', 'patient/Coverage.rs']);
    expect(t.hasScope('patient/Coverage.read')).toBe(true);
    expect(t.toJSON().scope).toBe('openid patient/Patient.rs patient/Coverage.rs');
  });

  test('both grant expiration formats, and none for research apps', () => {
    expect(parseGrantExpiration('2025-09-05T19:17:53Z')?.getTime()).toBe(Date.UTC(2025, 8, 5, 19, 17, 53));
    expect(parseGrantExpiration('2025-09-05 19:17:53Z')?.getTime()).toBe(Date.UTC(2025, 8, 5, 19, 17, 53));
    expect(parseGrantExpiration('')).toBeUndefined();
    expect(parseGrantExpiration('garbage')).toBeUndefined();
  });

  test('isExpired honours the skew', () => {
    const t = AuthorizationToken.fromResponse({ ...body, expires_in: 3600 }, 2, NOW);
    expect(t.isExpired(0, NOW + 3_599_000)).toBe(false);
    expect(t.isExpired(60_000, NOW + 3_541_000)).toBe(true);
    expect(t.isExpired(0, NOW + 3_600_000)).toBe(true);
  });

  test('hasScope treats SMART v1 and v2 names alike', () => {
    const t = AuthorizationToken.fromResponse(body, 2, NOW);
    expect(t.hasScope('patient/Patient.read')).toBe(true);
    expect(t.hasScope('patient/Patient.r')).toBe(true);
    expect(t.hasScope('patient/Coverage.rs')).toBe(true);
    expect(t.hasScope('patient/ExplanationOfBenefit.s')).toBe(true);
    expect(t.hasScope('profile')).toBe(true);
    expect(t.hasScope('openid')).toBe(false);
    const onlyRead = AuthorizationToken.fromResponse({ ...body, scope: 'patient/Patient.r' }, 2, NOW);
    expect(onlyRead.hasScope('patient/Patient.read')).toBe(false);
  });

  test('toJSON / fromJSON round trip', () => {
    const t = AuthorizationToken.fromResponse(body, 3, NOW);
    const back = AuthorizationToken.fromJSON(JSON.parse(JSON.stringify(t)));
    expect(back.toJSON()).toEqual(t.toJSON());
    expect(back.accessToken).toBe(body.access_token);
    expect(back.version).toBe(3);
  });

  test('reads tokens saved by the official Node and Python SDKs', () => {
    const node = AuthorizationToken.fromJSON({ ...body, expires_at: NOW + 1000 });
    expect(node.expiresAt).toBe(NOW + 1000);
    expect(node.version).toBe(2);
    const py = AuthorizationToken.fromJSON({ ...body, expires_at: '2026-01-01T01:00:00+00:00' }, 1);
    expect(py.expiresAt).toBe(NOW + 3_600_000);
    expect(py.version).toBe(1);
    expect(() => AuthorizationToken.fromJSON({ ...body, access_token: '', expires_at: 1 })).toThrow(
      /not a token/,
    );
  });

  test('rejects a token response without access_token or expires_in', () => {
    expect(() => AuthorizationToken.fromResponse({ token_type: 'Bearer' }, 2, NOW)).toThrow(
      expect.objectContaining({ code: 'INVALID_RESPONSE' }),
    );
  });

  test('secrets stay out of inspect, String and spreading', () => {
    const t = AuthorizationToken.fromResponse(body, 2, NOW);
    for (const text of [inspect(t), String(t), `${t}`, JSON.stringify({ ...t })]) {
      expect(text).not.toContain(body.access_token);
      expect(text).not.toContain(body.refresh_token);
    }
  });
});
