/**
 * Compares specs/ with CMS's own OpenAPI file: every path and query parameter CMS describes must exist in our
 * spec with the same type, or be listed under `x-cms-differences` in our version file with a reason.
 *
 *   npm run spec:check -- <path to CMS openapi.yaml>
 *
 * Exits 1 on an unexplained gap, 2 on bad usage. Extra paths and parameters on our side are fine: CMS's file
 * under-describes what BB2 accepts (no `_count`, no token endpoints).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isObject, type Json, type JsonObject, type LoadedSpec, loadSpec } from './lib/load-spec.js';

const ROOT = resolve(import.meta.dirname, '..');

interface Difference {
  path: string;
  param?: string;
  reason: string;
}

/** A comparable signature of a parameter's schema: `string`, `integer`, `array<string>`, `string{a,b}`. */
function signature(spec: LoadedSpec, schema: Json | undefined, from: string): string {
  const { node, file } = spec.deref(schema, from);
  if (!isObject(node)) return 'unknown';
  if (node.type === 'array') return `array<${signature(spec, node.items as Json, file)}>`;
  const base = String(node.type ?? 'unknown');
  return Array.isArray(node.enum) ? `${base}{${node.enum.map(String).sort().join(',')}}` : base;
}

const brief = (sig: string) => (sig.length > 48 ? `${sig.slice(0, 45)}...` : sig);

function queryParams(spec: LoadedSpec, op: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of Array.isArray(op.parameters) ? op.parameters : []) {
    const { node, file } = spec.deref(p);
    if (isObject(node) && node.in === 'query')
      out.set(String(node.name), signature(spec, node.schema as Json, file));
  }
  return out;
}

function versionOf(path: string): number | undefined {
  const m = /^\/v([123])\//.exec(path);
  return m ? Number(m[1]) : undefined;
}

function main(): number {
  const cmsPath = process.argv[2];
  if (!cmsPath) {
    console.error('usage: npm run spec:check -- <CMS openapi.yaml>');
    return 2;
  }
  if (!existsSync(cmsPath)) {
    console.error(`spec:check: ${cmsPath} does not exist`);
    return 2;
  }
  const cms = loadSpec(cmsPath);
  const ours = new Map<number, LoadedSpec>();
  const deliberate: Difference[] = [];
  for (const v of [1, 2, 3]) {
    const spec = loadSpec(join(ROOT, 'specs', `v${v}.openapi.yaml`));
    ours.set(v, spec);
    const list = spec.doc['x-cms-differences'];
    for (const d of Array.isArray(list) ? list : []) {
      if (!isObject(d) || typeof d.path !== 'string' || typeof d.reason !== 'string' || !d.reason.trim()) {
        throw new Error(`v${v}.openapi.yaml: every x-cms-differences entry needs a path and a reason`);
      }
      deliberate.push({
        path: d.path,
        reason: d.reason,
        ...(typeof d.param === 'string' ? { param: d.param } : {}),
      });
    }
  }
  const explained = (path: string, param?: string) =>
    deliberate.find((d) => d.path === path && d.param === param);
  const used = new Set<Difference>();
  const gaps: string[] = [];
  const notes: string[] = [];
  let pathCount = 0;
  let paramCount = 0;

  const cmsPaths = isObject(cms.doc.paths) ? cms.doc.paths : {};
  for (const [path, item] of Object.entries(cmsPaths)) {
    const v = versionOf(path);
    const spec = v ? ours.get(v) : undefined;
    if (!isObject(item) || !spec) continue;
    const ourItem = (spec.doc.paths as JsonObject)[path];
    for (const [method, op] of Object.entries(item)) {
      if (!isObject(op) || !['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      pathCount++;
      const ourOp = isObject(ourItem) ? ourItem[method] : undefined;
      if (!isObject(ourOp)) {
        const why = explained(path);
        if (why) {
          used.add(why);
          notes.push(`deliberate  ${method.toUpperCase()} ${path} missing: ${why.reason}`);
        } else gaps.push(`GAP  ${method.toUpperCase()} ${path}: not in specs/v${v}.openapi.yaml`);
        continue;
      }
      const theirs = queryParams(cms, op);
      const mine = queryParams(spec, ourOp);
      for (const [name, sig] of theirs) {
        paramCount++;
        const ourSig = mine.get(name);
        if (ourSig === sig) continue;
        const what = ourSig === undefined ? 'missing' : `typed ${brief(ourSig)}, CMS says ${brief(sig)}`;
        const why = explained(path, name);
        if (why) {
          used.add(why);
          notes.push(`deliberate  ${path} ${name} ${what}: ${why.reason}`);
        } else gaps.push(`GAP  ${method.toUpperCase()} ${path} query ${name}: ${what}`);
      }
    }
  }
  for (const n of notes) console.log(n);
  for (const d of deliberate.filter((x) => !used.has(x))) {
    console.log(
      `stale note  ${d.path}${d.param ? ` ${d.param}` : ''}: listed as deliberate but no longer differs`,
    );
  }
  for (const g of gaps) console.error(g);
  console.log(
    `spec:check: ${pathCount} CMS operations and ${paramCount} query parameters compared; ` +
      `${notes.length} deliberate differences, ${gaps.length} unexplained gaps`,
  );
  return gaps.length ? 1 : 0;
}

process.exitCode = main();
