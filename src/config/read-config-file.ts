/**
 * Finding and reading a configuration file: the path, its format by extension, and its text.
 */
import { ConfigError } from '../errors/config-error.js';
import { CONFIG_KEY, type Locator } from './fields.js';
import type { NodeAccess } from './node-access.js';
import { parseJsonConfig } from './parse-json.js';
import { parseYamlConfig } from './parse-yaml.js';

export interface ConfigFileContent {
  /** Parsed but unchecked. */
  readonly data: unknown;
  /** The absolute path, as errors and `ResolvedConfig.source` name it. */
  readonly source: string;
  readonly locate: Locator;
}

/** Looked for in this order in the working directory when no configuration is given. */
export const DEFAULT_CONFIG_FILES: readonly string[] = Object.freeze([
  '.bluebutton-config.json',
  '.bluebutton-config.yaml',
  '.bluebutton-config.yml',
]);

export function findDefaultConfigFile({ fs, path }: NodeAccess, cwd: string): string | undefined {
  return DEFAULT_CONFIG_FILES.map((name) => path.resolve(cwd, name)).find(
    (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true,
  );
}

/** Reads and parses a `.json`, `.yaml` or `.yml` file; a relative path is relative to `cwd`. */
export function readConfigFile(node: NodeAccess, filePath: string, cwd: string): ConfigFileContent {
  const source = node.path.resolve(cwd, filePath);
  const format = formatOf(node.path.extname(source).toLowerCase(), source);
  const text = readText(node, source);
  if (text.trim() === '') throw new ConfigError('the file is empty', { key: CONFIG_KEY, source });
  return format === 'json' ? parseJsonConfig(node, text, source) : parseYamlConfig(node, text, source);
}

function formatOf(extension: string, file: string): 'json' | 'yaml' {
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  const found = extension === '' ? 'has no extension' : `has the unsupported extension "${extension}"`;
  throw new ConfigError(`the config file ${found}; use .json, .yaml or .yml`, {
    key: CONFIG_KEY,
    source: file,
  });
}

function readText({ fs }: NodeAccess, file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(describeReadError(error), { key: CONFIG_KEY, source: file });
  }
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function describeReadError(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  if (code === 'ENOENT') return 'the config file does not exist';
  if (code === 'EISDIR') return 'the config path is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'the config file cannot be read (permission denied)';
  return `the config file cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
}
