/**
 * The targets, each with the figure from this run, met or missed, and the data that explains it.
 */
import type { FootprintResult } from './footprint.js';
import type { MemoryResult } from './memory.js';
import { latencyCeiling, WALK_PAGES } from './page-walk.js';
import type { ReadCase, ReadResult } from './read-overhead.js';
import type { Results } from './report.js';
import { MAIN_ENTRY_BUDGET_BYTES } from './sizes.js';
import { fmtMs, fmtRatio, median, type Ratio, ratio } from './stats.js';

export interface Target {
  readonly what: string;
  readonly target: string;
  readonly figure: string;
  readonly met: boolean;
  readonly note: string;
}

export const x = (v: number) => `${v.toFixed(2)}x`;
/** Paired-ratio range straddling the limit: the verdict could flip on another run. */
export const borderline = (r: Ratio, limit: number) =>
  r.pairedMin <= limit && r.pairedMax >= limit
    ? ' Borderline: the per-repetition ratios straddle the limit.'
    : '';

export const perRead = (r: ReadResult, k: ReadCase) =>
  `${((median(r.cpu[k]) / r.reads) * 1000).toFixed(0)} µs`;

export function rssRatio(m: MemoryResult): number {
  return median(m.samples[100000].map((v) => v.maxRssKiB)) / median(m.samples[10000].map((v) => v.maxRssKiB));
}

export function importOverhead(f: FootprintResult, k: 'ours' | 'official'): number[] {
  return f.importSamples[k].map((v, i) => v - (f.importSamples.bare[i] ?? Number.NaN));
}

export function targets(r: Results): Target[] {
  const out: Target[] = [];
  const w50 = r.walks.find((w) => w.latencyMs === 50);
  if (w50) {
    const s = w50.samples;
    const c4 = ratio(s.official, s['ours-c4']);
    const c8 = ratio(s.official, s['ours-c8']);
    const raw4 = ratio(s.official, s['raw-c4']);
    const ceil4 = latencyCeiling(WALK_PAGES, 4);
    const ceil8 = latencyCeiling(WALK_PAGES, 8);
    const ofRaw = ratio(s['raw-c4'], s['ours-c4']).value;
    const w0 = r.walks.find((w) => w.latencyMs === 0);
    const pageMs = w0 ? median(w0.samples['raw-seq']) / WALK_PAGES : Number.NaN;
    out.push({
      what: 'Page walk 50 ms, concurrency 4, speed-up over official getPages',
      target: `≥ 90% of the ${x(ceil4)} ceiling (≥ ${x(0.9 * ceil4)})`,
      figure: `${fmtRatio(c4)} = ${((100 * c4.value) / ceil4).toFixed(0)}% of ${x(ceil4)}`,
      met: c4.value >= 0.9 * ceil4,
      note:
        `Raw fetch with 4 in flight reaches ${fmtRatio(raw4)} (${((100 * raw4.value) / ceil4).toFixed(0)}% of the ceiling) on this machine; ` +
        `bluebutton-ts c4 runs at ${(100 * ofRaw).toFixed(0)}% of that floor's speed. The ceiling counts latency only; ` +
        `a page also costs ${fmtMs(pageMs)} of work at 0 ms latency (raw fetch), and the single-process sandbox ` +
        'builds, serializes and gzips every page in flight on the same 2 cores as the client, so a round of 4 pages takes ' +
        'longer than its 50 ms of latency even for raw fetch.' +
        borderline(c4, 0.9 * ceil4),
    });
    out.push({
      what: 'Page walk 50 ms, concurrency 8 (reported, no target)',
      target: `ceiling ${x(ceil8)}`,
      figure: `${fmtRatio(c8)} = ${((100 * c8.value) / ceil8).toFixed(0)}% of ${x(ceil8)}`,
      met: true,
      note: `Raw fetch with 8 in flight: ${fmtRatio(ratio(s.official, s['raw-c8']))}.`,
    });
  }
  for (const w of r.walks) {
    const seq = ratio(w.samples['ours-seq'], w.samples['raw-seq']);
    out.push({
      what: `Sequential page walk ${w.latencyMs} ms vs raw fetch loop`,
      target: '≤ 1.10x',
      figure: fmtRatio(seq),
      met: seq.value <= 1.1,
      note:
        `Client CPU per walk: ${fmtMs(median(w.cpu['ours-seq']))} vs raw ${fmtMs(median(w.cpu['raw-seq']))}.` +
        borderline(seq, 1.1),
    });
  }
  const rd = ratio(r.reads.samples.ours, r.reads.samples.raw);
  out.push({
    what: `Per-request overhead (${r.reads.reads} reads) vs raw fetch`,
    target: '≤ 1.10x',
    figure: fmtRatio(rd),
    met: rd.value <= 1.1,
    note:
      `Client CPU per read: ${perRead(r.reads, 'ours')} vs raw ${perRead(r.reads, 'raw')} ` +
      `(official ${perRead(r.reads, 'official')}). Official SDK: ` +
      `${fmtRatio(ratio(r.reads.samples.official, r.reads.samples.raw))}.${borderline(rd, 1.1)}`,
  });
  for (const m of r.memory) {
    const v = rssRatio(m);
    out.push({
      what: `Peak RSS 100k / 10k EOBs, all() concurrency ${m.concurrency}`,
      target: '≤ 1.20x',
      figure: x(v),
      met: v <= 1.2,
      note: '',
    });
  }
  const f = r.footprint;
  const depsOurs = f.dependencies
    .filter((d) => d.of === 'ours')
    .map((d) => `${d.name} ${fmtMs(median(d.ms))}`)
    .join(', ');
  const imp = median(importOverhead(f, 'ours')) / median(importOverhead(f, 'official'));
  out.push({
    what: 'Import overhead, bluebutton-ts / official',
    target: '≤ 0.33',
    figure: `${fmtMs(median(importOverhead(f, 'ours')))} / ${fmtMs(median(importOverhead(f, 'official')))} = ${imp.toFixed(2)}`,
    met: imp <= 1 / 3,
    note:
      `In-process import(): bluebutton-ts ${fmtMs(median(f.inProcess.ours ?? []))}, official ` +
      `${fmtMs(median(f.inProcess.official ?? []))}. Its runtime dependencies, imported on their own: ${depsOurs}; ` +
      'bluebutton-ts loads them on first use (yaml only for config files), so what remains is its own ESM modules ' +
      "and Node's ESM loader start-up, which a bare `node -e 0` does not pay (a single-file bundle measured about 5 ms less).",
  });
  const main = r.sizes.rows[0];
  if (main !== undefined) {
    out.push({
      what: 'Main entry minified + gzipped (no sandbox)',
      target: `≤ ${MAIN_ENTRY_BUDGET_BYTES / 1024} KiB`,
      figure: `${(main.gzipBytes / 1024).toFixed(1)} KiB`,
      met: main.gzipBytes <= MAIN_ENTRY_BUDGET_BYTES,
      note: r.sizes.rows
        .slice(1)
        .map((row) => `${row.name} ${(row.gzipBytes / 1024).toFixed(1)} KiB`)
        .join(', '),
    });
  }
  const pk = f.ours.packages / f.official.packages;
  out.push({
    what: 'Installed packages, bluebutton-ts / official',
    target: '≤ 0.10',
    figure: `${f.ours.packages} / ${f.official.packages} = ${pk.toFixed(3)}`,
    met: pk <= 0.1,
    note: '',
  });
  return out;
}
