/**
 * Measurement 5, bundle sizes and module counts, in one run: each package's entry bundled by esbuild
 * (minified, ESM, browser platform, so no Node built-in can hide), then gzipped. bluebutton-ts is its main
 * entry from src/ (the sandbox is a separate, Node-only entry); next to it openapi-fetch (the HTTP layer we
 * build on) and @medplum/core (another FHIR SDK), installed as pinned dev dependencies. Also the modules in
 * each SDK's static import graph (what `import('<pkg>')` loads; lazy imports such as yaml are not counted).
 *
 *   npx tsx bench/sizes.ts   these figures alone (seconds), without the full `npm run bench`
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from './sandbox-process.js';

export interface SizeRow {
  readonly name: string;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** Source files in the bundle (own and dependencies). */
  readonly modules: number;
}

export interface SizesResult {
  readonly rows: readonly SizeRow[];
  /** Modules in the static import graph for Node (platform node, as `import()` resolves them). */
  readonly nodeModules: { readonly ours: number; readonly official: number };
}

/** The gzip budget for bluebutton-ts's main entry (issue 15). */
export const MAIN_ENTRY_BUDGET_BYTES = 30 * 1024;

/** Leaves `import()` out: what the first `import('<pkg>')` loads is the static graph only. */
const staticOnly: Plugin = {
  name: 'static-only',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

async function bundle(
  contents: string,
  platform: 'browser' | 'node',
  minify: boolean,
  plugins: Plugin[] = [],
): Promise<{ code: Uint8Array; modules: number }> {
  const result = await build({
    plugins,
    stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    minify,
    format: 'esm',
    platform,
    metafile: true,
    logLevel: 'silent',
    // Node-only packages the official SDK pulls in stay out of the count's way on the browser platform.
    external: platform === 'node' ? [] : ['node:*'],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { code, modules: Object.keys(result.metafile.inputs).filter((f) => f !== '<stdin>').length };
}

async function sizeOf(name: string, contents: string): Promise<SizeRow> {
  const { code, modules } = await bundle(contents, 'browser', true);
  return {
    name,
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    modules,
  };
}

export async function measureSizes(): Promise<SizesResult> {
  const main = path.join(REPO_ROOT, 'src/index.ts');
  const rows = [
    await sizeOf('bluebutton-ts (main entry, no sandbox)', `export * from ${JSON.stringify(main)};`),
    await sizeOf('openapi-fetch', `export * from 'openapi-fetch'; export { default } from 'openapi-fetch';`),
    await sizeOf('@medplum/core', `export * from '@medplum/core';`),
  ];
  const ours = await bundle(`export * from ${JSON.stringify(main)};`, 'node', false, [staticOnly]);
  const official = await bundle(`export * from 'cms-bluebutton-sdk';`, 'node', false, [staticOnly]);
  return { rows, nodeModules: { ours: ours.modules, official: official.modules } };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export function sizesSection(s: SizesResult): string {
  const ours = s.rows[0];
  const lines = [
    '### Bundle size (esbuild --bundle --minify, ESM, browser platform; gzip -9), measured in this run',
    '',
    '| package | minified | minified + gzip | modules bundled |',
    '|---|---|---|---|',
    ...s.rows.map((r) => `| ${r.name} | ${kib(r.minifiedBytes)} | ${kib(r.gzipBytes)} | ${r.modules} |`),
    '',
    `Budget for the main entry: ${kib(MAIN_ENTRY_BUDGET_BYTES)} gzipped: ${
      ours !== undefined && ours.gzipBytes <= MAIN_ENTRY_BUDGET_BYTES ? 'met' : '**missed**'
    }. Modules in the static import graph on Node: bluebutton-ts ${s.nodeModules.ours}, cms-bluebutton-sdk ${s.nodeModules.official}.`,
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(sizesSection(await measureSizes()));
}
