/**
 * Renders the results as Markdown (printed to stdout and written to bench/RESULTS.md): every figure as
 * median (min–max), ratios against the baseline measured in the same run, and the targets table.
 */
import type { FootprintResult } from './footprint.js';
import { type Machine, machineLine } from './machine.js';
import type { MemoryResult } from './memory.js';
import { latencyCeiling, type PageWalkResult, WALK_CASES, WALK_PAGES, type WalkCase } from './page-walk.js';
import { READ_CASES, type ReadCase, type ReadResult } from './read-overhead.js';
import { type SizesResult, sizesSection } from './sizes.js';
import { fmtBytes, fmtMs, fmtRatio, fmtSummary, median, ratio, summarize } from './stats.js';
import { importOverhead, rssRatio, targets, x } from './targets.js';
import { TYPE_CASES, type TypeCase, type TypesResult } from './types-check.js';

export interface Results {
  readonly date: Date;
  readonly wallMs: number;
  readonly machine: Machine;
  readonly versions: { readonly ours: string; readonly official: string };
  readonly walks: readonly PageWalkResult[];
  readonly reads: ReadResult;
  readonly memory: readonly MemoryResult[];
  readonly footprint: FootprintResult;
  readonly sizes: SizesResult;
  readonly types: TypesResult;
}

const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

function walkSection(w: PageWalkResult): string {
  const s = w.samples;
  const rows = (Object.keys(WALK_CASES) as WalkCase[]).map((k) => [
    WALK_CASES[k],
    fmtSummary(summarize(s[k])),
    fmtRatio(ratio(s[k], s['raw-seq'])),
    fmtRatio(ratio(s.official, s[k])),
    fmtMs(median(w.cpu[k])),
  ]);
  return [
    `### Page walk, ${w.latencyMs} ms latency per request (1,000 EOBs, _count=50, ${WALK_PAGES} pages, n=${s.official.length})`,
    '',
    table(
      [
        'client',
        'walk time median (min–max)',
        'time vs raw fetch loop',
        'speed-up over official getPages',
        'client CPU',
      ],
      rows,
    ),
    '',
    `Latency-bound ceiling of the speed-up over a sequential walk: concurrency 4: ${x(latencyCeiling(WALK_PAGES, 4))}, ` +
      `concurrency 8: ${x(latencyCeiling(WALK_PAGES, 8))} (page 1 alone, then rounds of 4 or 8).`,
  ].join('\n');
}

function readSection(r: ReadResult): string {
  const s = r.samples;
  const raw = median(s.raw);
  const rows = (Object.keys(READ_CASES) as ReadCase[]).map((k) => [
    READ_CASES[k],
    fmtSummary(summarize(s[k])),
    `${((median(s[k]) / r.reads) * 1000).toFixed(0)} µs`,
    fmtRatio(ratio(s[k], s.raw)),
    k === 'raw' ? '—' : `${(((median(s[k]) - raw) / r.reads) * 1000).toFixed(0)} µs`,
    `${((median(r.cpu[k]) / r.reads) * 1000).toFixed(0)} µs`,
  ]);
  return [
    `### Per-request overhead: ${r.reads.toLocaleString('en-US')} sequential reads, 0 ms latency (n=${s.raw.length})`,
    '',
    table(
      [
        'client',
        'time median (min–max)',
        'per read',
        'vs raw fetch',
        'extra per read',
        'client CPU per read',
      ],
      rows,
    ),
  ].join('\n');
}

const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

function memorySection(results: readonly MemoryResult[]): string {
  const rows: string[][] = [];
  for (const m of results) {
    for (const [size, samples] of Object.entries(m.samples)) {
      const peak = summarize(samples.map((v) => v.maxRssKiB));
      rows.push([
        `all() concurrency ${m.concurrency}, ${Number(size).toLocaleString('en-US')} EOBs`,
        `${mib(peak.median)} (${mib(peak.min)}–${mib(peak.max)})`,
        mib(median(samples.map((v) => v.startMaxRssKiB))),
        fmtMs(median(samples.map((v) => v.ms))),
        String(samples.length),
      ]);
    }
    rows.push([`**ratio 100k / 10k, concurrency ${m.concurrency}**`, `**${x(rssRatio(m))}**`, '', '', '']);
  }
  return [
    '### Memory: peak RSS of `all()` (each walk in a fresh process, sandbox in another)',
    '',
    table(['case', 'peak RSS median (min–max)', 'peak RSS before the walk', 'walk time', 'n'], rows),
  ].join('\n');
}

function footprintSection(f: FootprintResult, versions: Results['versions']): string {
  const rows = (['ours', 'official'] as const).map((k) => {
    const inst = f[k];
    return [
      k === 'ours'
        ? `bluebutton-ts ${versions.ours} (packed tarball)`
        : `cms-bluebutton-sdk ${versions.official}`,
      String(inst.packages),
      fmtBytes(inst.sizeKiB * 1024),
      fmtMs(inst.installMs),
      fmtSummary(summarize(f.importSamples[k])),
      fmtSummary(summarize(importOverhead(f, k))),
      fmtSummary(summarize(f.inProcess[k] ?? [])),
    ];
  });
  rows.push(['bare `node -e 0`', '', '', '', fmtSummary(summarize(f.importSamples.bare)), '', '']);
  const deps = f.dependencies.map((d) => `${d.name} ${fmtMs(median(d.ms))}`);
  return [
    `### Start-up and footprint (clean \`npm install --no-audit --no-fund\` each; n=${f.importSamples.bare.length} interleaved imports)`,
    '',
    table(
      [
        'package',
        'installed packages',
        'node_modules (du)',
        'install time',
        'node -e import() median (min–max)',
        'import overhead (minus node -e 0)',
        'import() inside the process',
      ],
      rows,
    ),
    '',
    `Packed bluebutton-ts tarball: ${fmtBytes(f.tarballKiB * 1024)}. Install times depend on the registry and the npm cache (informational).`,
    '',
    `Runtime dependencies loaded alone, as each SDK loads them (bluebutton-ts: ESM import(); the CommonJS official SDK: require()), median in-process time, n=${f.dependencies[0]?.ms.length ?? 0}: ` +
      `bluebutton-ts: ${deps.filter((_, i) => f.dependencies[i]?.of === 'ours').join(', ')}; ` +
      `cms-bluebutton-sdk: ${deps.filter((_, i) => f.dependencies[i]?.of === 'official').join(', ')}.`,
  ].join('\n');
}

function typesSection(t: TypesResult): string {
  const rows = (Object.keys(TYPE_CASES) as TypeCase[]).map((k) => {
    const st = t.stats[k];
    return [
      TYPE_CASES[k],
      fmtSummary(summarize(t.samples[k])),
      fmtMs(median(t.samples[k]) - median(t.samples.baseline)),
      st ? String(st.files) : '',
      st ? `${st.checkSeconds.toFixed(2)} s` : '',
      st ? mib(st.memoryKiB) : '',
    ];
  });
  return [
    `### Types: \`tsc --noEmit\` of examples/analytics.ts (n=${t.samples.repo.length})`,
    '',
    table(['case', 'wall median (min–max)', 'minus baseline', 'files', 'check time', 'tsc memory'], rows),
  ].join('\n');
}

export function renderReport(r: Results, extraNotes: readonly string[] = []): string {
  const t = targets(r);
  return [
    '# bluebutton-ts benchmark results',
    '',
    `- Command: \`npm run bench\` (bench/run.ts), run ${r.date.toISOString()}, wall time ${fmtMs(r.wallMs)}`,
    `- Machine: ${machineLine(r.machine)}`,
    `- Compared: bluebutton-ts ${r.versions.ours} (this tree, src/ via tsx), cms-bluebutton-sdk ${r.versions.official}, raw \`fetch\` (Node's undici).`,
    "- Sandbox: `bluebutton-ts/sandbox` in its own process on http://localhost:8000 (the official SDK's LOCAL base URL; every client uses it), gzip on, seed 1.",
    '- Figures are medians (min–max) of interleaved repetitions after a warm-up; ratios are ratios of medians, in brackets the range of the per-repetition (paired) ratios.',
    '',
    '## Targets',
    '',
    table(
      ['measure', 'target', 'figure', 'status', 'note'],
      t.map((g) => [g.what, g.target, g.figure, g.met ? 'met' : '**missed**', g.note]),
    ),
    '',
    '## Measurements',
    '',
    ...r.walks.map((w) => `${walkSection(w)}\n`),
    readSection(r.reads),
    '',
    memorySection(r.memory),
    '',
    footprintSection(r.footprint, r.versions),
    '',
    sizesSection(r.sizes),
    '',
    typesSection(r.types),
    '',
    ...(extraNotes.length ? ['## Notes', '', ...extraNotes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
}
