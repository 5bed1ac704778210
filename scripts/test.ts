/**
 * `npm test`: every check CI runs, in order, stopping at the first failure.
 *
 *   npm test                 lint, typecheck, generated/ freshness, spec:check against CMS's file, all tests
 *   npm test -- --tests-only generated/ freshness and the vitest suites (the second, Node 24 pass of .ci/run)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const bin = (p: string) => join(ROOT, 'node_modules', p);
const CMS_SPEC = resolve(ROOT, '..', 'shared', 'reference', 'cms-bluebutton-openapi.yaml');
const testsOnly = process.argv.includes('--tests-only');

type Step = { name: string; args: string[] } | { name: string; skip: string };
const tsx = (script: string, ...args: string[]) => [bin('tsx/dist/cli.mjs'), script, ...args];

const steps: Step[] = [
  ...(testsOnly
    ? []
    : [
        { name: 'lint', args: [bin('@biomejs/biome/bin/biome'), 'check', '.'] },
        { name: 'typecheck', args: [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'] },
        {
          name: 'typecheck scripts',
          args: [bin('typescript/bin/tsc'), '--noEmit', '-p', 'scripts/tsconfig.json'],
        },
      ]),
  { name: 'generated/ is fresh', args: tsx('scripts/generate.ts', '--check') },
  existsSync(CMS_SPEC)
    ? { name: 'spec:check against CMS', args: tsx('scripts/check-spec.ts', CMS_SPEC) }
    : { name: 'spec:check against CMS', skip: `skipped: ${CMS_SPEC} is absent (outside the workspace)` },
  { name: 'unit, type and integration tests', args: [bin('vitest/vitest.mjs'), 'run'] },
];

for (const step of steps) {
  console.log(`\n== ${step.name} (node ${process.version})`);
  if ('skip' in step) {
    console.log(step.skip);
    continue;
  }
  const r = spawnSync(process.execPath, step.args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n== FAILED: ${step.name} (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}
console.log('\n== all checks passed');
