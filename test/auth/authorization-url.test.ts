import { describe, expect, test } from 'vitest';
import { createAuthorizationUrl } from '../../src/auth/authorization-url.js';

const auth = {
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  verifier: 'v'.repeat(43),
  state: 's'.repeat(43),
};
const client = { clientId: 'abc123', callbackUrl: 'https://app.example.com/cb?x=1&y=a b' };

describe('authorize URL', () => {
  test('every parameter is URL-encoded and the path keeps its slash', () => {
    const url = new URL(createAuthorizationUrl('https://sandbox.bluebutton.cms.gov', 2, client, auth));
    expect(url.pathname).toBe('/v2/o/authorize/');
    expect(url.searchParams.get('redirect_uri')).toBe(client.callbackUrl);
    expect(url.search).toContain('redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1%26y%3Da+b');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(auth.codeChallenge);
    expect(url.searchParams.get('state')).toBe(auth.state);
    // v1/v2 without a scope get BB2's default list (bb2-api 9): the SDK adds none.
    expect(url.searchParams.has('scope')).toBe(false);
    expect(url.searchParams.has('verifier')).toBe(false);
    expect(url.toString()).not.toContain(auth.verifier);
  });

  test('scope and lang options', () => {
    const url = new URL(
      createAuthorizationUrl('https://x.test', 1, client, auth, {
        scope: ['patient/ExplanationOfBenefit.read', 'profile'],
        lang: 'es',
      }),
    );
    expect(url.searchParams.get('scope')).toBe('patient/ExplanationOfBenefit.read profile');
    expect(url.search).toContain('scope=patient%2FExplanationOfBenefit.read+profile');
    expect(url.searchParams.get('lang')).toBe('es');
  });

  test('v3 asks for default scopes because BB2 v3 rejects an authorize call without scope', () => {
    const url = new URL(createAuthorizationUrl('https://x.test', 3, client, auth));
    expect(url.pathname).toBe('/v3/o/authorize/');
    // Literals, not the module's own constant: dropping `openid` (no userinfo, no `sub`) must fail here.
    expect(url.searchParams.get('scope')).toBe(
      'openid profile patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs',
    );
    expect(url.search).toContain(
      'scope=openid+profile+patient%2FPatient.rs+patient%2FCoverage.rs+patient%2FExplanationOfBenefit.rs',
    );
  });
});

test('v3 with an explicit scope sends exactly that scope, not the default list', () => {
  const url = new URL(createAuthorizationUrl('https://x.test', 3, client, auth, { scope: ['profile'] }));
  expect(url.searchParams.get('scope')).toBe('profile');
});
