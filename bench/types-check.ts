/**
 * Measurement 5, types: `tsc --noEmit` of the typed analytics example (examples/analytics.ts), median of
 * interleaved runs, in two settings:
 *  - repo: bench/tsconfig.analytics.json, the repo's options; `bluebutton-ts` maps to src/ (tsconfig paths),
 *    so the SDK's implementation is checked too;
 *  - user: the same file and options in the temp project where the packed bluebutton-ts was installed, so
 *    it is checked against the published .d.ts, as an application would be.
 * A baseline (bench/tsconfig.baseline.json: one import-free file, same options, lib and @types/node) shows
 * the fixed cost of tsc itself. `tsc` is node_modules/typescript/bin/tsc (what `npx tsc` runs), started
 * with `node` directly so npx's own start-up is not counted.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunOptions } from './page-walk.js';
import { REPO_ROOT } from './sandbox-process.js';
import { interleaved } from './stats.js';

const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');

export const TYPE_CASES = {
  baseline: 'tsc baseline (import-free file, same options)',
  repo: 'analytics.ts in the repo (paths to src/)',
  user: 'analytics.ts against the installed package (.d.ts)',
} as const;
export type TypeCase = keyof typeof TYPE_CASES;

export interface TscStats {
  readonly files: number;
  readonly checkSeconds: number;
  readonly memoryKiB: number;
}

export interface TypesResult {
  readonly samples: Record<TypeCase, number[]>;
  /** From `--extendedDiagnostics` of the last run of each case. */
  readonly stats: Partial<Record<TypeCase, TscStats>>;
  /** The first type errors of a case that did not type-check (its time is still a full check). */
  readonly errors: Partial<Record<TypeCase, string[]>>;
}

function diagnostic(out: string, label: string): number {
  const m = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(out);
  return m ? Number(m[1]) : Number.NaN;
}

/** A tsconfig in the installed project: the repo's compiler options without `paths`. */
function writeUserProject(projectDir: string): string {
  const repoConfig: unknown = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tsconfig.json'), 'utf8'));
  const options =
    typeof repoConfig === 'object' && repoConfig !== null && 'compilerOptions' in repoConfig
      ? { ...(repoConfig.compilerOptions as Record<string, unknown>) }
      : {};
  delete options.paths;
  // @types/node is a devDependency of the repo, not of the SDK: take it from the repo.
  options.typeRoots = [path.join(REPO_ROOT, 'node_modules/@types')];
  copyFileSync(path.join(REPO_ROOT, 'examples/analytics.ts'), path.join(projectDir, 'analytics.ts'));
  const config = path.join(projectDir, 'tsconfig.json');
  writeFileSync(config, JSON.stringify({ compilerOptions: options, include: ['analytics.ts'] }, null, 2));
  return config;
}

export async function measureTypes(userProjectDir: string, options: RunOptions): Promise<TypesResult> {
  const configs: Record<TypeCase, string> = {
    baseline: path.join(REPO_ROOT, 'bench/tsconfig.baseline.json'),
    repo: path.join(REPO_ROOT, 'bench/tsconfig.analytics.json'),
    user: writeUserProject(userProjectDir),
  };
  const stats: Partial<Record<TypeCase, TscStats>> = {};
  const errorLines: Partial<Record<TypeCase, string[]>> = {};
  const tsc = (name: TypeCase) => async () => {
    const r = spawnSync(process.execPath, [TSC, '--noEmit', '--extendedDiagnostics', '-p', configs[name]], {
      cwd: path.dirname(configs[name]),
      encoding: 'utf8',
    });
    if (r.status !== 0) {
      // Type errors (e.g. a shared tree mid-edit) still give a full check: time it, and say so.
      const errors = r.stdout.split('\n').filter((l) => l.includes('error TS'));
      if (errors.length === 0) throw new Error(`tsc -p ${configs[name]} failed:\n${r.stdout}${r.stderr}`);
      errorLines[name] = errors.slice(0, 5);
    }
    stats[name] = {
      files: diagnostic(r.stdout, 'Files'),
      checkSeconds: diagnostic(r.stdout, 'Check time'),
      memoryKiB: diagnostic(r.stdout, 'Memory used'),
    };
  };
  let done = 0;
  const { wall: samples } = await interleaved(
    { baseline: tsc('baseline'), repo: tsc('repo'), user: tsc('user') },
    {
      warmup: options.warmup,
      reps: options.reps,
      onSample: () => {
        if (++done % 3 === 0) options.log(`  types: ${done}/${options.reps * 3} tsc runs`);
      },
    },
  );
  return { samples, stats, errors: errorLines };
}
