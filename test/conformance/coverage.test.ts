/**
 * Every file in ../shared/bb2-samples is exercised: it is in SAMPLE_CHECKS, under checks whose test files
 * iterate `samplesFor(check)`, and its classification agrees with what the file holds. A new sample fails
 * here until it is classified.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  CHECK_FILES,
  type Check,
  entryResources,
  isFhirResource,
  isRecord,
  listSampleFiles,
  present,
  readSample,
  resourceTypeOf,
  SAMPLE_CHECKS,
  stringField,
  suiteName,
  versionOf,
} from './helpers/samples.js';

const CHECKS = Object.keys(CHECK_FILES) as Check[];

/** The EOBs a sample holds: itself, its Bundle entries, or a docs Bundle entry's resource. */
function eobsIn(sample: unknown): unknown[] {
  const inner = isRecord(sample) && resourceTypeOf(sample) === undefined ? sample.resource : sample;
  const all = resourceTypeOf(inner) === 'Bundle' ? entryResources(inner) : [inner];
  return all.filter((r) => resourceTypeOf(r) === 'ExplanationOfBenefit');
}

/** What a sample's content says it must be checked by (the table may add more, never less). */
function requiredChecks(name: string): Check[] {
  if (!name.endsWith('.json')) return name.startsWith('sdk-') ? ['config'] : [];
  const sample = readSample(name);
  const type = resourceTypeOf(sample);
  const required: Check[] = [];
  if (name.startsWith('sdk-')) required.push('config');
  if (name.startsWith('token-response-')) required.push('token-response');
  if (name.startsWith('token-error-')) required.push('token-error');
  if (/-(openid|smart)-configuration-/.test(name)) required.push('discovery');
  if (type === 'OperationOutcome') required.push('operation-outcome');
  if (type === 'CapabilityStatement') required.push('metadata');
  if (type === undefined && stringField(sample, 'sub') !== undefined) required.push('userinfo');
  if (type === 'AuditEvent' || (type === 'Bundle' && name.includes('-auditevent-')))
    required.push('audit-event');
  if (type === 'Bundle' && stringField(sample, 'type') === 'collection') required.push('insurance-card');
  if (
    type === 'Bundle' &&
    stringField(sample, 'type') === 'searchset' &&
    entryResources(sample).every((r) => isFhirResource(resourceTypeOf(r)))
  ) {
    required.push('search');
  }
  if (isFhirResource(type) || (isRecord(sample) && isFhirResource(resourceTypeOf(sample.resource)))) {
    required.push('read');
  }
  if (eobsIn(sample).length > 0) required.push('claim-types');
  return required;
}

describe.skipIf(!present)(suiteName('every sample is exercised'), () => {
  test('every file in the folder is classified in SAMPLE_CHECKS, and every row names a file that exists', () => {
    const files = listSampleFiles();
    const table = Object.keys(SAMPLE_CHECKS).sort();
    expect(
      files.filter((f) => !(f in SAMPLE_CHECKS)),
      'samples missing from SAMPLE_CHECKS',
    ).toEqual([]);
    expect(
      table.filter((f) => !files.includes(f)),
      'SAMPLE_CHECKS rows without a file',
    ).toEqual([]);
  });

  test.each(listSampleFilesSafe())('%s: has checks, and they include what its content requires', (name) => {
    const checks = SAMPLE_CHECKS[name] ?? [];
    expect(checks.length).toBeGreaterThan(0);
    expect(new Set(checks).size).toBe(checks.length);
    expect(checks).toEqual(expect.arrayContaining(requiredChecks(name)));
  });

  test('every search Bundle is paged: over its links, or as one of the six sandbox pages', () => {
    for (const [name, checks] of Object.entries(SAMPLE_CHECKS)) {
      if (!checks.includes('search')) continue;
      expect(checks.includes('paging') || checks.includes('sandbox-walk'), name).toBe(true);
      if (versionOf(name) === 3 && !name.includes('-auditevent-'))
        expect(checks, name).toContain('v3-internal-host');
    }
  });

  test.each(CHECKS)('check %s is used by a sample and run by the test file that iterates it', (check) => {
    expect(Object.values(SAMPLE_CHECKS).some((checks) => checks.includes(check))).toBe(true);
    const file = path.join(import.meta.dirname, CHECK_FILES[check]);
    expect(fs.existsSync(file), `${CHECK_FILES[check]} exists`).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toContain(`samplesFor('${check}')`);
  });
});

/** The folder's files, or none when it is absent (the describe is skipped then). */
function listSampleFilesSafe(): string[] {
  return present ? listSampleFiles() : [];
}
