/**
 * One toCsv memory case in a fresh process (spawned by claims.ts): streams `count` generated v2 EOBs through
 * `toCsv` into a sink that only counts bytes, and prints one JSON line with the bytes, rows and peak RSS.
 * The generator builds each EOB on demand, so what grows with `count` is only what toCsv keeps.
 */
import { toCsv } from 'bluebutton-ts/claims';
import { createDataset } from '../src/sandbox/data/create-dataset.js';

export interface CsvChildOutput {
  readonly count: number;
  readonly bytes: number;
  readonly rows: number;
  readonly ms: number;
  /** `process.resourceUsage().maxRSS` (KiB) before streaming. */
  readonly startMaxRssKiB: number;
  readonly maxRssKiB: number;
}

const count = Number(process.argv[2] ?? '0');
const ds = createDataset({ seed: 11, beneficiaries: 1, eobsPerBeneficiary: count });
const bene = ds.beneficiaries[0];
if (!bene) throw new Error('no beneficiary');

async function* eobs() {
  if (!bene) return;
  for (let i = 0; i < count; i++) yield ds.eob(bene, 2, ds.claimHeader(bene, i));
}

const startMaxRssKiB = process.resourceUsage().maxRSS;
const started = performance.now();
let bytes = 0;
let rows = 0;
for await (const chunk of toCsv(eobs())) {
  bytes += chunk.length;
  for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) rows++;
}
const output: CsvChildOutput = {
  count,
  bytes,
  rows,
  ms: performance.now() - started,
  startMaxRssKiB,
  maxRssKiB: process.resourceUsage().maxRSS,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
