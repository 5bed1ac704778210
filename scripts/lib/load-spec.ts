/**
 * Loads an OpenAPI YAML file and resolves `$ref`s (local and relative-file) lazily, so scripts can read
 * parameters and extensions without a bundler. openapi-typescript bundles on its own for the types.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface LoadedSpec {
  file: string;
  text: string;
  doc: JsonObject;
  /** Follows `$ref` chains (any file, any depth) and returns the target with the file it lives in. */
  deref(node: Json | undefined, from?: string): { node: Json | undefined; file: string };
}

const cache = new Map<string, { text: string; doc: JsonObject }>();

function readYaml(file: string): { text: string; doc: JsonObject } {
  const hit = cache.get(file);
  if (hit) return hit;
  const text = readFileSync(file, 'utf8');
  const doc = parse(text, { uniqueKeys: true, logLevel: 'error' }) as unknown;
  if (!isObject(doc)) throw new Error(`${file}: not a YAML mapping`);
  const entry = { text, doc };
  cache.set(file, entry);
  return entry;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pointer(doc: Json, ptr: string, where: string): Json {
  let cur: Json = doc;
  for (const raw of ptr.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(cur) || !(key in cur)) throw new Error(`unresolvable $ref ${where}`);
    cur = cur[key] as Json;
  }
  return cur;
}

export function loadSpec(path: string): LoadedSpec {
  const file = resolve(path);
  const { text, doc } = readYaml(file);
  const deref = (node: Json | undefined, from = file): { node: Json | undefined; file: string } => {
    let cur = node;
    let at = from;
    for (let hops = 0; isObject(cur) && typeof cur.$ref === 'string'; hops++) {
      if (hops > 20) throw new Error(`$ref loop at ${cur.$ref}`);
      const [target = '', frag = ''] = cur.$ref.split('#');
      const targetFile = target ? resolve(dirname(at), target) : at;
      cur = pointer(readYaml(targetFile).doc, frag, `${cur.$ref} (from ${at})`);
      at = targetFile;
    }
    return { node: cur, file: at };
  };
  return { file, text, doc, deref };
}
