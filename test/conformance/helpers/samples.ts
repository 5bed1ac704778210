/**
 * The real BB2 payloads in ../shared/bb2-samples (beside the clone; see its SOURCES.md), read in place and
 * never copied into the project, and the table that says which conformance check uses each of them.
 *
 * Every test file takes its samples from `samplesFor(check)`, so a sample listed under a check is run
 * by that check; coverage.test.ts fails when a file in the folder is missing from the table.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiVersion } from 'bluebutton-ts';

/** `<repo>/../shared/bb2-samples`, from test/conformance/helpers/. */
export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../../../shared/bb2-samples');

/** The one conditional skip of the suite: users outside this workspace do not have the folder. */
export const present = fs.existsSync(path.join(SAMPLES_DIR, 'SOURCES.md'));

/** Names each conformance describe block; says why when the folder is absent. */
export function suiteName(topic: string): string {
  return present ? `conformance: ${topic}` : 'conformance (skipped: ../shared/bb2-samples is absent)';
}

/** What a conformance test does with a sample, and the test file that does it. */
export const CHECK_FILES = {
  /** `client.vN.<Resource>.search()` and the official `get<Resource>Data()` return the Bundle unchanged. */
  search: 'search-read.test.ts',
  /** `client.vN.<Resource>.read(id)` returns the resource unchanged. */
  read: 'search-read.test.ts',
  /** `client.vN.metadata()`, sent without a token. */
  metadata: 'search-read.test.ts',
  /** `client.vN.userinfo()` and the official `getProfileData()`. */
  userinfo: 'search-read.test.ts',
  /** `client.v3.Patient.generateInsuranceCard()` and the official `getInsuranceCardData()`. */
  'insurance-card': 'search-read.test.ts',
  /** v3 AuditEvent (no typed client): the official `getCustomData()` and `getPages()`. */
  'audit-event': 'search-read.test.ts',
  /** `pages()`, `all()`, `searchAll()`, `client.vN.pages()`, `getPages()` over the Bundle's real links. */
  paging: 'paging-links.test.ts',
  /** The six sandbox pages walked end to end: 52 entries, each once, sequentially and with concurrency. */
  'sandbox-walk': 'paging-sandbox.test.ts',
  /** v3 links naming BFD's internal host are followed on the configured host only. */
  'v3-internal-host': 'paging-links.test.ts',
  /** Links to another BB2 environment than the configured one are refused, and nothing is sent there. */
  'cross-origin': 'paging-links.test.ts',
  /** Every EOB's eob-type coding is one of CLAIM_TYPES (v3: the v3 code system instead). */
  'claim-types': 'claim-types.test.ts',
  /** Token endpoint 200 bodies through `getAuthorizationToken()` and `refreshAuthToken()`. */
  'token-response': 'token-and-errors.test.ts',
  /** Token endpoint error bodies on a refresh, mapped to typed errors. */
  'token-error': 'token-and-errors.test.ts',
  /** A FHIR OperationOutcome error body on a v3 read becomes an HttpError. */
  'operation-outcome': 'token-and-errors.test.ts',
  /** OIDC and SMART discovery documents, fetched through the SDK. */
  discovery: 'discovery-config.test.ts',
  /** The official SDKs' config files load unchanged through `loadConfig(path)`. */
  config: 'discovery-config.test.ts',
} as const;

export type Check = keyof typeof CHECK_FILES;

/**
 * Every file of the folder (but SOURCES.md) and the checks that use it. A new sample must be added here,
 * or coverage.test.ts fails.
 */
export const SAMPLE_CHECKS: Readonly<Record<string, readonly Check[]>> = {
  'bfd-v1-eob-read-carrier.json': ['read', 'claim-types'],
  'bfd-v1-eob-read-dme.json': ['read', 'claim-types'],
  'bfd-v1-eob-read-hha.json': ['read', 'claim-types'],
  'bfd-v1-eob-read-hospice.json': ['read', 'claim-types'],
  'bfd-v1-eob-read-inpatient.json': ['read', 'claim-types'],
  'bfd-v1-eob-read-outpatient.json': ['read', 'claim-types'],
  'bfd-v1-eob-read-pde.json': ['read', 'claim-types'],
  'bfd-v1-eob-read-snf.json': ['read', 'claim-types'],
  'bfd-v2-coverage-search-bundle.json': ['search', 'paging'],
  'bfd-v2-eob-read-carrier.json': ['read', 'claim-types'],
  'bfd-v2-eob-read-dme.json': ['read', 'claim-types'],
  'bfd-v2-eob-read-hha.json': ['read', 'claim-types'],
  'bfd-v2-eob-read-hospice.json': ['read', 'claim-types'],
  'bfd-v2-eob-read-inpatient.json': ['read', 'claim-types'],
  'bfd-v2-eob-read-outpatient.json': ['read', 'claim-types'],
  'bfd-v2-eob-read-pde.json': ['read', 'claim-types'],
  'bfd-v2-eob-read-snf.json': ['read', 'claim-types'],
  'bfd-v2-eob-search-bundle-paged.json': ['search', 'paging', 'claim-types'],
  'bfd-v2-metadata.json': ['metadata'],
  'bfd-v2-patient-read.json': ['read'],
  'error-operationoutcome-bfd-unsupported-id.json': ['operation-outcome'],
  'sdk-node-config-disable-token-refresh.json': ['config'],
  'sdk-node-config-sample.json': ['config'],
  'sdk-node-config-with-retry.json': ['config'],
  'sdk-python-config-sample.json': ['config'],
  'sdk-python-config-sample.yaml': ['config'],
  'sdk-python-config-with-retry.json': ['config'],
  'token-error-expired-data-access-grant-docs-example.json': ['token-error'],
  'token-error-invalid-client-docs-example.json': ['token-error'],
  'token-error-reused-refresh-token-docs-example.json': ['token-error'],
  'token-response-authorization-code-docs-example.json': ['token-response'],
  'token-response-refresh-docs-example.json': ['token-response'],
  'userinfo-docs-example-understanding-the-data.json': ['userinfo'],
  'v1-coverage-read-docs-example.json': ['read'],
  'v1-coverage-read.json': ['read'],
  'v1-coverage-search-bundle-docs-example.json': ['search', 'paging'],
  'v1-coverage-search-bundle-docs-sample.json': ['search', 'paging'],
  'v1-coverage-search-bundle.json': ['search', 'paging'],
  'v1-eob-bundle-entry-carrier-docs-sample.json': ['read', 'claim-types'],
  'v1-eob-read-carrier.json': ['read', 'claim-types'],
  'v1-eob-read-inpatient.json': ['read', 'claim-types'],
  'v1-eob-read-outpatient-docs-example.json': ['read', 'claim-types'],
  'v1-eob-read-outpatient.json': ['read', 'claim-types'],
  'v1-eob-search-bundle-carrier-page1-of-7-b.json': ['search', 'paging', 'claim-types'],
  'v1-eob-search-bundle-carrier-page1-of-7.json': ['search', 'paging', 'claim-types'],
  'v1-eob-search-bundle-docs-example.json': ['search', 'paging', 'claim-types'],
  'v1-metadata-capabilitystatement.json': ['metadata'],
  'v1-metadata-docs-example.json': ['metadata'],
  'v1-openid-configuration-docs-example.json': ['discovery'],
  'v1-patient-docs-sample.json': ['read'],
  'v1-patient-read-docs-example.json': ['read'],
  'v1-patient-read.json': ['read'],
  'v1-patient-search-bundle-docs-example.json': ['search', 'paging'],
  'v1-patient-search-bundle.json': ['search', 'paging'],
  'v1-userinfo-docs-example.json': ['userinfo'],
  'v1-userinfo.json': ['userinfo'],
  'v2-coverage-read-docs-example.json': ['read'],
  'v2-coverage-read.json': ['read'],
  'v2-coverage-search-bundle-bbuser29999.json': ['search', 'paging'],
  'v2-coverage-search-bundle-docs-example.json': ['search', 'paging'],
  'v2-coverage-search-bundle.json': ['search', 'paging'],
  'v2-eob-read-carrier.json': ['read', 'claim-types'],
  'v2-eob-read-inpatient.json': ['read', 'claim-types'],
  'v2-eob-read-outpatient-docs-example.json': ['read', 'claim-types'],
  'v2-eob-read-outpatient.json': ['read', 'claim-types'],
  'v2-eob-search-bundle-bbuser29999-page1-of-15.json': ['search', 'paging', 'claim-types'],
  'v2-eob-search-bundle-docs-example.json': ['search', 'paging', 'claim-types'],
  'v2-eob-search-bundle-pde-single-page-b.json': ['search', 'paging', 'claim-types'],
  'v2-eob-search-bundle-pde-single-page.json': ['search', 'paging', 'claim-types'],
  'v2-eob-search-bundle-sandbox-page1-of-6.json': ['search', 'sandbox-walk', 'claim-types'],
  'v2-eob-search-bundle-sandbox-page2-of-6.json': ['search', 'sandbox-walk', 'claim-types'],
  'v2-eob-search-bundle-sandbox-page3-of-6.json': ['search', 'sandbox-walk', 'claim-types'],
  'v2-eob-search-bundle-sandbox-page4-of-6.json': ['search', 'sandbox-walk', 'claim-types'],
  'v2-eob-search-bundle-sandbox-page5-of-6.json': ['search', 'sandbox-walk', 'claim-types'],
  'v2-eob-search-bundle-sandbox-page6-of-6.json': ['search', 'sandbox-walk', 'claim-types'],
  'v2-eob-search-bundle-test-env-page1-of-6.json': ['search', 'paging', 'cross-origin', 'claim-types'],
  'v2-metadata-capabilitystatement.json': ['metadata'],
  'v2-metadata-docs-example.json': ['metadata'],
  'v2-openid-configuration-docs-example.json': ['discovery'],
  'v2-patient-read-bbuser29999.json': ['read'],
  'v2-patient-read-docs-example.json': ['read'],
  'v2-patient-read.json': ['read'],
  'v2-patient-search-bundle-docs-example.json': ['search', 'paging'],
  'v2-patient-search-bundle.json': ['search', 'paging'],
  'v2-smart-configuration-docs-example.json': ['discovery'],
  'v2-userinfo-docs-example.json': ['userinfo'],
  'v2-userinfo.json': ['userinfo'],
  'v3-auditevent-read-docs-example.json': ['audit-event'],
  'v3-auditevent-search-bundle-docs-example.json': ['audit-event'],
  'v3-auditevent-search-bundle.json': ['audit-event'],
  'v3-c4dic-generate-insurance-card-bundle-docs-example.json': ['insurance-card'],
  'v3-coverage-read-docs-example.json': ['read'],
  'v3-coverage-search-bundle-docs-example.json': ['search', 'paging', 'v3-internal-host'],
  'v3-eob-read-inpatient-docs-example.json': ['read', 'claim-types'],
  'v3-eob-search-bundle-docs-example.json': ['search', 'paging', 'v3-internal-host', 'claim-types'],
  'v3-metadata-docs-example.json': ['metadata'],
  'v3-openid-configuration-docs-example.json': ['discovery'],
  'v3-patient-read-docs-example.json': ['read'],
  'v3-patient-search-bundle-docs-example.json': ['search', 'paging', 'v3-internal-host'],
  'v3-smart-configuration-docs-example.json': ['discovery'],
  'v3-userinfo-docs-example.json': ['userinfo'],
};

/** The samples a check uses, in table order (empty when the folder is absent, so nothing is read). */
export function samplesFor(check: Check): string[] {
  if (!present) return [];
  return Object.entries(SAMPLE_CHECKS)
    .filter(([, checks]) => checks.includes(check))
    .map(([name]) => name);
}

/** Every file in the folder but SOURCES.md. */
export function listSampleFiles(): string[] {
  return fs
    .readdirSync(SAMPLES_DIR)
    .filter((name) => name !== 'SOURCES.md')
    .sort();
}

export function samplePath(name: string): string {
  if (!(name in SAMPLE_CHECKS)) throw new Error(`${name} is not in SAMPLE_CHECKS: classify it first`);
  return path.join(SAMPLES_DIR, name);
}

/** The exact bytes of a sample (what the local server sends). */
export function sampleText(name: string): string {
  return fs.readFileSync(samplePath(name), 'utf8');
}

/** A JSON sample, parsed afresh on each call (callers may change their copy). */
export function readSample(name: string): unknown {
  return JSON.parse(sampleText(name));
}

/** The API version a file name names (`v2-...`, `bfd-v2-...`), or undefined for version-less samples. */
export function versionOf(name: string): ApiVersion | undefined {
  const m = /^(?:bfd-)?v([123])-/.exec(name);
  if (!m) return undefined;
  return Number(m[1]) as ApiVersion;
}

export function requireVersion(name: string): ApiVersion {
  const v = versionOf(name);
  if (v === undefined) throw new Error(`${name} does not name an API version`);
  return v;
}

// ---- Narrowing `unknown` JSON without `any` ----

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown, what: string): Json {
  if (!isRecord(value)) throw new Error(`${what} is not a JSON object`);
  return value;
}

export function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const v = value[key];
  return typeof v === 'string' ? v : undefined;
}

export function arrayField(value: unknown, key: string): unknown[] {
  if (!isRecord(value)) return [];
  const v = value[key];
  return Array.isArray(v) ? v : [];
}

export const resourceTypeOf = (value: unknown): string | undefined => stringField(value, 'resourceType');

/** The `resource` of each entry of a Bundle. */
export function entryResources(bundle: unknown): unknown[] {
  return arrayField(bundle, 'entry')
    .map((e) => (isRecord(e) ? e.resource : undefined))
    .filter((r) => r !== undefined);
}

/** `Bundle.link[relation].url`, or undefined. */
export function linkUrl(bundle: unknown, relation: string): string | undefined {
  for (const l of arrayField(bundle, 'link')) {
    if (stringField(l, 'relation') === relation) return stringField(l, 'url');
  }
  return undefined;
}

export const FHIR_RESOURCES = ['Patient', 'Coverage', 'ExplanationOfBenefit'] as const;
export type FhirResource = (typeof FHIR_RESOURCES)[number];

export function isFhirResource(value: unknown): value is FhirResource {
  return typeof value === 'string' && (FHIR_RESOURCES as readonly string[]).includes(value);
}

/** The resource type a search Bundle holds (from its entries), e.g. `Coverage`. */
export function searchResourceOf(bundle: unknown, name: string): FhirResource {
  const types = new Set(entryResources(bundle).map(resourceTypeOf));
  const [only] = [...types];
  if (types.size !== 1 || !isFhirResource(only)) {
    throw new Error(`${name}: expected entries of one of ${FHIR_RESOURCES.join(', ')}, got ${[...types]}`);
  }
  return only;
}

/** BFD's internal host that v3 Bundles leak (bb2-api 3.4). */
export const BFD_INTERNAL_ORIGIN = 'http://sandbox.fhirv3.bfd.cmscloud.local';
export const SANDBOX_ORIGIN = 'https://sandbox.bluebutton.cms.gov';

/**
 * The base URL to configure for a sample: the host its links name. BFD fixtures' `https://localhost:
 * IGNORED_FIELD` is not a URL (a placeholder port), so they get `https://localhost`; v3 links naming BFD's
 * internal host get the public sandbox (the SDK is configured for BB2, the link leaks BFD). Samples without
 * links get the sandbox.
 */
export function baseUrlFor(sample: unknown): string {
  const first = arrayField(sample, 'link')
    .map((l) => stringField(l, 'url'))
    .find((u) => u !== undefined);
  if (first === undefined) return SANDBOX_ORIGIN;
  if (first.includes(':IGNORED_FIELD')) return 'https://localhost';
  const origin = new URL(first).origin;
  return origin === BFD_INTERNAL_ORIGIN ? SANDBOX_ORIGIN : origin;
}

/** Query parameters as sorted `k=v` pairs, to compare two URLs' queries whatever their order. */
export function queryPairs(url: string | URL | URLSearchParams): string[] {
  const params = url instanceof URLSearchParams ? url : new URL(url).searchParams;
  return [...params].map(([k, v]) => `${k}=${v}`).sort();
}
