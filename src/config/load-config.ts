/**
 * Loads the SDK's configuration: an object, a file, or the default file in the working directory, with
 * `BLUEBUTTON_*` environment variables filling what it leaves out. Synchronous, because the `BlueButton`
 * constructor calls it.
 */
import { ConfigError } from '../errors/config-error.js';
import { type EnvironmentVariables, readEnvironment } from './env.js';
import { CONFIG_KEY, ENVIRONMENT_SOURCE, type Fields, isRecord, kindOf, OBJECT_SOURCE } from './fields.js';
import { normalizeKeys } from './normalize-keys.js';
import { findDefaultConfigFile, readConfigFile } from './read-config-file.js';
import type { BlueButtonConfig, PythonSdkConfig, ResolvedConfig } from './types.js';
import { type PrimarySource, validateConfig } from './validate-config.js';

export interface LoadConfigOptions {
  /** Where relative file paths and the default files are looked up. Default `process.cwd()`. */
  cwd?: string;
  /** Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * @throws ConfigError naming the key and the source (and file:line:column where known) for any problem.
 * @example
 * loadConfig();                                   // ./.bluebutton-config.json|.yaml|.yml, else environment
 * loadConfig('settings/bb2.yaml');                // either official SDK's format
 * loadConfig({ clientId, clientSecret, callbackUrl, environment: 'SANDBOX' });
 */
export function loadConfig(
  input?: string | BlueButtonConfig | PythonSdkConfig,
  options: LoadConfigOptions = {},
): ResolvedConfig {
  const primary = readPrimarySource(input, options.cwd ?? process.cwd());
  const env: EnvironmentVariables = options.env ?? process.env;
  // Explicit settings win; the environment only fills gaps.
  const fields: Fields = { ...readEnvironment(env), ...primary.fields };
  return validateConfig(fields, primary);
}

interface SourceFields extends PrimarySource {
  readonly fields: Fields;
}

function readPrimarySource(input: unknown, cwd: string): SourceFields {
  if (input === undefined) {
    const file = findDefaultConfigFile(cwd);
    return file === undefined
      ? { fields: {}, source: ENVIRONMENT_SOURCE, kind: 'environment' }
      : fromFile(file, cwd);
  }
  if (typeof input === 'string') return fromFile(input, cwd);
  if (isRecord(input)) {
    const origin = { source: OBJECT_SOURCE, kind: 'object' } as const;
    return { ...origin, fields: normalizeKeys(input, origin) };
  }
  throw new ConfigError(`must be a config file path or a config object (got ${kindOf(input)})`, {
    key: CONFIG_KEY,
    source: OBJECT_SOURCE,
  });
}

function fromFile(filePath: string, cwd: string): SourceFields {
  const file = readConfigFile(filePath, cwd);
  const fields = normalizeKeys(file.data, { source: file.source, kind: 'file', locate: file.locate });
  return { fields, source: file.source, kind: 'file' };
}
