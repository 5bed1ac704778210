/**
 * `.yaml` / `.yml` configuration files.
 */
import type { Document } from 'yaml';
import { ConfigError } from '../errors/config-error.js';
import { CONFIG_KEY } from './fields.js';
import type { NodeAccess } from './node-access.js';
import type { ConfigFileContent } from './read-config-file.js';
import { createLocator, parseYamlText, yamlProblem } from './yaml-document.js';

export function parseYamlConfig(node: NodeAccess, text: string, source: string): ConfigFileContent {
  const parsed = parseYamlText(node, text);
  const { doc, lineCounter } = parsed;
  // Warnings are errors too: an unknown tag such as `!env SECRET` would otherwise become the literal string.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) throw yamlProblem(problem, lineCounter, source);
  if (doc.contents === null) {
    throw new ConfigError('the file holds no settings (it is empty or only comments)', {
      key: CONFIG_KEY,
      source,
    });
  }
  return { data: toPlainData(parsed.doc, source), source, locate: createLocator(parsed) };
}

function toPlainData(doc: Document.Parsed, source: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // E.g. an alias without an anchor; keep the description, drop the anchor name that follows the colon.
    const reason = error instanceof Error ? (error.message.split(':')[0] ?? '') : '';
    throw new ConfigError(`invalid YAML: ${reason || 'cannot be read'}`, { key: CONFIG_KEY, source });
  }
}
