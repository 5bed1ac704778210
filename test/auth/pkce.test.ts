import { describe, expect, test } from 'vitest';
import {
  computeCodeChallenge,
  createCodeVerifier,
  createState,
  generateAuthData,
} from '../../src/auth/pkce.js';

describe('PKCE and state', () => {
  test('S256 matches RFC 7636 Appendix B', () => {
    expect(computeCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  test('verifier is 43-128 unreserved characters and never repeats', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const v = createCodeVerifier();
      expect(v).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      seen.add(v);
    }
    expect(seen.size).toBe(200);
  });

  test('state has at least 32 characters', () => {
    expect(createState().length).toBeGreaterThanOrEqual(32);
    expect(createState()).not.toBe(createState());
  });

  test('generateAuthData ties the challenge to the verifier', () => {
    const a = generateAuthData();
    expect(a.codeChallenge).toBe(computeCodeChallenge(a.verifier));
    expect(a.codeChallenge).not.toContain('=');
  });
});
