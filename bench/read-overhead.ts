/**
 * Measurement 2, per-request overhead: 2,000 sequential `read`s of EOBs at 0 ms latency with bluebutton-ts,
 * the official SDK (`getCustomData('fhir/ExplanationOfBenefit/<id>')`) and raw fetch. All three read the
 * same ids in the same order; the server's work per read is therefore identical. The clients take turns
 * in chunks of 200 reads, so each client's 2,000 reads of a repetition span the same stretch of time.
 */
import { authorize, eobIds, official, ourClient, readOfficial, readOurs, readRaw } from './clients.js';
import type { RunOptions } from './page-walk.js';
import type { SandboxProcess } from './sandbox-process.js';
import type { Samples } from './stats.js';

export const READS = 2000;
const DISTINCT_IDS = 50;
const WARMUP_READS = 300;
/** Reads per turn of a client within a repetition. */
const CHUNK = 200;

export const READ_CASES = {
  ours: 'bluebutton-ts ExplanationOfBenefit.read',
  official: 'cms-bluebutton-sdk getCustomData',
  raw: 'raw fetch',
} as const;
export type ReadCase = keyof typeof READ_CASES;

export interface ReadResult {
  readonly reads: number;
  readonly samples: Record<ReadCase, number[]>;
  readonly cpu: Samples<ReadCase>['cpu'];
}

export async function measureReads(sandbox: SandboxProcess, options: RunOptions): Promise<ReadResult> {
  // One token per client: the sandbox throttles per token (100,000 requests a day, as BB2).
  const [t1, t2, t3] = await Promise.all([0, 0, 0].map((b) => authorize(sandbox, b)));
  if (!t1 || !t2 || !t3) throw new Error('authorize failed');
  const ours = ourClient(sandbox, t1);
  const theirs = official(sandbox, t2);
  const ids = await eobIds(ours, DISTINCT_IDS);
  const loop = (read: (id: string) => Promise<void>, n: number) => async () => {
    for (let i = 0; i < n; i++) await read(ids[i % ids.length] as string);
  };
  const reads: Record<ReadCase, (id: string) => Promise<void>> = {
    ours: (id) => readOurs(ours, id),
    official: (id) => readOfficial(theirs, id),
    raw: (id) => readRaw(t3.accessToken, id),
  };
  for (let w = 0; w < options.warmup; w++) {
    for (const read of Object.values(reads)) await loop(read, WARMUP_READS)();
  }
  // Each repetition reads READS ids per client in chunks of CHUNK, the clients taking turns (ABC, BCA,
  // CAB, ...): a burst of load from another tenant of this shared machine hits every client alike.
  const names = Object.keys(reads) as ReadCase[];
  const empty = () => ({ ours: [] as number[], official: [] as number[], raw: [] as number[] });
  const samples: Samples<ReadCase> = { wall: empty(), cpu: empty() };
  for (let r = 0; r < options.reps; r++) {
    const wall = { ours: 0, official: 0, raw: 0 };
    const cpu = { ours: 0, official: 0, raw: 0 };
    for (let c = 0; c < READS / CHUNK; c++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(r + c + k) % names.length] as ReadCase;
        const cpuStart = process.cpuUsage();
        const started = performance.now();
        await loop(reads[name], CHUNK)();
        wall[name] += performance.now() - started;
        const used = process.cpuUsage(cpuStart);
        cpu[name] += (used.user + used.system) / 1000;
      }
    }
    for (const name of names) {
      samples.wall[name].push(wall[name]);
      samples.cpu[name].push(cpu[name]);
    }
    options.log(`  reads: ${r + 1}/${options.reps} repetitions of ${READS} reads per client`);
  }
  return { reads: READS, samples: samples.wall, cpu: samples.cpu };
}
