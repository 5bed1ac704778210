/**
 * Measurement 4, start-up and footprint. bluebutton-ts is built (tsconfig.build.json, into a temp dir so
 * the shared working tree's dist/ is left alone) and packed as `npm pack` would; then each SDK gets a clean
 * `npm install --no-audit --no-fund` into its own temp project. Reported: installed packages (directories
 * with a package.json under node_modules, scoped and nested included), node_modules size (`du -sk`), and
 * the import time in a fresh `node` (`node -e "import('<pkg>')"` minus `node -e 0`, interleaved).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunOptions } from './page-walk.js';
import { REPO_ROOT } from './sandbox-process.js';
import { interleaved } from './stats.js';

export const OFFICIAL_SPEC = 'cms-bluebutton-sdk@1.0.13';
export type ImportCase = 'bare' | 'ours' | 'official';
/**
 * What each SDK loads at run time (the official SDK's other dependencies are build tools it ships by
 * mistake). Of ours, only @noble/hashes's sha2 is in the main entry's import graph: cockatiel and
 * openapi-fetch load with the first request, yaml only when a config file is read.
 */
const RUNTIME_DEPENDENCIES = {
  ours: ['@noble/hashes/sha2.js', 'yaml', 'cockatiel', 'openapi-fetch'],
  official: ['axios', 'moment'],
} as const;

export interface Install {
  readonly name: string;
  /** The temp project the SDK is installed into. */
  readonly dir: string;
  readonly packages: number;
  readonly sizeKiB: number;
  readonly installMs: number;
}

export interface FootprintResult {
  readonly tarballKiB: number;
  /** tsc's errors when the tree did not type-check at build time (the JS was emitted and measured). */
  readonly buildErrors: string;
  readonly ours: Install;
  readonly official: Install;
  /** ms per `node -e` run (the whole process): bare `0`, and the two imports. */
  readonly importSamples: Record<ImportCase, number[]>;
  /** ms from `import()` to its settling, measured inside those same processes (no start-up noise). */
  readonly inProcess: Partial<Record<ImportCase, number[]>>;
  /** The packages' runtime dependencies, each imported alone (in-process ms): what the import time is made of. */
  readonly dependencies: readonly {
    readonly of: 'ours' | 'official';
    readonly name: string;
    readonly ms: number[];
  }[];
  /** Remove the temp dirs (types-check.ts uses the installed bluebutton-ts first). */
  cleanup(): void;
}

function run(cmd: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}) in ${cwd}:\n${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

/** Package directories under a node_modules (scoped and nested node_modules included). */
export function countPackages(nodeModules: string): number {
  if (!existsSync(nodeModules)) return 0;
  let n = 0;
  const visitPackage = (dir: string) => {
    if (existsSync(path.join(dir, 'package.json'))) n++;
    n += countPackages(path.join(dir, 'node_modules'));
  };
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = path.join(nodeModules, entry.name);
    if (entry.name.startsWith('@')) {
      for (const scoped of readdirSync(dir, { withFileTypes: true })) {
        if (scoped.isDirectory()) visitPackage(path.join(dir, scoped.name));
      }
    } else visitPackage(dir);
  }
  return n;
}

function duKiB(dir: string): number {
  return Number(run('du', ['-sk', dir], REPO_ROOT).split(/\s/)[0]);
}

/**
 * Builds and packs bluebutton-ts like `npm run build && npm pack`, without touching the repo's dist/.
 * tsc emits even when the tree has type errors (others may be mid-edit): the JS is what is measured, and
 * the errors are returned so the report says so.
 */
function packOurs(tmp: string): { tarball: string; buildErrors: string } {
  const stage = path.join(tmp, 'stage');
  mkdirSync(stage);
  const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
  const build = spawnSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(stage, 'dist')],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0 && !existsSync(path.join(stage, 'dist/src/index.js'))) {
    throw new Error(`tsc -p tsconfig.build.json failed:\n${build.stdout}${build.stderr}`);
  }
  for (const f of ['package.json', 'bin', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    const from = path.join(REPO_ROOT, f);
    if (existsSync(from)) cpSync(from, path.join(stage, f), { recursive: true });
  }
  // --ignore-scripts: `prepack` would rebuild into the stage; the build above is the same tsc run.
  const out = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], stage);
  const parsed: unknown = JSON.parse(out);
  const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  const filename =
    typeof first === 'object' && first !== null && 'filename' in first ? String(first.filename) : '';
  if (!filename) throw new Error(`npm pack printed no filename: ${out.slice(0, 300)}`);
  return { tarball: path.join(tmp, filename), buildErrors: build.status === 0 ? '' : build.stdout.trim() };
}

function install(tmp: string, name: string, spec: string): Install {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: `bench-${name}`, version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  const started = performance.now();
  run('npm', ['install', spec, '--no-audit', '--no-fund'], dir);
  const installMs = performance.now() - started;
  const nodeModules = path.join(dir, 'node_modules');
  return { name, dir, packages: countPackages(nodeModules), sizeKiB: duKiB(nodeModules), installMs };
}

/**
 * `node -e "<import>"` in `cwd`; the process also prints how long the import itself took (pushed to
 * `inProcess`), while the caller times the whole process.
 */
function nodeImport(
  specifier: string | undefined,
  cwd: string,
  inProcess: number[],
  how: 'import' | 'require' = 'import',
): () => Promise<void> {
  const spec = JSON.stringify(specifier);
  const done = 'process.stdout.write(String(performance.now() - t))';
  const code =
    specifier === undefined
      ? '0'
      : how === 'import'
        ? `const t = performance.now(); import(${spec}).then(() => ${done})`
        : `const t = performance.now(); require(${spec}); ${done}`;
  return async () => {
    const r = spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`node -e "${code}" failed in ${cwd}: ${r.stderr}`);
    if (specifier !== undefined) inProcess.push(Number(r.stdout));
  };
}

export async function measureFootprint(options: RunOptions): Promise<FootprintResult> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bluebutton-bench-'));
  const cleanup = () => run('rm', ['-rf', tmp], os.tmpdir());
  try {
    options.log('  footprint: building and packing bluebutton-ts');
    const { tarball, buildErrors } = packOurs(tmp);
    const tarballKiB = duKiB(tarball);
    options.log('  footprint: npm install (bluebutton-ts tarball)');
    const ours = install(tmp, 'ours', tarball);
    options.log(`  footprint: npm install ${OFFICIAL_SPEC}`);
    const official = install(tmp, 'official', OFFICIAL_SPEC);
    options.log('  footprint: import times');
    // Each import runs in its own project dir, so each resolves its own installed copy.
    const inProcess: Record<ImportCase, number[]> = { bare: [], ours: [], official: [] };
    const { wall: importSamples } = await interleaved(
      {
        bare: nodeImport(undefined, tmp, inProcess.bare),
        ours: nodeImport('bluebutton-ts', ours.dir, inProcess.ours),
        official: nodeImport('cms-bluebutton-sdk', official.dir, inProcess.official),
      },
      { warmup: options.warmup, reps: options.reps },
    );
    const dependencies = [];
    for (const of of ['ours', 'official'] as const) {
      for (const name of RUNTIME_DEPENDENCIES[of]) {
        const ms: number[] = [];
        // The official SDK is CommonJS and require()s its dependencies (axios's one-file CJS build).
        const run =
          of === 'ours' ? nodeImport(name, ours.dir, ms) : nodeImport(name, official.dir, ms, 'require');
        for (let i = 0; i < options.reps; i++) await run();
        dependencies.push({ of, name, ms });
      }
    }
    return { tarballKiB, buildErrors, ours, official, importSamples, inProcess, dependencies, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
