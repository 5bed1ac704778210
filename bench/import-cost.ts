/**
 * Import cost of the main entry, quick and standalone (`npx tsx bench/import-cost.ts [reps]`): the tree is
 * built into bench/.tmp (the shared dist/ is left alone), then fresh `node` processes, interleaved, time
 * `await import()` of the built entry, of the official SDK (its devDependency copy) and of a one-line
 * module (the cost of any dynamic import, subtracted from both). A loader hook counts the ES modules the
 * entry loads and the CommonJS cache shows what it required. footprint.ts measures installed packages.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './sandbox-process.js';

const reps = Number(process.argv[2] ?? 15);
const tmp = path.join(REPO_ROOT, 'bench/.tmp/import-cost');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });
const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', tmp], {
  cwd: REPO_ROOT,
  encoding: 'utf8',
});
if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
writeFileSync(path.join(tmp, 'trivial.mjs'), 'export const x = 1;\n');

const specifiers = {
  trivial: pathToFileURL(path.join(tmp, 'trivial.mjs')).href,
  ours: pathToFileURL(path.join(tmp, 'src/index.js')).href,
  official: 'cms-bluebutton-sdk',
} as const;

function importMs(specifier: string): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`import ${specifier} failed: ${r.stderr}`);
  return Number(r.stdout);
}

const samples: Record<keyof typeof specifiers, number[]> = { trivial: [], ours: [], official: [] };
for (let i = 0; i < reps + 2; i++) {
  for (const [name, specifier] of Object.entries(specifiers) as [keyof typeof specifiers, string][]) {
    const ms = importMs(specifier);
    if (i >= 2) samples[name].push(ms);
  }
}
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;

const hook = `data:text/javascript,${encodeURIComponent(
  "export async function load(url, context, next) { if (!url.startsWith('node:')) console.error('LOADED ' + url); return next(url, context); }",
)}`;
const counted = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { register, createRequire } from 'node:module'; register(${JSON.stringify(hook)}); await import(${JSON.stringify(specifiers.ours)}); console.error('CJS ' + Object.keys(createRequire(import.meta.url).cache).length);`,
  ],
  { cwd: REPO_ROOT, encoding: 'utf8' },
);
const loaded = counted.stderr.split('\n').filter((line) => line.startsWith('LOADED '));
const packages = [
  ...new Set(loaded.map((l) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(l)?.[1]).filter(Boolean)),
];
const base = median(samples.trivial);
const ours = median(samples.ours) - base;
const official = median(samples.official) - base;
console.log(
  `n=${reps}, medians in-process ms: one-line module ${base.toFixed(1)}, bluebutton-ts ${median(samples.ours).toFixed(1)}, cms-bluebutton-sdk ${median(samples.official).toFixed(1)}`,
);
console.log(
  `import cost beyond a one-line module: bluebutton-ts ${ours.toFixed(1)} ms vs official ${official.toFixed(1)} ms = ${(ours / official).toFixed(2)}x`,
);
console.log(
  `bluebutton-ts loads ${loaded.length} ES modules (${loaded.length - loaded.filter((l) => l.includes('node_modules')).length} its own), packages: ${packages.join(', ') || 'none'}; ${/CJS (\d+)/.exec(counted.stderr)?.[1] ?? '?'} CommonJS modules`,
);
rmSync(tmp, { recursive: true, force: true });
