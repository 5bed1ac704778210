/**
 * Loads the SDK's configuration: an object (taken as given), or a file or the default file in the working
 * directory, with `BLUEBUTTON_*` environment variables filling what the file leaves out. Synchronous,
 * because the `BlueButton` constructor calls it. Files and the environment need Node's built-ins
 * (node-access.ts); an object works on every runtime.
 */
import { ConfigError } from '../errors/config-error.js';
import {
  CONFIG_KEY,
  ENVIRONMENT_SOURCE,
  type EnvironmentVariables,
  type Fields,
  isRecord,
  kindOf,
  normalizeKeys,
  OBJECT_SOURCE,
  readEnvironment,
} from './fields.js';
import { type NodeAccess, nodeAccess } from './node-access.js';
import { findDefaultConfigFile, readConfigFile } from './read-config-file.js';
import type { BlueButtonConfig, PythonSdkConfig, ResolvedConfig } from './types.js';
import { type PrimarySource, validateConfig } from './validate-config.js';

export interface LoadConfigOptions {
  /** Where relative file paths and the default files are looked up. Default `process.cwd()`. */
  cwd?: string;
  /** For the no-argument and file forms. Default `process.env`. */
  env?: EnvironmentVariables;
  /** Node's built-ins; `null` is a runtime without them. Default: what this runtime has. */
  node?: NodeAccess | null;
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
  if (isRecord(input)) {
    const origin = { source: OBJECT_SOURCE, kind: 'object' } as const;
    return validateConfig(normalizeKeys(input, origin), origin);
  }
  if (input !== undefined && typeof input !== 'string') {
    throw new ConfigError(`must be a config file path or a config object (got ${kindOf(input)})`, {
      key: CONFIG_KEY,
      source: OBJECT_SOURCE,
    });
  }
  const node = options.node === undefined ? nodeAccess() : (options.node ?? undefined);
  const primary = readFileSource(input, node, options.cwd);
  const env = options.env ?? node?.env ?? {};
  // The file's settings win; the environment only fills gaps.
  const fields: Fields = { ...readEnvironment(env), ...primary.fields };
  return validateConfig(fields, primary);
}

interface SourceFields extends PrimarySource {
  readonly fields: Fields;
}

function readFileSource(
  filePath: string | undefined,
  node: NodeAccess | undefined,
  cwd: string | undefined,
): SourceFields {
  if (node === undefined) {
    if (filePath === undefined) return { fields: {}, source: ENVIRONMENT_SOURCE, kind: 'environment' };
    throw new ConfigError(
      'a config file path needs file access (Node.js, Bun or Deno); on this runtime pass a config object',
      { key: CONFIG_KEY, source: filePath },
    );
  }
  const dir = cwd ?? node.cwd();
  const file = filePath ?? findDefaultConfigFile(node, dir);
  if (file === undefined) return { fields: {}, source: ENVIRONMENT_SOURCE, kind: 'environment' };
  const content = readConfigFile(node, file, dir);
  const fields = normalizeKeys(content.data, {
    source: content.source,
    kind: 'file',
    locate: content.locate,
  });
  return { fields, source: content.source, kind: 'file' };
}
