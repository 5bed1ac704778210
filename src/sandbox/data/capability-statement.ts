/**
 * `fhir/metadata` as BB2 rewrites BFD's CapabilityStatement (bb2-api.md 3.1): only Patient, Coverage
 * and ExplanationOfBenefit, interactions `read` and `search-type`, both JSON formats, and a security
 * block whose SMART `oauth-uris` extension points at BB2's own OAuth endpoints. v1 advertises the v2
 * endpoints, as BB2 does; v3 advertises v3's.
 */
import type * as fhir3 from 'fhir/r3.js';
import type * as fhir4 from 'fhir/r4.js';

const FORMATS: readonly string[] = ['application/json', 'application/fhir+json'];
const PUBLISHER = 'Centers for Medicare & Medicaid Services';
/** A fixed date: the statement must be byte-identical across runs. */
const STATEMENT_DATE = '2025-12-31T00:00:00+00:00';
const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const SECURITY_SERVICE = 'http://hl7.org/fhir/restful-security-service';

type ResourceName = 'Coverage' | 'ExplanationOfBenefit' | 'Patient';

interface SearchParam {
  readonly name: string;
  readonly type: 'reference' | 'date' | 'string' | 'token' | 'number';
  readonly documentation: string;
}

const LAST_UPDATED: SearchParam = {
  name: '_lastUpdated',
  type: 'date',
  documentation: 'Include resources last updated in the given range',
};
const START_INDEX: SearchParam = {
  name: 'startIndex',
  type: 'string',
  documentation: 'The offset used for result pagination',
};
const ID: SearchParam = { name: '_id', type: 'token', documentation: 'The patient identifier to search for' };

const V2_PARAMS: Readonly<Record<ResourceName, readonly SearchParam[]>> = {
  Coverage: [
    { name: 'beneficiary', type: 'reference', documentation: 'The patient identifier to search for' },
    LAST_UPDATED,
    START_INDEX,
  ],
  ExplanationOfBenefit: [
    { name: 'patient', type: 'reference', documentation: 'The patient identifier to search for' },
    LAST_UPDATED,
    {
      name: 'service-date',
      type: 'date',
      documentation: 'Include resources that completed in the given range',
    },
    START_INDEX,
    { name: 'type', type: 'token', documentation: 'A list of claim types to include' },
  ],
  Patient: [
    ID,
    { name: 'identifier', type: 'token', documentation: 'The patient identifier to search for' },
    LAST_UPDATED,
    START_INDEX,
  ],
};

const V3_PARAMS: Readonly<Record<ResourceName, readonly SearchParam[]>> = {
  Coverage: [
    { name: '_id', type: 'string', documentation: 'The ID of the resource' },
    LAST_UPDATED,
    { name: 'beneficiary', type: 'reference', documentation: 'Covered party' },
  ],
  ExplanationOfBenefit: [
    { name: 'patient', type: 'reference', documentation: 'The reference to the patient' },
    LAST_UPDATED,
    { name: '_tag', type: 'token', documentation: 'The tag of the resource' },
    {
      name: 'service-date',
      type: 'date',
      documentation: 'Include resources that completed in the given range',
    },
    { name: 'startIndex', type: 'number', documentation: 'The offset used for result pagination' },
    { name: 'type', type: 'token', documentation: 'A list of claim types to include' },
    { name: '_id', type: 'string', documentation: 'The ID of the resource' },
  ],
  Patient: [
    { name: '_id', type: 'string', documentation: 'The ID of the resource' },
    LAST_UPDATED,
    { name: 'identifier', type: 'token', documentation: 'A patient identifier' },
  ],
};

const RESOURCES: readonly ResourceName[] = ['Coverage', 'ExplanationOfBenefit', 'Patient'];
/** Fresh objects per statement: callers may mutate what they receive without touching the next one. */
function interactions() {
  return [{ code: 'read' as const }, { code: 'search-type' as const }];
}

/** Inferred, then checked against both FHIR versions: the block is the same in STU3 and R4. */
function security(baseUrl: string, version: 1 | 2 | 3) {
  const oauth = `${baseUrl}/v${version === 3 ? 3 : 2}/o`;
  return {
    cors: true,
    service: [
      { text: 'OAuth', coding: [{ system: SECURITY_SERVICE, code: 'OAuth', display: 'OAuth' }] },
      {
        text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)',
        coding: [{ system: SECURITY_SERVICE, code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }],
      },
    ],
    extension: [
      {
        url: OAUTH_URIS,
        extension: [
          { url: 'token', valueUri: `${oauth}/token` },
          { url: 'authorize', valueUri: `${oauth}/authorize` },
          { url: 'revoke', valueUri: `${oauth}/revoke_token` },
        ],
      },
    ],
  } satisfies fhir3.CapabilityStatementRestSecurity & fhir4.CapabilityStatementRestSecurity;
}

function trimSlashes(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** v1: STU3 3.0.2, profiles as References (`http://hl7.org/fhir/Profile/<Type>`). */
export function buildCapabilityStatementV1(baseUrl: string): fhir3.CapabilityStatement {
  const base = trimSlashes(baseUrl);
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: STATEMENT_DATE,
    publisher: PUBLISHER,
    kind: 'instance',
    software: { name: 'Blue Button API: Direct', version: '1.0.0-SNAPSHOT' },
    implementation: { description: 'bluebutton-ts local sandbox', url: `${base}/v1/fhir` },
    fhirVersion: '3.0.2',
    acceptUnknown: 'extensions',
    format: [...FORMATS],
    rest: [
      {
        mode: 'server',
        resource: RESOURCES.map((type) => ({
          type,
          profile: { reference: `http://hl7.org/fhir/Profile/${type}` },
          interaction: interactions(),
          searchParam: V2_PARAMS[type].map((param) => ({ ...param })),
        })),
        security: security(base, 1),
      },
    ],
  };
}

/** v2 and v3: R4 4.0.1, profiles as canonical URLs; v3 lists BFD-ng's parameters. */
export function buildCapabilityStatementR4(baseUrl: string, version: 2 | 3): fhir4.CapabilityStatement {
  const base = trimSlashes(baseUrl);
  const params = version === 3 ? V3_PARAMS : V2_PARAMS;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: STATEMENT_DATE,
    publisher: PUBLISHER,
    kind: 'instance',
    software: { name: 'Blue Button API: Direct', version: '1.0.0-SNAPSHOT' },
    implementation: { description: 'bluebutton-ts local sandbox', url: `${base}/v${version}/fhir` },
    fhirVersion: '4.0.1',
    format: [...FORMATS],
    rest: [
      {
        mode: 'server',
        resource: RESOURCES.map((type) => ({
          type,
          profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
          interaction: interactions(),
          searchParam: params[type].map((param) => ({ ...param })),
        })),
        security: security(base, version),
      },
    ],
  };
}
