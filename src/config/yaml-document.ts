/**
 * YAML parsing shared by `.yaml` files and, for locating keys and duplicates, `.json` files (JSON is
 * YAML's flow syntax): one place that turns the `yaml` package's problems into ConfigErrors.
 */
import type * as Yaml from 'yaml';
import type { Document, LineCounter, YAMLError } from 'yaml';
import { ConfigError } from '../errors/config-error.js';
import { CONFIG_KEY, type Locator, locationOf } from './fields.js';
import type { NodeAccess } from './node-access.js';

export interface ParsedYaml {
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly yaml: typeof Yaml;
}

/**
 * `yaml` (CommonJS) is required when a file is read, synchronously as loadConfig must be: most apps pass a
 * config object, and loading the package costs about 30 ms of start-up they would pay for nothing.
 */
export function parseYamlText(node: NodeAccess, text: string): ParsedYaml {
  const yaml = node.require('yaml') as typeof Yaml;
  const { LineCounter: Counter, parseDocument } = yaml;
  const lineCounter = new Counter();
  // prettyErrors off: pretty messages quote the offending source line, which may hold the secret.
  const doc = parseDocument(text, { lineCounter, logLevel: 'error', uniqueKeys: true, prettyErrors: false });
  return { doc, lineCounter, yaml };
}

/** A ConfigError at the problem's line and column, with the parser's description but none of the text. */
export function yamlProblem(
  problem: YAMLError,
  lineCounter: LineCounter,
  source: string,
  format: 'JSON' | 'YAML' = 'YAML',
): ConfigError {
  const { line, col } = lineCounter.linePos(problem.pos[0]);
  // The package's own wording for this one addresses its API user ("use parseAllDocuments"), not ours.
  const description =
    problem.code === 'MULTIPLE_DOCS'
      ? 'the file holds more than one YAML document (---); keep one'
      : problem.message;
  return new ConfigError(
    `invalid ${format}: ${description} (${problem.code})`,
    locationOf(CONFIG_KEY, source, { line, column: col }),
  );
}

/** Finds a key by its path as written; the position is that of the key, where users look for it. */
export function createLocator({ doc, lineCounter, yaml }: ParsedYaml): Locator {
  return (path) => {
    const { isMap, isScalar } = yaml;
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const segment of path) {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (pair === undefined || !isScalar(pair.key) || !pair.key.range) return undefined;
      offset = pair.key.range[0];
      node = pair.value;
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}
