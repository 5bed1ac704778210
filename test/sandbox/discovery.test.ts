import { afterEach, describe, expect, it } from 'vitest';
import { closeSandboxes, fhirGet, getWithHost, json, obtainTokens, sandboxWith } from './helpers.js';

afterEach(closeSandboxes);

describe('OIDC discovery (bb2-api 2.2)', () => {
  it('v1 and v2 advertise the v2 endpoints, with trailing slashes stripped', async () => {
    const sandbox = await sandboxWith();
    const o = sandbox.url;
    const expected = {
      issuer: o,
      authorization_endpoint: `${o}/v2/o/authorize`,
      revocation_endpoint: `${o}/v2/o/revoke_token`,
      token_endpoint: `${o}/v2/o/token`,
      userinfo_endpoint: `${o}/v2/connect/userinfo`,
      ui_locales_supported: ['en-US'],
      service_documentation: 'https://cmsgov.github.io/bluebutton-developer-help/',
      op_tos_uri: 'https://bluebutton.cms.gov/terms',
      grant_types_supported: ['refresh_token', 'authorization_code'],
      response_types_supported: ['code', 'token'],
      fhir_metadata_uri: `${o}/v2/fhir/metadata`,
    };
    for (const path of [
      '/v1/connect/.well-known/openid-configuration',
      '/v2/connect/.well-known/openid-configuration',
      '/.well-known/openid-configuration',
      '/.well-known/openid-configuration-v2',
    ]) {
      const response = await fetch(`${o}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual(expected);
    }
  });

  it('v3 advertises v3 endpoints', async () => {
    const sandbox = await sandboxWith();
    for (const path of [
      '/v3/connect/.well-known/openid-configuration',
      '/.well-known/openid-configuration-v3',
    ]) {
      const body = await json(await fetch(`${sandbox.url}${path}`));
      expect(body.token_endpoint).toBe(`${sandbox.url}/v3/o/token`);
      expect(body.userinfo_endpoint).toBe(`${sandbox.url}/v3/connect/userinfo`);
      expect(body.fhir_metadata_uri).toBe(`${sandbox.url}/v3/fhir/metadata`);
    }
  });

  it('builds URLs on the Host the client used, or on publicBaseUrl', async () => {
    const sandbox = await sandboxWith();
    const viaLocalhost = JSON.parse(
      (await getWithHost(`${sandbox.url}/.well-known/openid-configuration`, `localhost:${sandbox.port}`))
        .body,
    ) as Record<string, unknown>;
    expect(viaLocalhost.issuer).toBe(`http://localhost:${sandbox.port}`);
    const configured = await sandboxWith({ publicBaseUrl: 'https://sandbox.example.test/' });
    const body = await json(await fetch(`${configured.url}/.well-known/openid-configuration`));
    expect(body.token_endpoint).toBe('https://sandbox.example.test/v2/o/token');
  });
});

describe('SMART configuration (bb2-api 2.2)', () => {
  it('v2 field set', async () => {
    const sandbox = await sandboxWith();
    const o = sandbox.url;
    expect(await json(await fetch(`${o}/v2/fhir/.well-known/smart-configuration`))).toEqual({
      authorization_endpoint: `${o}/v2/o/authorize`,
      revocation_endpoint: `${o}/v2/o/revoke_token`,
      token_endpoint: `${o}/v2/o/token`,
      grant_types_supported: ['authorization_code'],
      response_types_supported: ['code', 'token'],
      scopes_supported: [
        'openid',
        'profile',
        'launch/patient',
        'patient/Patient.read',
        'patient/ExplanationOfBenefit.read',
        'patient/Coverage.read',
        'patient/Patient.rs',
        'patient/ExplanationOfBenefit.rs',
        'patient/Coverage.rs',
      ],
      code_challenge_methods_supported: ['S256'],
      capabilities: [
        'client-confidential-symmetric',
        'context-standalone-patient',
        'launch-standalone',
        'permission-offline',
        'permission-patient',
        'permission-v1',
        'permission-v2',
        'authorize-post',
      ],
    });
  });

  it('v3 adds client credentials and private_key_jwt', async () => {
    const sandbox = await sandboxWith();
    const body = await json(await fetch(`${sandbox.url}/v3/fhir/.well-known/smart-configuration`));
    expect(body.token_endpoint).toBe(`${sandbox.url}/v3/o/token`);
    expect(body.grant_types_supported).toEqual(['authorization_code', 'client_credentials']);
    expect(body.capabilities).toContain('client-confidential-asymmetric');
    expect(body.token_endpoint_auth_methods_supported).toEqual(['private_key_jwt']);
    expect(body.token_endpoint_auth_signing_alg_values_supported).toEqual([
      'ES384',
      'RS256',
      'RS384',
      'RS512',
    ]);
  });
});

describe('metadata', () => {
  it('is public, application/json, per version, and exact-path only', async () => {
    const sandbox = await sandboxWith();
    const v1 = await fetch(`${sandbox.url}/v1/fhir/metadata`);
    expect(v1.status).toBe(200);
    expect(v1.headers.get('content-type')).toBe('application/json');
    const v1Body = await json(v1);
    expect(v1Body.resourceType).toBe('CapabilityStatement');
    expect(v1Body.fhirVersion).toBe('3.0.2');
    expect((await json(await fetch(`${sandbox.url}/v3/fhir/metadata`))).fhirVersion).toBe('4.0.1');
    expect(JSON.stringify(await json(await fetch(`${sandbox.url}/v2/fhir/metadata`)))).toContain(sandbox.url);
  });
});

describe('userinfo (bb2-api 3.6)', () => {
  it("returns BB2's fields with this version's patient id", async () => {
    const sandbox = await sandboxWith();
    const bene = sandbox.dataset.beneficiaries[0];
    for (const version of [1, 2, 3] as const) {
      const tokens = await obtainTokens(sandbox, { version });
      for (const path of ['userinfo', 'userinfo/']) {
        const response = await fhirGet(`${sandbox.url}/v${version}/connect/${path}`, tokens.access_token);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/json');
        const id = version === 3 ? bene?.patientId.v3 : bene?.patientId.v2;
        expect(await response.json()).toEqual({
          sub: id,
          name: `${bene?.givenName} ${bene?.familyName}`,
          given_name: bene?.givenName,
          family_name: bene?.familyName,
          email: bene?.email,
          iat: bene?.createdAt,
          patient: id,
        });
      }
    }
  });

  it('needs the profile scope', async () => {
    const sandbox = await sandboxWith();
    const declined = await obtainTokens(sandbox, { shareDemographics: false });
    const response = await fhirGet(`${sandbox.url}/v2/connect/userinfo`, declined.access_token);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ detail: 'You do not have permission to perform this action.' });
  });
});
