/**
 * `.json` configuration files. `JSON.parse` gives the values; the same text read as YAML gives the line
 * of each key for later errors and catches duplicate keys, which `JSON.parse` silently resolves to the last.
 */
import { ConfigError } from '../errors/config-error.js';
import { CONFIG_KEY, locationOf } from './fields.js';
import { describeJsonError, jsonErrorPosition } from './json-error-position.js';
import type { NodeAccess } from './node-access.js';
import type { ConfigFileContent } from './read-config-file.js';
import { createLocator, parseYamlText, yamlProblem } from './yaml-document.js';

export function parseJsonConfig(node: NodeAccess, text: string, source: string): ConfigFileContent {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // No `cause`: the parser's message may quote the file's text, and inspect() prints causes.
    const message = error instanceof Error ? error.message : '';
    throw new ConfigError(
      `invalid JSON: ${describeJsonError(message)}`,
      locationOf(CONFIG_KEY, source, jsonErrorPosition(message, text)),
    );
  }
  const parsed = parseYamlText(node, text);
  const duplicate = parsed.doc.errors.find((problem) => problem.code === 'DUPLICATE_KEY');
  if (duplicate !== undefined) throw yamlProblem(duplicate, parsed.lineCounter, source, 'JSON');
  // Valid JSON that the YAML reader still rejects (rare) only costs the line numbers of later errors.
  const locate = parsed.doc.errors.length === 0 ? createLocator(parsed) : () => undefined;
  return { data, source, locate };
}
