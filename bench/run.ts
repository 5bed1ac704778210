/**
 * `npm run bench`: bluebutton-ts vs cms-bluebutton-sdk@1.0.13 vs a plain fetch loop, in one run, against
 * the same local sandbox (its own process, on http://localhost:8000). Prints the results and writes
 * bench/RESULTS.md. Not part of `npm test`.
 *
 *   npm run bench               the full run (about 6-8 minutes on 2 cores)
 *   npm run bench -- --quick    fewer repetitions, to try changes (RESULTS.md is not written)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { claimsSection, measureClaims } from './claims.js';
import { cliExportSection, measureCliExport } from './cli-export.js';
import { measureFootprint } from './footprint.js';
import { describeMachine, machineLine } from './machine.js';
import { measureMemory } from './memory.js';
import { measurePageWalk, type RunOptions, WALK_EOBS } from './page-walk.js';
import { measureReads } from './read-overhead.js';
import { renderReport } from './report.js';
import {
  assertLocalPortFree,
  REPO_ROOT,
  type SandboxProcess,
  startSandboxProcess,
} from './sandbox-process.js';
import { measureSizes } from './sizes.js';
import { fmtMs } from './stats.js';
import { measureSync, syncSection } from './sync.js';
import { measureTypes } from './types-check.js';

const quick = process.argv.includes('--quick');
const log = (line: string) => console.log(`[${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${line}`);
let phase = 'start';
let currentCase = '';
const setPhase = (p: string) => {
  phase = p;
  currentCase = '';
};
const warnings: string[] = [];
process.on('warning', (w) =>
  warnings.push(`${phase}${currentCase ? `, ${currentCase}` : ''}: ${w.name}: ${w.message}`),
);

/** Repetitions per measurement (full run / --quick). */
const REPS = {
  walk0: { warmup: 2, reps: quick ? 2 : 11 },
  walk50: { warmup: 1, reps: quick ? 2 : 7 },
  reads: { warmup: 2, reps: quick ? 1 : 7 },
  memorySequential: { warmup: 0, reps: quick ? 1 : 3 },
  memoryConcurrent: { warmup: 0, reps: quick ? 0 : 1 },
  imports: { warmup: 1, reps: quick ? 3 : 10 },
  types: { warmup: 0, reps: quick ? 1 : 3 },
};
const opts = (r: { warmup: number; reps: number }): RunOptions => ({
  ...r,
  log,
  onCase: (name) => {
    currentCase = name;
  },
});

function version(pkgJson: string): string {
  const parsed: unknown = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'version' in parsed ? String(parsed.version) : '?';
}

async function withSandbox<T>(
  spec: Parameters<typeof startSandboxProcess>[0],
  fn: (s: SandboxProcess) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandboxProcess(spec);
  try {
    return await fn(sandbox);
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const date = new Date();
  const machine = describeMachine();
  log(`bluebutton-ts benchmark${quick ? ' (--quick)' : ''}`);
  log(machineLine(machine));
  await assertLocalPortFree();

  setPhase('sandbox 0 ms');
  log(`Sandbox on :8000, 0 ms latency, beneficiaries with ${WALK_EOBS}, 10,000 and 100,000 EOBs`);
  const { walk0, reads, memory } = await withSandbox(
    { latencyMs: 0, eobs: [WALK_EOBS, 10_000, 100_000] },
    async (sandbox) => {
      setPhase('page walk 0 ms');
      const walk0 = await measurePageWalk(sandbox, 0, opts(REPS.walk0));
      setPhase('reads');
      const reads = await measureReads(sandbox, opts(REPS.reads));
      setPhase('memory');
      const memory = [await measureMemory(sandbox, 1, opts(REPS.memorySequential))];
      if (REPS.memoryConcurrent.reps > 0) {
        memory.push(await measureMemory(sandbox, 4, opts(REPS.memoryConcurrent)));
      }
      return { walk0, reads, memory };
    },
  );

  setPhase('page walk 50 ms');
  log('Sandbox on :8000, 50 ms latency');
  const walk50 = await withSandbox({ latencyMs: 50, eobs: [WALK_EOBS] }, (sandbox) =>
    measurePageWalk(sandbox, 50, opts(REPS.walk50)),
  );

  setPhase('sizes');
  log('  sizes: esbuild bundles of bluebutton-ts, openapi-fetch and @medplum/core');
  const sizes = await measureSizes();

  setPhase('footprint');
  const footprint = await measureFootprint(opts(REPS.imports));
  let types: Awaited<ReturnType<typeof measureTypes>>;
  try {
    setPhase('types');
    types = await measureTypes(footprint.ours.dir, opts(REPS.types));
  } finally {
    footprint.cleanup();
  }
  setPhase('claims');
  const claims = await measureClaims(log, quick);
  setPhase('cli export');
  log('bluebutton export: 10k EOBs at 50 ms latency vs all(); peak RSS 10k vs 100k');
  const cliExport = await measureCliExport(log, quick);
  setPhase('sync');
  const sync = await measureSync(log, quick);

  const notes = [
    'Client CPU is `process.cpuUsage()` of the benchmark process (the clients only; the sandbox runs in another process).',
    'The official SDK reads pages with `getCustomData(<absolute next URL>)`, which it allows only under its LOCAL base URL http://localhost:8000.',
    ...[...new Set(warnings)].map((w) => `Process warning during ${w}`),
    ...(footprint.buildErrors
      ? [
          `The tree did not type-check when packed (tsc emitted anyway): ${footprint.buildErrors.split('\n').join('; ')}`,
        ]
      : []),
    ...Object.entries(types.errors).map(
      ([name, lines]) => `tsc case "${name}" reported type errors (timed anyway): ${lines.join('; ')}`,
    ),
  ];
  const report = `${renderReport(
    {
      date,
      wallMs: performance.now(),
      machine,
      versions: {
        ours: version(path.join(REPO_ROOT, 'package.json')),
        official: version(path.join(REPO_ROOT, 'node_modules/cms-bluebutton-sdk/package.json')),
      },
      walks: [walk0, walk50],
      reads,
      memory,
      footprint,
      sizes,
      types,
    },
    notes,
  )}\n${claimsSection(claims)}\n${cliExportSection(cliExport)}\n${syncSection(sync)}\n`;
  log(`\n${report}`);
  if (quick) log('(--quick: bench/RESULTS.md not written)');
  else {
    writeFileSync(path.join(REPO_ROOT, 'bench/RESULTS.md'), report);
    log(`Wrote bench/RESULTS.md (total ${fmtMs(performance.now())}).`);
  }
}

main().catch((error: unknown) => {
  console.error(`\nnpm run bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
