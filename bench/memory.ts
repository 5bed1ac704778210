/**
 * Measurement 3, memory: `all()` over 10,000 and 100,000 EOBs (`_count=50`: 200 and 2,000 pages), each
 * walk in its own fresh child process (bench/memory-child.ts) against the same sandbox process, peak RSS
 * from `process.resourceUsage().maxRSS`. The cases alternate (10k, 100k, 10k, ...), so drift hits both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { authorize } from './clients.js';
import type { MemoryChildInput, MemoryChildOutput } from './memory-child.js';
import type { RunOptions } from './page-walk.js';
import { REPO_ROOT, type SandboxProcess } from './sandbox-process.js';

/** EOBs of beneficiaries 1 and 2 of the 0 ms sandbox. */
export const MEMORY_SIZES = [10_000, 100_000] as const;
export type MemorySize = (typeof MEMORY_SIZES)[number];

export interface MemorySample {
  readonly ms: number;
  readonly startMaxRssKiB: number;
  readonly maxRssKiB: number;
}

export interface MemoryResult {
  readonly concurrency: number;
  readonly samples: Record<MemorySize, MemorySample[]>;
}

function isOutput(v: unknown): v is MemoryChildOutput {
  return (
    typeof v === 'object' &&
    v !== null &&
    'count' in v &&
    typeof v.count === 'number' &&
    'maxRssKiB' in v &&
    typeof v.maxRssKiB === 'number'
  );
}

function runChild(input: MemoryChildInput): Promise<MemoryChildOutput> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'bench', 'memory-child.ts'), JSON.stringify(input)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (code !== 0 || !isOutput(parsed)) {
        reject(new Error(`memory child exited ${code}: ${stdout.slice(-500)}`));
      } else resolve(parsed);
    });
  });
}

export async function measureMemory(
  sandbox: SandboxProcess,
  concurrency: number,
  options: RunOptions,
): Promise<MemoryResult> {
  const samples: Record<MemorySize, MemorySample[]> = { 10000: [], 100000: [] };
  for (let r = 0; r < options.reps; r++) {
    for (const [i, size] of MEMORY_SIZES.entries()) {
      // A fresh token per walk: the sandbox throttles per token.
      const token = await authorize(sandbox, i + 1);
      const out = await runChild({ client: sandbox.client, token: token.toJSON(), concurrency });
      if (out.count !== size) throw new Error(`memory walk returned ${out.count} EOBs, expected ${size}`);
      samples[size].push({ ms: out.ms, startMaxRssKiB: out.startMaxRssKiB, maxRssKiB: out.maxRssKiB });
      options.log(
        `  memory c${concurrency} ${size} EOBs: peak RSS ${(out.maxRssKiB / 1024).toFixed(1)} MiB ` +
          `(${(out.startMaxRssKiB / 1024).toFixed(1)} MiB before the walk), ${(out.ms / 1000).toFixed(1)} s`,
      );
    }
  }
  return { concurrency, samples };
}
