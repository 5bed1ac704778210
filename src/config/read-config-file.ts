/**
 * Finding, reading and parsing a configuration file (`.json`, `.yaml`, `.yml`). One `yaml` document per
 * file gives the line of every key for later errors, and catches duplicate keys, which `JSON.parse`
 * silently resolves to the last (JSON is YAML's flow syntax). No message quotes the file's text: parsers
 * echo source around an error, and that source may hold the secret.
 */
import type * as Yaml from 'yaml';
import type { Document, LineCounter, YAMLError } from 'yaml';
import { ConfigError } from '../errors/config-error.js';
import { CONFIG_KEY, type Locator, locationOf, type Position } from './fields.js';
import type { NodeAccess } from './node-access.js';

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
  const extension = node.path.extname(source).toLowerCase();
  const format = extension === '.json' ? 'JSON' : extension === '.yaml' || extension === '.yml' ? 'YAML' : '';
  if (format === '') {
    const found = extension === '' ? 'has no extension' : `has the unsupported extension "${extension}"`;
    throw new ConfigError(`the config file ${found}; use .json, .yaml or .yml`, at(source));
  }
  const text = readText(node, source);
  if (text.trim() === '') throw new ConfigError('the file is empty', at(source));
  const json = format === 'JSON' ? parseJson(text, source) : undefined;
  // `yaml` (CommonJS) is required only here, synchronously as loadConfig must be: most apps pass an object.
  const yaml = node.require('yaml') as typeof Yaml;
  const lineCounter = new yaml.LineCounter();
  // prettyErrors off: pretty messages quote the offending source line.
  const doc = yaml.parseDocument(text, {
    lineCounter,
    logLevel: 'error',
    uniqueKeys: true,
    prettyErrors: false,
  });
  const locate = createLocator(yaml, doc, lineCounter);
  if (json !== undefined) {
    const duplicate = doc.errors.find((problem) => problem.code === 'DUPLICATE_KEY');
    if (duplicate !== undefined) throw yamlProblem(duplicate, lineCounter, source, format);
    // Valid JSON that the YAML reader still rejects (rare) only costs the line numbers of later errors.
    return { data: json.data, source, locate: doc.errors.length === 0 ? locate : () => undefined };
  }
  // Warnings are errors too: an unknown tag such as `!env SECRET` would otherwise become the literal string.
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) throw yamlProblem(problem, lineCounter, source, format);
  if (doc.contents === null)
    throw new ConfigError('the file holds no settings (it is empty or only comments)', at(source));
  return { data: toPlainData(doc, source), source, locate };
}

function at(source: string): { key: string; source: string } {
  return { key: CONFIG_KEY, source };
}

function readText({ fs }: NodeAccess, file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(describeReadError(error), at(file));
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

function parseJson(text: string, source: string): { readonly data: unknown } {
  try {
    return { data: JSON.parse(text) };
  } catch (error) {
    // No `cause`: the engine's message may quote the file's text, and inspect() prints causes.
    const message = error instanceof Error ? error.message : '';
    throw new ConfigError(
      `invalid JSON: ${describeJsonError(message)}`,
      locationOf(CONFIG_KEY, source, jsonErrorPosition(message, text)),
    );
  }
}

/** The engine's description of a JSON syntax error, cut before any quoted source text and the position. */
export function describeJsonError(message: string): string {
  const head = message.split(/ in JSON| at position|, "|, \.\.\."| is not valid JSON/)[0] ?? '';
  // The unexpected character itself could be a character of a secret.
  return head.replace(/^Unexpected token .*$/s, 'Unexpected token').trim() || 'Invalid JSON';
}

/**
 * Where a JSON syntax error is, from the engine's own message: `(line L column C)` (V8 in Node 22+,
 * SpiderMonkey) or `at position N` (V8). V8's "Unexpected token" messages and JavaScriptCore's carry no
 * position; then the engine is asked about prefixes of the text, and the error is where the longest
 * prefix that could still grow into valid JSON ends.
 */
export function jsonErrorPosition(message: string, text: string): Position {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const offset = reportedOffset(message) ?? longestContinuablePrefix(text);
  return positionAt(text, offset);
}

/** The error's offset: the whole text when it only ends too early (a truncated file). */
function longestContinuablePrefix(text: string): number {
  if (couldContinue(text)) return text.length;
  // couldContinue(text.slice(0, low)) holds, couldContinue(text.slice(0, high)) does not.
  let low = 0;
  let high = text.length;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if (couldContinue(text.slice(0, middle))) low = middle;
    else high = middle;
  }
  return low;
}

function reportedOffset(message: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  return position ? Number(position[1]) : undefined;
}

/** True when `prefix` parses, or fails only for want of more text. */
function couldContinue(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const offset = reportedOffset(message);
    return offset === undefined ? /end of|EOF|unterminated/i.test(message) : offset >= prefix.length;
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** A ConfigError at the problem's line and column, with the parser's description but none of the text. */
function yamlProblem(
  problem: YAMLError,
  lineCounter: LineCounter,
  source: string,
  format: string,
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

function toPlainData(doc: Document.Parsed, source: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // E.g. an alias without an anchor; keep the description, drop the anchor name that follows the colon.
    const reason = error instanceof Error ? (error.message.split(':')[0] ?? '') : '';
    throw new ConfigError(`invalid YAML: ${reason || 'cannot be read'}`, at(source));
  }
}

/** Finds a key by its path as written; the position is that of the key, where users look for it. */
function createLocator(yaml: typeof Yaml, doc: Document.Parsed, lineCounter: LineCounter): Locator {
  return (path) => {
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const segment of path) {
      if (!yaml.isMap(node)) return undefined;
      const pair = node.items.find((item) => yaml.isScalar(item.key) && String(item.key.value) === segment);
      if (pair === undefined || !yaml.isScalar(pair.key) || !pair.key.range) return undefined;
      offset = pair.key.range[0];
      node = pair.value;
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}
