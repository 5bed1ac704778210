/**
 * Maps a source's keys, in either official spelling, onto the canonical settings. Unknown keys, both
 * spellings of one key, and options a file cannot hold are errors here, before any value is looked at.
 */
import { ConfigError, type ConfigProblemLocation } from '../errors/config-error.js';
import { type KeySpec, spellingsOf, TOP_LEVEL_KEYS } from './config-keys.js';
import {
  CONFIG_KEY,
  type Fields,
  isRecord,
  kindOf,
  type Locator,
  locationOf,
  type SourceKind,
} from './fields.js';
import { closestMatch } from './suggest.js';

export interface Origin {
  readonly source: string;
  readonly kind: SourceKind;
  readonly locate?: Locator;
}

/** The settings of one object or file, keyed canonically, each with where it was written. */
export function normalizeKeys(data: unknown, origin: Origin): Fields {
  if (!isRecord(data)) {
    const expected = origin.kind === 'file' ? 'a mapping of settings at the top level' : 'an object';
    throw new ConfigError(`must be ${expected} (got ${kindOf(data)})`, {
      key: CONFIG_KEY,
      source: origin.source,
    });
  }
  const fields: Fields = {};
  collect(data, TOP_LEVEL_KEYS, [], origin, fields);
  return fields;
}

function collect(
  record: Record<string, unknown>,
  specs: readonly KeySpec[],
  parent: readonly string[],
  origin: Origin,
  fields: Fields,
): void {
  const spellingUsed = new Map<KeySpec, string>();
  for (const [name, value] of Object.entries(record)) {
    const path = [...parent, name];
    const where = locationOf(path.join('.'), origin.source, origin.locate?.(path));
    const spec = specs.find((candidate) => candidate.camel === name || candidate.snake === name);
    if (spec === undefined) throw unknownKey(name, specs, where);
    const earlier = spellingUsed.get(spec);
    if (earlier !== undefined) {
      throw new ConfigError(`set twice, as "${earlier}" and as "${name}"; keep one spelling`, where);
    }
    spellingUsed.set(spec, name);
    if (spec.objectOnly === true && origin.kind === 'file') {
      throw new ConfigError('can only be set in a config object passed in code, not in a file', where);
    }
    // null (an empty YAML value) counts as absent, so the environment or the default fills it.
    if (value === undefined || value === null) continue;
    fields[spec.field] = { value, where };
    if (spec.group !== undefined && !(spec.allowsFalse === true && value === false)) {
      if (!isRecord(value)) {
        const expected = spec.allowsFalse === true ? 'an object or false' : 'an object';
        throw new ConfigError(`must be ${expected} (got ${kindOf(value)})`, where);
      }
      collect(value, spec.group, path, origin, fields);
    }
  }
}

function unknownKey(name: string, specs: readonly KeySpec[], where: ConfigProblemLocation): ConfigError {
  const guess = closestMatch(name, specs.flatMap(spellingsOf));
  const hint =
    guess === undefined
      ? `known keys: ${specs.map((spec) => spec.camel).join(', ')}`
      : `did you mean "${guess}"?`;
  return new ConfigError(`unknown key; ${hint}`, where);
}
