/**
 * Measurement 1, page walk: one beneficiary with 1,000 EOBs, `_count=50` (20 pages), against a sandbox
 * with a given per-request latency. Cases: bluebutton-ts `all()` sequential and with `concurrency` 4 and 8,
 * the official SDK's `getExplanationOfBenefitData` + `getPages`, and a raw fetch loop following `next`
 * (plus raw fetch with 4 and 8 pages in flight: the floor for the concurrent walks on this machine).
 */
import { authorize, official, ourClient, PAGE_SIZE, walkOfficial, walkOurs, walkRaw } from './clients.js';
import type { SandboxProcess } from './sandbox-process.js';
import { interleaved, type Samples } from './stats.js';

/** Beneficiary 0 of the page-walk sandboxes has this many EOBs. */
export const WALK_EOBS = 1000;
export const WALK_PAGES = WALK_EOBS / PAGE_SIZE;

export const WALK_CASES = {
  'ours-seq': 'bluebutton-ts all()',
  'ours-c4': 'bluebutton-ts all() concurrency 4',
  'ours-c8': 'bluebutton-ts all() concurrency 8',
  official: 'cms-bluebutton-sdk getPages',
  'raw-seq': 'raw fetch loop (next)',
  'raw-c4': 'raw fetch, 4 in flight',
  'raw-c8': 'raw fetch, 8 in flight',
} as const;
export type WalkCase = keyof typeof WALK_CASES;

export interface PageWalkResult {
  readonly latencyMs: number;
  readonly samples: Record<WalkCase, number[]>;
  readonly cpu: Samples<WalkCase>['cpu'];
}

/**
 * Latency-bound speed-up of a walk with `concurrency` pages in flight over a sequential one: page 1 alone
 * (its `total` plans the rest), then the other pages in rounds of `concurrency`. 20 pages: 20/6 for 4.
 */
export function latencyCeiling(pages: number, concurrency: number): number {
  return pages / (1 + Math.ceil((pages - 1) / concurrency));
}

export interface RunOptions {
  readonly warmup: number;
  readonly reps: number;
  readonly log: (line: string) => void;
  /** Told which case is about to run (run.ts attributes process warnings to it). */
  readonly onCase?: (name: string) => void;
}

export async function measurePageWalk(
  sandbox: SandboxProcess,
  latencyMs: number,
  options: RunOptions,
): Promise<PageWalkResult> {
  const token = await authorize(sandbox, 0);
  const ours = ourClient(sandbox, token);
  const theirs = official(sandbox, token);
  const checked = (name: string, walk: () => Promise<number>) => async () => {
    const n = await walk();
    if (n !== WALK_EOBS) throw new Error(`${name} walked ${n} EOBs, expected ${WALK_EOBS}`);
  };
  const cases: Record<WalkCase, () => Promise<void>> = {
    'ours-seq': checked('bluebutton-ts', () => walkOurs(ours, 1)),
    official: checked('cms-bluebutton-sdk', () => walkOfficial(theirs)),
    'raw-seq': checked('raw fetch', () => walkRaw(token.accessToken, 1)),
    'ours-c4': checked('bluebutton-ts c4', () => walkOurs(ours, 4)),
    'raw-c4': checked('raw fetch c4', () => walkRaw(token.accessToken, 4)),
    'ours-c8': checked('bluebutton-ts c8', () => walkOurs(ours, 8)),
    'raw-c8': checked('raw fetch c8', () => walkRaw(token.accessToken, 8)),
  };
  let done = 0;
  const total = options.reps * Object.keys(cases).length;
  const samples = await interleaved(cases, {
    warmup: options.warmup,
    reps: options.reps,
    ...(options.onCase ? { onStart: (name: string) => options.onCase?.(WALK_CASES[name as WalkCase]) } : {}),
    onSample: () => {
      if (++done % 7 === 0) options.log(`  page walk @${latencyMs} ms: ${done}/${total} walks`);
    },
  });
  return { latencyMs, samples: samples.wall, cpu: samples.cpu };
}
