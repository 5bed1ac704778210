/**
 * Claims benchmarks (part of `npm run bench`; alone: `npx tsx bench/claims.ts [--quick]`):
 * 1. normalizing 100,000 generated v2 EOBs with `toClaim`: records and lines per second, against
 *    `JSON.parse` of the same bytes in the same run (batch by batch, interleaved); aim: normalizing costs
 *    less than half of parsing;
 * 2. peak RSS of `toCsv` over 10,000 vs 100,000 EOBs, each in a fresh process (flat memory: the two match).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { toClaim } from 'bluebutton-ts/claims';
import { createDataset } from '../src/sandbox/data/create-dataset.js';
import type { CsvChildOutput } from './claims-csv-child.js';
import { REPO_ROOT } from './sandbox-process.js';
import { fmtMs, median } from './stats.js';

export const NORMALIZE_EOBS = 100_000;
const BATCH = 1_000;
export const CSV_SIZES = [10_000, 100_000] as const;

export interface ClaimsBenchResult {
  readonly eobs: number;
  readonly lines: number;
  readonly bytes: number;
  readonly parseMs: number;
  readonly normalizeMs: number;
  /** Per-batch normalize/parse ratios (their median is the headline ratio's check). */
  readonly batchRatios: readonly number[];
  readonly csv: readonly CsvChildOutput[];
}

/** Times JSON.parse and toClaim over the same EOBs, one batch of 1,000 at a time. */
function measureNormalize(total: number): Omit<ClaimsBenchResult, 'csv'> {
  const ds = createDataset({ seed: 3, beneficiaries: 1, eobsPerBeneficiary: total });
  const bene = ds.beneficiaries[0];
  if (!bene) throw new Error('no beneficiary');
  let parseMs = 0;
  let normalizeMs = 0;
  let lines = 0;
  let bytes = 0;
  const batchRatios: number[] = [];
  for (let start = 0; start < total; start += BATCH) {
    const texts: string[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      texts.push(JSON.stringify(ds.eob(bene, 2, ds.claimHeader(bene, i))));
    }
    for (const t of texts) bytes += t.length;
    const t0 = performance.now();
    const parsed = texts.map((t) => JSON.parse(t));
    const t1 = performance.now();
    for (const eob of parsed) lines += toClaim(eob).lines.length;
    const t2 = performance.now();
    parseMs += t1 - t0;
    normalizeMs += t2 - t1;
    batchRatios.push((t2 - t1) / (t1 - t0));
  }
  return { eobs: total, lines, bytes, parseMs, normalizeMs, batchRatios };
}

function runCsvChild(count: number): Promise<CsvChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'bench/claims-csv-child.ts'), String(count)],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`toCsv child exited ${code}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as CsvChildOutput);
    });
  });
}

export async function measureClaims(log: (line: string) => void, quick = false): Promise<ClaimsBenchResult> {
  const total = quick ? 20_000 : NORMALIZE_EOBS;
  log(`claims: normalizing ${total} EOBs (JSON.parse vs toClaim, batches of ${BATCH})`);
  const n = measureNormalize(total);
  log(
    `  parse ${fmtMs(n.parseMs)}, normalize ${fmtMs(n.normalizeMs)}, ratio ${(n.normalizeMs / n.parseMs).toFixed(2)}`,
  );
  const csv: CsvChildOutput[] = [];
  for (const size of CSV_SIZES) {
    const out = await runCsvChild(size);
    log(`  toCsv ${size} EOBs: ${out.rows} rows, peak RSS ${(out.maxRssKiB / 1024).toFixed(1)} MiB`);
    csv.push(out);
  }
  return { ...n, csv };
}

const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

export function claimsSection(r: ClaimsBenchResult): string {
  const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
  const ratio = r.normalizeMs / r.parseMs;
  const sorted = [...r.batchRatios].sort((a, b) => a - b);
  const [small, large] = r.csv;
  return [
    `### Claims: normalizing ${r.eobs.toLocaleString('en-US')} EOBs (\`toClaim\`, bench/claims.ts)`,
    '',
    `v2 EOBs from the sandbox generator (seed 3, every claim type), ${(r.bytes / 1024 / 1024).toFixed(1)} MiB of JSON, in batches of ${BATCH}: each batch is parsed (\`JSON.parse\`) and then normalized, so both run on the same bytes in the same run.`,
    '',
    '| measure | figure |',
    '|---|---|',
    `| \`JSON.parse\` | ${fmtMs(r.parseMs)} (${perSec(r.eobs, r.parseMs)} EOBs/s) |`,
    `| \`toClaim\` | ${fmtMs(r.normalizeMs)}: ${perSec(r.eobs, r.normalizeMs)} records/s, ${perSec(r.lines, r.normalizeMs)} lines/s (${r.lines.toLocaleString('en-US')} lines) |`,
    `| normalize / parse | **${ratio.toFixed(2)}** (per-batch median ${median(sorted).toFixed(2)}, range ${sorted[0]?.toFixed(2)}–${sorted.at(-1)?.toFixed(2)}); aim < 0.5: ${ratio < 0.5 ? 'met' : '**missed**'} |`,
    '',
    '### Claims: peak RSS of `toCsv` (fresh process each, bench/claims-csv-child.ts)',
    '',
    '| EOBs | CSV rows | CSV size | peak RSS before | peak RSS after | time |',
    '|---|---|---|---|---|---|',
    ...r.csv.map(
      (c) =>
        `| ${c.count.toLocaleString('en-US')} | ${c.rows.toLocaleString('en-US')} | ${(c.bytes / 1024 / 1024).toFixed(1)} MiB | ${mib(c.startMaxRssKiB)} | ${mib(c.maxRssKiB)} | ${fmtMs(c.ms)} |`,
    ),
    '',
    small && large
      ? `10x the EOBs: peak RSS x${(large.maxRssKiB / small.maxRssKiB).toFixed(2)} (flat means close to 1).`
      : '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureClaims((l) => console.log(l), process.argv.includes('--quick'));
  console.log(`\n${claimsSection(result)}`);
}
