/**
 * Medians, spreads and interleaved repetitions. Every ratio in the report compares cases measured in the
 * same script, in rotating interleaved order (ABC, BCA, CAB, ...), never numbers from another run.
 */

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** First and third quartiles (linear interpolation). */
  readonly q1: number;
  readonly q3: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

export function median(samples: readonly number[]): number {
  return summarize(samples).median;
}

/** A ratio of medians plus the range of the per-repetition (paired) ratios. */
export interface Ratio {
  readonly value: number;
  readonly pairedMin: number;
  readonly pairedMax: number;
}

/** `a / b` where `a[i]` and `b[i]` were measured in the same repetition. */
export function ratio(a: readonly number[], b: readonly number[]): Ratio {
  const paired = a.map((x, i) => x / (b[i] ?? Number.NaN)).filter((r) => Number.isFinite(r));
  return {
    value: median(a) / median(b),
    pairedMin: Math.min(...paired),
    pairedMax: Math.max(...paired),
  };
}

export interface InterleaveOptions {
  /** Untimed runs of every case first (JIT, connection pools, server caches). */
  readonly warmup: number;
  readonly reps: number;
  /** Called before every run of a case, warm-ups included. */
  readonly onStart?: (name: string) => void;
  /** Called after every timed sample (progress output). */
  readonly onSample?: (name: string, ms: number) => void;
}

export interface Samples<K extends string> {
  /** Wall-clock ms per repetition. */
  readonly wall: Record<K, number[]>;
  /** CPU ms (user + system) of this process per repetition: the client's own work, not the server's. */
  readonly cpu: Record<K, number[]>;
}

/**
 * Runs every case `warmup` times untimed, then `reps` rounds in which every case runs once; the order
 * rotates each round so no case always runs first (or right after a slow one).
 */
export async function interleaved<K extends string>(
  cases: Readonly<Record<K, () => Promise<void>>>,
  options: InterleaveOptions,
): Promise<Samples<K>> {
  const names = Object.keys(cases) as K[];
  const empty = () => Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  const out: Samples<K> = { wall: empty(), cpu: empty() };
  for (let w = 0; w < options.warmup; w++) {
    for (const n of names) {
      options.onStart?.(n);
      await cases[n]();
    }
  }
  for (let r = 0; r < options.reps; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length] as K;
      options.onStart?.(name);
      const cpu = process.cpuUsage();
      const started = performance.now();
      await cases[name]();
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      out.wall[name].push(ms);
      out.cpu[name].push((used.user + used.system) / 1000);
      options.onSample?.(name, ms);
    }
  }
  return out;
}

/** `12.3 ms` / `1.23 s` with three significant digits. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  return `${ms.toPrecision(3)} ms`;
}

/** `median (min–max)` */
export function fmtSummary(s: Summary, fmt: (x: number) => string = fmtMs): string {
  return `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
}

export function fmtRatio(r: Ratio): string {
  return `${r.value.toFixed(2)}x (${r.pairedMin.toFixed(2)}–${r.pairedMax.toFixed(2)})`;
}

export function fmtBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
