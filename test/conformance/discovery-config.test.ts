/**
 * BB2's OIDC and SMART discovery documents (docs examples), fetched through the SDK, and the official
 * SDKs' own config files, loaded in place from ../shared unchanged.
 */
import { inspect } from 'node:util';
import type { OpenIdConfiguration, SmartConfiguration } from 'bluebutton-ts';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { at, useSampleServer } from './helpers/sample-server.js';
import {
  arrayField,
  isRecord,
  type Json,
  present,
  readSample,
  requireVersion,
  SANDBOX_ORIGIN,
  samplePath,
  samplesFor,
  sampleText,
  stringField,
  suiteName,
} from './helpers/samples.js';
import { expectAuthorizedGet, makeBlueButton, tokenFor } from './helpers/sdk.js';

const strings = (v: Json, key: string) =>
  arrayField(v, key).filter((x): x is string => typeof x === 'string');

/** Narrows a discovery body to the SDK's OpenIdConfiguration type (the fields it requires are strings). */
function asOpenId(v: unknown): OpenIdConfiguration {
  if (!isRecord(v)) throw new Error('not an object');
  const authorization_endpoint = stringField(v, 'authorization_endpoint');
  const token_endpoint = stringField(v, 'token_endpoint');
  if (authorization_endpoint === undefined || token_endpoint === undefined)
    throw new Error('endpoints missing');
  const optional = (k: string) => {
    const s = stringField(v, k);
    return s === undefined ? {} : { [k]: s };
  };
  return {
    authorization_endpoint,
    token_endpoint,
    ...optional('issuer'),
    ...optional('revocation_endpoint'),
    ...optional('userinfo_endpoint'),
    ...optional('fhir_metadata_uri'),
    grant_types_supported: strings(v, 'grant_types_supported'),
    response_types_supported: strings(v, 'response_types_supported'),
  };
}

function asSmart(v: unknown): SmartConfiguration {
  const base = asOpenId(v);
  if (!isRecord(v)) throw new Error('not an object');
  return {
    authorization_endpoint: base.authorization_endpoint,
    token_endpoint: base.token_endpoint,
    ...(base.revocation_endpoint === undefined ? {} : { revocation_endpoint: base.revocation_endpoint }),
    scopes_supported: strings(v, 'scopes_supported'),
    code_challenge_methods_supported: strings(v, 'code_challenge_methods_supported'),
    capabilities: strings(v, 'capabilities'),
  };
}

/** Where BB2 serves each discovery document, relative to `/v<n>/` (bb2-api 2.1). */
function discoveryPath(name: string): string {
  if (name.includes('-openid-configuration-')) return 'connect/.well-known/openid-configuration';
  if (name.includes('-smart-configuration-')) return 'fhir/.well-known/smart-configuration';
  throw new Error(`${name} is not a discovery document`);
}

describe.skipIf(!present)(suiteName('discovery documents and official SDK config files'), () => {
  const server = useSampleServer();

  test.each(samplesFor('discovery'))(
    '%s: fetched through getCustomData(), a JSON object with the endpoints',
    async (name) => {
      const version = requireVersion(name);
      const relative = discoveryPath(name);
      const path = `/v${version}/${relative}`;
      server.serve(
        SANDBOX_ORIGIN,
        at('GET', path, { body: sampleText(name), contentType: 'application/json' }),
      );
      const bb = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version });

      const { response } = await bb.getCustomData(relative, tokenFor(version));
      expect(response.status).toBe(200);
      expect(response.data).toStrictEqual(readSample(name));
      expect(server.seen.map((r) => r.url.href)).toEqual([`${SANDBOX_ORIGIN}${path}`]);
      expectAuthorizedGet(server.seen[0]!);

      const doc = asOpenId(response.data);
      for (const url of [doc.authorization_endpoint, doc.token_endpoint, doc.revocation_endpoint]) {
        expect(new URL(url ?? '').origin).toBe(SANDBOX_ORIGIN);
      }
      // v1 documents name the v2 endpoints (BB2 serves v2 URLs for v1); v2 and v3 name their own.
      const endpointVersion = version === 1 ? 2 : version;
      expect(new URL(doc.authorization_endpoint).pathname).toBe(`/v${endpointVersion}/o/authorize/`);
      // The SDK posts to the same token path (`/v<n>/o/token/`) for v2 and v3.
      expect(new URL(doc.token_endpoint).pathname).toBe(`/v${endpointVersion}/o/token/`);
      expect(doc.revocation_endpoint).toMatch(new RegExp(`/v${endpointVersion}/o/revoke(_token)?/$`));

      if (relative.includes('openid')) {
        expect(new URL(doc.userinfo_endpoint ?? '').pathname).toBe(`/v${endpointVersion}/connect/userinfo`);
        expect(doc.issuer).toEqual(expect.any(String));
        expect(new URL(doc.fhir_metadata_uri ?? '').pathname).toBe(`/v${endpointVersion}/fhir/metadata`);
        expect(doc.grant_types_supported).toEqual(
          expect.arrayContaining(['authorization_code', 'refresh_token']),
        );
      } else {
        const smart = asSmart(response.data);
        expect(smart.code_challenge_methods_supported).toEqual(['S256']);
        expect(smart.scopes_supported).toEqual(
          expect.arrayContaining(['profile', 'patient/ExplanationOfBenefit.rs', 'patient/Patient.rs']),
        );
        expect(smart.capabilities).toContain('client-confidential-symmetric');
      }
    },
  );

  describe('official SDK config files, loaded in place', () => {
    const DEFAULT_RETRY = { total: 3, backoffFactor: 5, statusForcelist: [500, 502, 503, 504] };
    const EXPECTED: Readonly<Record<string, Json>> = {
      'sdk-node-config-sample.json': {
        clientId: 'foo',
        secret: 'bar',
        callbackUrl: 'https://www.fake.com/',
        version: 1,
        environment: 'PRODUCTION',
        baseUrl: 'https://api.bluebutton.cms.gov',
        tokenRefreshOnExpire: true,
        retry: DEFAULT_RETRY,
      },
      'sdk-node-config-disable-token-refresh.json': {
        clientId: 'foo',
        secret: 'bar',
        callbackUrl: 'https://www.fake.com/',
        version: 1,
        environment: 'PRODUCTION',
        baseUrl: 'https://api.bluebutton.cms.gov',
        tokenRefreshOnExpire: false,
        retry: DEFAULT_RETRY,
      },
      'sdk-node-config-with-retry.json': {
        clientId: 'foo',
        secret: 'bar',
        callbackUrl: 'https://www.fake.com/',
        version: 1,
        environment: 'PRODUCTION',
        baseUrl: 'https://api.bluebutton.cms.gov',
        tokenRefreshOnExpire: true,
        retry: { total: 2, backoffFactor: 5, statusForcelist: [500, 502, 503, 504, 508] },
      },
      'sdk-python-config-sample.json': {
        clientId: '<your BB2 client_id here>',
        secret: '<your BB2 client_secret here.>',
        callbackUrl: 'https://www.fake.com/your/callback/here',
        version: 3,
        environment: 'SANDBOX',
        baseUrl: 'https://sandbox.bluebutton.cms.gov',
        tokenRefreshOnExpire: true,
        retry: DEFAULT_RETRY,
      },
      'sdk-python-config-sample.yaml': {
        clientId: '<your BB2 client_id here>',
        secret: '<your BB2 client_secret here>',
        callbackUrl: 'https://www.fake-sandbox.com/your/callback/here',
        version: 1,
        environment: 'SANDBOX',
        baseUrl: 'https://sandbox.bluebutton.cms.gov',
        tokenRefreshOnExpire: true,
        retry: DEFAULT_RETRY,
      },
      'sdk-python-config-with-retry.json': {
        clientId: '<your BB2 client_id here>',
        secret: '<your BB2 client_secret here>',
        callbackUrl: 'https://www.fake-prod.com/your/callback/here',
        version: 1,
        environment: 'PRODUCTION',
        baseUrl: 'https://api.bluebutton.cms.gov',
        tokenRefreshOnExpire: true,
        retry: { total: 7, backoffFactor: 10, statusForcelist: [500, 502] },
      },
    };

    test('every config sample has expected values', () => {
      expect(Object.keys(EXPECTED).sort()).toEqual([...samplesFor('config')].sort());
    });

    test.each(samplesFor('config'))('%s: loadConfig(path) reads it unchanged', (name) => {
      const file = samplePath(name);
      const config = loadConfig(file, { env: {} });
      const { secret, retry, ...rest } = EXPECTED[name] ?? {};
      expect(config).toMatchObject(rest);
      expect(config.retry).toMatchObject(isRecord(retry) ? retry : {});
      expect(config.clientSecret.reveal()).toBe(secret);
      expect(config.source).toContain(name);
      // The secret read from the file prints redacted.
      expect(typeof secret).toBe('string');
      for (const text of [
        String(config.clientSecret),
        JSON.stringify(config),
        inspect(config, { depth: 5 }),
      ]) {
        expect(text).not.toContain(String(secret));
      }
    });
  });
});
