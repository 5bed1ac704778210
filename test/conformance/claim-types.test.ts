/**
 * Claim types in real EOBs, as the SDK returns them: in v1/v2 every EOB carries exactly one eob-type
 * coding (`CODE_SYSTEMS.eobType`) whose code is one of `CLAIM_TYPES`, upper-case, matching the id prefix;
 * v3 EOBs carry the v3 code system instead. The samples' known quirks are asserted as quirks: the SDK does
 * not validate FHIR content, so it returns exactly what the server sent and does not crash on them.
 */
import { type ApiVersion, type BlueButtonClient, CLAIM_TYPES, CODE_SYSTEMS } from 'bluebutton-ts';
import { describe, expect, test } from 'vitest';
import { at, useSampleServer } from './helpers/sample-server.js';
import {
  arrayField,
  baseUrlFor,
  entryResources,
  isRecord,
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
} from './helpers/samples.js';
import { makeBlueButton, tokenFor } from './helpers/sdk.js';

/** BB2 v3's claim-type code system (bb2-api 5.2). */
const V3_CLAIM_TYPE_SYSTEM = 'https://bluebutton.cms.gov/fhir/CodeSystem/CLM-TYPE-CD';

function codings(eob: unknown): { system?: string; code?: string }[] {
  const type = isRecord(eob) ? eob.type : undefined;
  return arrayField(type, 'coding').map((c) => {
    const system = stringField(c, 'system');
    const code = stringField(c, 'code');
    return { ...(system === undefined ? {} : { system }), ...(code === undefined ? {} : { code }) };
  });
}

/** The codes of the eob-type codings of an EOB. */
const eobTypeCodes = (eob: unknown) =>
  codings(eob)
    .filter((c) => c.system === CODE_SYSTEMS.eobType)
    .map((c) => c.code);

const isClaimType = (value: string): boolean => (CLAIM_TYPES as readonly string[]).includes(value);

function versionClient(client: BlueButtonClient, version: ApiVersion) {
  return version === 1 ? client.v1 : version === 2 ? client.v2 : client.v3;
}

const readAlone = (name: string) => resourceTypeOf(readSample(name)) === 'ExplanationOfBenefit';

describe.skipIf(!present)(suiteName('claim types of real EOBs'), () => {
  const server = useSampleServer();

  /** The EOBs of a sample, fetched through the SDK: a search for a Bundle, a read for a resource or entry. */
  async function eobsThroughSdk(name: string): Promise<unknown[]> {
    const sample = readSample(name);
    const version = requireVersion(name);
    if (resourceTypeOf(sample) === 'Bundle') {
      const baseUrl = baseUrlFor(sample);
      const resource = searchResourceOf(sample, name);
      expect(resource).toBe('ExplanationOfBenefit');
      server.serve(baseUrl, at('GET', `/v${version}/fhir/ExplanationOfBenefit/`, { body: sampleText(name) }));
      const client = makeBlueButton(server, { baseUrl, version }).client(tokenFor(version));
      const bundle = await versionClient(client, version).ExplanationOfBenefit.search();
      expect(bundle).toStrictEqual(sample);
      return entryResources(bundle);
    }
    // A resource, or the docs' Bundle entry `{ fullUrl, resource }`.
    const eob = resourceTypeOf(sample) === undefined && isRecord(sample) ? sample.resource : sample;
    const id = stringField(eob, 'id') ?? '';
    server.serve(
      SANDBOX_ORIGIN,
      at('GET', `/v${version}/fhir/ExplanationOfBenefit/${id}`, { body: JSON.stringify(eob) }),
    );
    const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version }).client(tokenFor(version));
    const got = await versionClient(client, version).ExplanationOfBenefit.read(id);
    expect(got).toStrictEqual(eob);
    return [got];
  }

  const QUIRKS: Readonly<Record<string, string>> = {
    'v1-eob-bundle-entry-carrier-docs-sample.json': 'eob-type under a placeholder docs system',
  };
  const v1v2 = samplesFor('claim-types').filter((n) => requireVersion(n) !== 3 && !(n in QUIRKS));
  const v3 = samplesFor('claim-types').filter((n) => requireVersion(n) === 3);

  test.each(v1v2)(
    '%s: every EOB has one eob-type coding, a CLAIM_TYPES value in upper case',
    async (name) => {
      const eobs = await eobsThroughSdk(name);
      expect(eobs.length).toBeGreaterThan(0);
      for (const eob of eobs) {
        const codes = eobTypeCodes(eob);
        expect(codes).toHaveLength(1);
        const code = codes[0] ?? '';
        expect(code).toBe(code.toUpperCase());
        expect(isClaimType(code.toLowerCase())).toBe(true);
        // v1/v2 ids are `<claimtype>-<n>` (BFD fixtures) or `<claimtype>--<n>` (synthetic beneficiaries).
        expect(stringField(eob, 'id')).toMatch(new RegExp(`^${code.toLowerCase()}--?\\d+$`));
      }
    },
  );

  test('all eight CLAIM_TYPES occur in the v1 and in the v2 samples', async () => {
    const seen = { 1: new Set<string>(), 2: new Set<string>() };
    for (const name of v1v2) {
      const version = requireVersion(name) as 1 | 2;
      for (const eob of await eobsThroughSdk(name))
        for (const c of eobTypeCodes(eob)) seen[version].add(c ?? '');
    }
    const upper = CLAIM_TYPES.map((t) => t.toUpperCase()).sort();
    expect([...seen[1]].sort()).toEqual(upper);
    expect([...seen[2]].sort()).toEqual(upper);
  });

  test('v1-eob-bundle-entry-carrier-docs-sample.json: its docs placeholder system is returned as is', async () => {
    const [eob] = await eobsThroughSdk('v1-eob-bundle-entry-carrier-docs-sample.json');
    expect(server.seen[0]?.path).toBe('/v1/fhir/ExplanationOfBenefit/carrier-22011027731');
    // The docs file names the claim type under a made-up system, so CODE_SYSTEMS.eobType finds nothing...
    expect(eobTypeCodes(eob)).toEqual([]);
    expect(codings(eob)).toContainEqual({
      system: 'https://bluebutton.cms.gov/developer/docs/reference/some-thing',
      code: 'CARRIER',
    });
    // ...while the claim type is still in the id prefix and nch_clm_type_cd 71 (carrier).
    expect(stringField(eob, 'id')).toMatch(/^carrier-/);
    expect(codings(eob)).toContainEqual({ system: CODE_SYSTEMS.nchClaimType, code: '71' });
  });

  test('v2-eob-read-outpatient-docs-example.json: STU3-shaped content on v2 is returned unchanged', async () => {
    const [eob] = await eobsThroughSdk('v2-eob-read-outpatient-docs-example.json');
    expect(eobTypeCodes(eob)).toEqual(['OUTPATIENT']);
    // Copied from the v1 example: no C4BB meta.profile, the STU3 claim-type system. No validation, no crash.
    expect(isRecord(eob) && isRecord(eob.meta) ? eob.meta.profile : undefined).toBeUndefined();
    expect(codings(eob).map((c) => c.system)).toContain('http://hl7.org/fhir/ex-claimtype');
    expect(codings(eob).map((c) => c.system)).not.toContain(
      'http://terminology.hl7.org/CodeSystem/claim-type',
    );
  });

  test.each([
    ['bfd-v2-eob-read-dme.json', 'DME', 'C4BB-ExplanationOfBenefit-Inpatient-Institutional'],
    ['bfd-v2-eob-read-hha.json', 'HHA', 'C4BB-ExplanationOfBenefit-Professional-NonClinician'],
  ])(
    '%s: the eob-type coding (%s), not the misleading profile, gives the claim type',
    async (name, code, profile) => {
      const [eob] = await eobsThroughSdk(name);
      expect(eobTypeCodes(eob)).toEqual([code]);
      const profiles = isRecord(eob) && isRecord(eob.meta) ? eob.meta.profile : undefined;
      expect(profiles).toEqual([`http://hl7.org/fhir/us/carin-bb/StructureDefinition/${profile}`]);
    },
  );

  test.each(samplesFor('claim-types').filter((n) => n.startsWith('bfd-') && readAlone(n)))(
    '%s: BFD fixture ids (single dash, positive) and IGNORED_FIELD placeholders pass through',
    async (name) => {
      const [eob] = await eobsThroughSdk(name);
      expect(stringField(eob, 'id')).toMatch(/^[a-z]+-\d+$/);
      expect(JSON.stringify(eob)).toContain('IGNORED_FIELD');
    },
  );

  test.each(v3)('%s: v3 EOBs carry CLM-TYPE-CD, not the v1/v2 eob-type system', async (name) => {
    const eobs = await eobsThroughSdk(name);
    expect(eobs.length).toBeGreaterThan(0);
    for (const eob of eobs) {
      expect(eobTypeCodes(eob)).toEqual([]);
      const v3Codes = codings(eob).filter((c) => c.system === V3_CLAIM_TYPE_SYSTEM);
      expect(v3Codes).toHaveLength(1);
      expect(v3Codes[0]?.code).toMatch(/^\d+$/);
      // v3 ids are bare numbers, without a claim-type prefix.
      expect(stringField(eob, 'id')).toMatch(/^-?\d+$/);
    }
  });
});
