/**
 * The main entry (and every web-standard subpath, e.g. `./claims` once it exists) bundles for
 * `platform: 'browser'` with no `node:` import: what workers and edge runtimes need. The sandbox and the
 * command are Node-only and not checked here.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
// The sandbox and the command serve HTTP with node:http; the stores and the sync worker drive pg, ioredis
// and BullMQ, which are Node libraries. Everything else must bundle for the web.
const NODE_ONLY = new Set(['./sandbox', './sync', './package.json']);

/** `./dist/src/x/index.js` -> `src/x/index.ts`, for each subpath the package exports. */
function webEntries(): [string, string][] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, { default: string } | string>;
  };
  return Object.entries(pkg.exports)
    .filter(([subpath]) => !NODE_ONLY.has(subpath) && !subpath.startsWith('./stores/'))
    .map(([subpath, target]) => {
      const js = typeof target === 'string' ? target : target.default;
      return [subpath, join(ROOT, js.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'))];
    });
}

describe('a browser bundle', () => {
  test('covers the main entry', () => {
    expect(webEntries().map(([subpath]) => subpath)).toContain('.');
  });

  test('checks the main entry, claims and telemetry (a renamed subpath must not drop out silently)', () => {
    expect(webEntries().map(([subpath]) => subpath)).toEqual(
      expect.arrayContaining(['.', './claims', './telemetry']),
    );
  });

  test.each(webEntries())('of %s has no node: import', async (_subpath, entry) => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      metafile: true,
      // Reported, not fatal, so the test names every node: import rather than the first.
      external: ['node:*'],
      logLevel: 'silent',
    });
    const nodeImports = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
      input.imports.filter((i) => i.path.startsWith('node:')).map((i) => `${file} -> ${i.path}`),
    );
    expect(nodeImports).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});
