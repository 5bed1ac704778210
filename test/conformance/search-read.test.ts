/**
 * Every real search Bundle, resource, CapabilityStatement, userinfo body, C4DIC card and v3 AuditEvent that
 * BB2 sends comes back from the SDK exactly as the server sent it, and the SDK asked for it correctly.
 */
import type { ApiVersion, BlueButton, BlueButtonClient } from 'bluebutton-ts';
import { describe, expect, test } from 'vitest';
import { at, useSampleServer } from './helpers/sample-server.js';
import {
  baseUrlFor,
  type FhirResource,
  isFhirResource,
  isRecord,
  linkUrl,
  present,
  readSample,
  requireVersion,
  resourceTypeOf,
  SANDBOX_ORIGIN,
  samplesFor,
  sampleText,
  searchResourceOf,
  stringField,
  suiteName,
  versionOf,
} from './helpers/samples.js';
import {
  ACCESS_TOKEN,
  CLIENT_SECRET,
  createErrorLog,
  expectAuthorizedGet,
  makeBlueButton,
  REFRESH_TOKEN,
  tokenFor,
} from './helpers/sdk.js';

function versionClient(client: BlueButtonClient, version: ApiVersion) {
  return version === 1 ? client.v1 : version === 2 ? client.v2 : client.v3;
}

function search(client: BlueButtonClient, version: ApiVersion, resource: FhirResource): Promise<unknown> {
  return versionClient(client, version)[resource].search();
}

function read(client: BlueButtonClient, version: ApiVersion, resource: FhirResource, id: string) {
  return versionClient(client, version)[resource].read(id);
}

/** The official Node SDK's method for a resource's search. */
function compatSearch(bb: BlueButton, resource: FhirResource, client: BlueButtonClient) {
  const token = client.token;
  if (resource === 'Patient') return bb.getPatientData(token);
  if (resource === 'Coverage') return bb.getCoverageData(token);
  return bb.getExplanationOfBenefitData(token);
}

/** A read sample is a resource, or (one docs sample) a Bundle entry holding one. */
function readTarget(name: string): { resource: FhirResource; id: string; body: unknown; path?: string } {
  const sample = readSample(name);
  if (resourceTypeOf(sample) === undefined && isRecord(sample) && isRecord(sample.resource)) {
    const fullUrl = stringField(sample, 'fullUrl');
    const inner = sample.resource;
    const resource = resourceTypeOf(inner);
    const id = stringField(inner, 'id');
    if (!isFhirResource(resource) || id === undefined || fullUrl === undefined) throw new Error(name);
    return { resource, id, body: inner, path: new URL(fullUrl).pathname };
  }
  const resource = resourceTypeOf(sample);
  const id = stringField(sample, 'id');
  if (!isFhirResource(resource) || id === undefined) throw new Error(`${name} is not a readable resource`);
  return { resource, id, body: sample };
}

describe.skipIf(!present)(suiteName('search, read, metadata, userinfo, insurance card'), () => {
  const server = useSampleServer();
  const log = createErrorLog();

  test.each(samplesFor('search'))(
    '%s: client.vN.<Resource>.search() returns the Bundle unchanged',
    async (name) => {
      const sample = readSample(name);
      const version = requireVersion(name);
      const resource = searchResourceOf(sample, name);
      const baseUrl = baseUrlFor(sample);
      const path = `/v${version}/fhir/${resource}/`;
      server.serve(baseUrl, at('GET', path, { body: sampleText(name) }));
      const bb = makeBlueButton(server, { baseUrl, version });
      const client = bb.client(tokenFor(version));

      expect(await search(client, version, resource)).toStrictEqual(sample);
      expect(server.seen).toHaveLength(1);
      const [req] = server.seen;
      expectAuthorizedGet(req!);
      expect(req!.url.href).toBe(`${baseUrl}${path}`);
      expect(req!.headers.accept).toContain('application/fhir+json');

      // The official SDK's method (configured version) answers the same request with `{ token, response }`.
      const compat = await compatSearch(bb, resource, client);
      expect(compat.response.status).toBe(200);
      expect(compat.response.data).toStrictEqual(sample);
      expect(compat.response.headers['content-type']).toBe('application/fhir+json');
      expect(compat.token.accessToken).toBe(ACCESS_TOKEN);
      expect(server.seen.map((r) => r.url.href)).toEqual([`${baseUrl}${path}`, `${baseUrl}${path}`]);
    },
  );

  test.each(samplesFor('read'))(
    '%s: client.vN.<Resource>.read(id) returns the resource unchanged',
    async (name) => {
      const version = requireVersion(name);
      const target = readTarget(name);
      const path = target.path ?? `/v${version}/fhir/${target.resource}/${target.id}`;
      const body = target.path === undefined ? sampleText(name) : target.body;
      server.serve(SANDBOX_ORIGIN, at('GET', path, { body }));
      const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version }).client(tokenFor(version));

      expect(await read(client, version, target.resource, target.id)).toStrictEqual(target.body);
      expect(server.seen).toHaveLength(1);
      expectAuthorizedGet(server.seen[0]!);
      expect(server.seen[0]!.url.href).toBe(`${SANDBOX_ORIGIN}${path}`);
    },
  );

  test.each(samplesFor('metadata'))(
    '%s: client.vN.metadata() returns it unchanged, without the token',
    async (name) => {
      const version = requireVersion(name);
      const path = `/v${version}/fhir/metadata`;
      server.serve(
        SANDBOX_ORIGIN,
        at('GET', path, { body: sampleText(name), contentType: 'application/json' }),
      );
      const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version }).client(tokenFor(version));

      const statement = await versionClient(client, version).metadata();
      expect(statement).toStrictEqual(readSample(name));
      expect(statement.resourceType).toBe('CapabilityStatement');
      expect(server.seen).toHaveLength(1);
      expect(server.seen[0]!.url.href).toBe(`${SANDBOX_ORIGIN}${path}`);
      expect(server.seen[0]!.headers.authorization).toBeUndefined();
    },
  );

  test.each(samplesFor('userinfo'))(
    '%s: client.vN.userinfo() and getProfileData() return it unchanged',
    async (name) => {
      // The docs page "understanding the data" names no version: BB2's default is v2.
      const version = versionOf(name) ?? 2;
      const sample = readSample(name);
      const path = `/v${version}/connect/userinfo`;
      server.serve(
        SANDBOX_ORIGIN,
        at('GET', path, { body: sampleText(name), contentType: 'application/json' }),
      );
      const bb = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version });
      const client = bb.client(tokenFor(version));

      const info = await versionClient(client, version).userinfo();
      expect(info).toStrictEqual(sample);
      expect(info.sub).toBe(stringField(sample, 'sub'));
      const compat = await bb.getProfileData(client.token);
      expect(compat.response.data).toStrictEqual(sample);
      expect(server.seen).toHaveLength(2);
      for (const req of server.seen) {
        expectAuthorizedGet(req);
        expect(req.url.href).toBe(`${SANDBOX_ORIGIN}${path}`);
      }
    },
  );

  test.each(samplesFor('insurance-card'))(
    '%s: generateInsuranceCard() and getInsuranceCardData() return the C4DIC Bundle',
    async (name) => {
      const sample = readSample(name);
      const path = '/v3/fhir/Patient/$generate-insurance-card';
      server.serve(SANDBOX_ORIGIN, at('GET', path, { body: sampleText(name) }));
      const bb = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 3 });
      const client = bb.client(tokenFor(3, '-512738563'));

      const card = await client.v3.Patient.generateInsuranceCard();
      expect(card).toStrictEqual(sample);
      expect(card.type).toBe('collection');
      expect((await bb.getInsuranceCardData(client.token)).response.data).toStrictEqual(sample);
      // A collection has no navigation links: nothing to page.
      expect(bb.extractNextPageUrl(card)).toBeNull();
      expect(server.seen.map((r) => r.url.href)).toEqual([
        `${SANDBOX_ORIGIN}${path}`,
        `${SANDBOX_ORIGIN}${path}`,
      ]);
      for (const req of server.seen) expectAuthorizedGet(req);
    },
  );

  test('a v2 token is refused for the v3 insurance card before anything is sent', async () => {
    server.serve(SANDBOX_ORIGIN, () => undefined);
    const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 3 }).client(tokenFor(2));
    const e = await log.rejection(client.v3.Patient.generateInsuranceCard());
    expect(e).toMatchObject({ code: 'VERSION_MISMATCH', tokenVersion: 2, requestVersion: 3 });
    expect(server.seen).toEqual([]);
  });

  test.each(samplesFor('audit-event'))(
    '%s: v3 AuditEvent through getCustomData() (and getPages() for a Bundle)',
    async (name) => {
      const sample = readSample(name);
      const baseUrl = baseUrlFor(sample);
      const bundle = resourceTypeOf(sample) === 'Bundle';
      const id = stringField(sample, 'id');
      const path = bundle ? '/v3/fhir/AuditEvent/' : `/v3/fhir/AuditEvent/${id}`;
      server.serve(baseUrl, at('GET', path, { body: sampleText(name) }));
      const bb = makeBlueButton(server, { baseUrl, version: 3 });
      const token = tokenFor(3, '-731271436');

      const got = await bb.getCustomData(path.replace('/v3/', ''), token);
      expect(got.response.data).toStrictEqual(sample);
      expect(server.seen).toHaveLength(1);
      expectAuthorizedGet(server.seen[0]!);
      expect(server.seen[0]!.url.href).toBe(`${baseUrl}${path}`);
      if (bundle) {
        // Only a `self` link: the official getPages() returns the one page and fetches nothing more.
        expect(linkUrl(sample, 'self')).toEqual(expect.any(String));
        expect(bb.extractNextPageUrl(got.response.data)).toBeNull();
        expect((await bb.getPages(got.response.data, token)).pages).toStrictEqual([sample]);
        expect(server.seen).toHaveLength(1);
      }
    },
  );

  test('errors produced in this file print no token or client secret', () => {
    log.expectNoSecrets([ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET]);
  });
});
