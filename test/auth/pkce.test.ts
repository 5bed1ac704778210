import { inspect } from 'node:util';
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

  // NIST FIPS 180-4 examples (CSRC "SHA256.pdf"), as base64url of the digest: the challenge is only that.
  test.each([
    ['', '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'],
    ['abc', 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      'JI1qYdIGOLjlwCaTDD5gOaM85Flk_yFn9uzt1BnbBsE',
    ],
  ])('SHA-256 of %j matches the NIST vector', (input, expected) => {
    expect(computeCodeChallenge(input)).toBe(expected);
  });

  test('a multi-block input (1,000 bytes) hashes as NIST SHA-256 does', () => {
    // 1,000 x "a" spans 16 64-byte blocks: 41edece4...9737ea3 in hex.
    const input = 'a'.repeat(1000);
    expect(computeCodeChallenge(input)).toBe('Qe3s5C1j6Nm_UVqbppMuHCDLyfWl0TRkWttdsblzfqM');
  });

  test('console.log and inspect show no verifier, code and JSON still read it', () => {
    const a = generateAuthData();
    for (const printed of [inspect(a), inspect(a, { showHidden: true, depth: 5 }), `${inspect([a])}`]) {
      expect(printed).not.toContain(a.verifier);
      expect(printed).toContain('[redacted]');
      expect(printed).toContain(a.codeChallenge);
    }
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A session store serializes it and must get it back whole.
    expect(JSON.parse(JSON.stringify(a))).toEqual({
      codeChallenge: a.codeChallenge,
      verifier: a.verifier,
      state: a.state,
    });
    expect(Object.keys(a)).toEqual(['codeChallenge', 'verifier', 'state']);
  });
});
