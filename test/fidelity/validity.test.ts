/**
 * Issue 12: every sandbox resource stays valid FHIR. A seeded sweep of Patient, Coverage and the EOBs of
 * every claim type, the search Bundles the sandbox serves, the CapabilityStatements and the v3 insurance
 * card are validated against HL7's R4 4.0.1 JSON schema (v2 and v3). v1 (STU3) is not covered: see
 * fhir-schema.ts. The real samples are validated too, as a baseline: those that fail are listed with
 * the reason, and are not a bar.
 */
import { CLAIM_TYPES } from 'bluebutton-ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import {
  listSampleFiles,
  present,
  readSample,
  resourceTypeOf,
  versionOf,
} from '../conformance/helpers/samples.js';
import { fhirGet, obtainTokens } from '../sandbox/helpers.js';
import { fhirValidator } from './fhir-schema.js';
import { realKey } from './real-resources.js';
import { sandboxResources, sweepDataset } from './sandbox-resources.js';

const r4 = fhirValidator('R4');
type R4Version = 2 | 3;

/** `label: first errors` for each invalid resource. */
function invalid(resources: readonly unknown[], label: (r: unknown) => string): string[] {
  const out: string[] = [];
  for (const resource of resources) {
    const errors = r4.errors(resource);
    if (errors.length > 0) out.push(`${label(resource)}: ${errors.slice(0, 3).join('; ')}`);
  }
  return out;
}

const idOf = (r: unknown): string =>
  `${resourceTypeOf(r)}/${typeof r === 'object' && r !== null && 'id' in r ? String(r.id) : '?'}`;

describe('sandbox resources are valid FHIR (HL7 JSON schemas, STU3 3.0.1 and R4 4.0.1)', () => {
  const dataset = sweepDataset(31, 5, 40);
  const resources = sandboxResources(dataset);

  for (const version of [2, 3] as const satisfies readonly R4Version[]) {
    test(`v${version}: Patient, Coverage and EOBs of every claim type`, () => {
      const problems: string[] = [];
      let count = 0;
      for (const kind of ['Patient', 'Coverage', ...CLAIM_TYPES] as const) {
        const list = resources.byKey.get(realKey(version, kind)) ?? [];
        expect(list.length, `v${version} ${kind}`).toBeGreaterThan(0);
        count += list.length;
        problems.push(...invalid(list, idOf));
      }
      expect(problems).toEqual([]);
      expect(count).toBeGreaterThan(150);
    });

    test(`v${version}: CapabilityStatement (the 4.0.0 schema does not know fhirVersion 4.0.1)`, () => {
      const statement = dataset.capabilityStatement(version, 'http://127.0.0.1:1');
      expect(statement.fhirVersion).toBe('4.0.1');
      expect(r4.errors(statement)).toEqual(['/fhirVersion must be equal to one of the allowed values']);
      expect(r4.errors({ ...statement, fhirVersion: '4.0.0' })).toEqual([]);
    });
  }

  test('v3: the insurance card Bundle of every beneficiary', () => {
    const cards = dataset.beneficiaries.map((b) => dataset.insuranceCard(b));
    expect(invalid(cards, idOf)).toEqual([]);
  });

  test('v3 EOBs keep `provider`, which real v3 EOBs omit: R4 requires it, and without it the EOB is invalid', () => {
    const bene = dataset.beneficiaries[0];
    if (bene === undefined) throw new Error('no beneficiary');
    const { provider, ...withoutProvider } = dataset.eob(bene, 3, dataset.claimHeader(bene, 0));
    expect(provider).toBeDefined();
    expect(r4.errors(withoutProvider)).toEqual(["/ must have required property 'provider'"]);
  });

  test('the validator does reject an invalid resource (so the sweep can fail)', () => {
    const bene = dataset.beneficiaries[0];
    if (bene === undefined) throw new Error('no beneficiary');
    const eob = { ...dataset.eob(bene, 2, dataset.claimHeader(bene, 0)), status: 'paid' };
    expect(r4.errors(eob)).toEqual(['/status must be equal to one of the allowed values']);
    const patient = { ...dataset.patient(bene, 3), gender: 'F' };
    expect(r4.errors(patient)).toEqual(['/gender must be equal to one of the allowed values']);
  });
});

describe('sandbox search Bundles are valid FHIR', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ beneficiaries: 2, eobsPerBeneficiary: [40, 9] });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  for (const version of [2, 3] as const satisfies readonly R4Version[]) {
    test(`v${version}: EOB, Patient and Coverage searches, every EOB page`, async () => {
      const tokens = await obtainTokens(sandbox, { version });
      const base = `${sandbox.url}/v${version}/fhir`;
      const bundles: unknown[] = [];
      for (const url of [`${base}/Patient`, `${base}/Coverage`]) {
        bundles.push(await (await fhirGet(url, tokens.access_token)).json());
      }
      let next: string | undefined = `${base}/ExplanationOfBenefit`;
      while (next !== undefined) {
        const response = await fhirGet(next, tokens.access_token);
        expect(response.status).toBe(200);
        const bundle = (await response.json()) as { link?: { relation: string; url: string }[] };
        bundles.push(bundle);
        next = bundle.link?.find((l) => l.relation === 'next')?.url;
      }
      expect(bundles.length).toBeGreaterThan(3);
      expect(invalid(bundles, (b) => `Bundle ${bundles.indexOf(b)}`)).toEqual([]);
    });
  }
});

/** Real samples that fail the schema, and why (read from the errors): the baseline, not a bar. */
const BFD_PLACEHOLDER = 'BFD fixture: IGNORED_FIELD placeholder in meta.lastUpdated or Bundle id';
const NO_INSURER = 'EOB without insurer (R4 requires insurer and provider; BB2 v2 EOBs omit insurer)';
const NO_PROVIDER = 'EOB without provider (R4 requires it)';
const FHIR_401 = 'fhirVersion 4.0.1 is not in the 4.0.0 schema enum';
const REAL_BASELINE: Readonly<Record<string, string>> = {
  'bfd-v2-coverage-search-bundle.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-read-carrier.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-read-dme.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-read-hha.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-read-hospice.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-read-inpatient.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-read-outpatient.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-read-pde.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-read-snf.json': BFD_PLACEHOLDER,
  'bfd-v2-eob-search-bundle-paged.json': BFD_PLACEHOLDER,
  'bfd-v2-metadata.json': BFD_PLACEHOLDER,
  'bfd-v2-patient-read.json': BFD_PLACEHOLDER,
  'v2-eob-read-carrier.json': NO_PROVIDER,
  'v2-eob-read-inpatient.json': NO_INSURER,
  'v2-eob-read-outpatient-docs-example.json': NO_INSURER,
  'v2-eob-read-outpatient.json': NO_INSURER,
  'v2-eob-search-bundle-docs-example.json': NO_INSURER,
  'v2-eob-search-bundle-pde-single-page-b.json': NO_INSURER,
  'v2-eob-search-bundle-pde-single-page.json': NO_INSURER,
  'v2-eob-search-bundle-sandbox-page1-of-6.json': NO_INSURER,
  'v2-eob-search-bundle-sandbox-page2-of-6.json': NO_INSURER,
  'v2-eob-search-bundle-sandbox-page3-of-6.json': NO_INSURER,
  'v2-eob-search-bundle-sandbox-page4-of-6.json': NO_INSURER,
  'v2-eob-search-bundle-sandbox-page5-of-6.json': NO_INSURER,
  'v2-eob-search-bundle-sandbox-page6-of-6.json': NO_INSURER,
  'v2-eob-search-bundle-test-env-page1-of-6.json': NO_INSURER,
  'v2-metadata-docs-example.json': FHIR_401,
  'v3-eob-read-inpatient-docs-example.json': NO_PROVIDER,
  'v3-eob-search-bundle-docs-example.json': NO_PROVIDER,
  'v3-metadata-docs-example.json': FHIR_401,
};

describe.skipIf(!present)('real BB2 samples against the same schemas (baseline)', () => {
  test('lists the real samples that fail, with the reason', () => {
    const failing: Record<string, string> = {};
    let checked = 0;
    for (const name of listSampleFiles()) {
      const version = versionOf(name);
      if (version === undefined || version === 1 || !name.endsWith('.json')) continue;
      const sample = readSample(name);
      const resourceType = resourceTypeOf(sample);
      if (resourceType === undefined) continue;
      checked++;
      const errors = r4.errors(sample);
      if (errors.length > 0)
        failing[name] = errors
          .filter((e) => !e.includes('additional'))
          .slice(0, 2)
          .join('; ');
    }
    console.log(`\nReal v2/v3 samples failing the R4 schema (${Object.keys(failing).length} of ${checked}):`);
    for (const [name, why] of Object.entries(failing)) {
      console.log(`  ${name}: ${REAL_BASELINE[name] ?? 'NEW'} (${why.slice(0, 120)})`);
    }
    expect(Object.keys(failing).sort()).toEqual(Object.keys(REAL_BASELINE).sort());
  });
});
