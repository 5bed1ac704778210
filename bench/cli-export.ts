/**
 * `bluebutton export` (the real command, a child process) of 10,000 EOBs at 50 ms latency with
 * concurrency 4, as a ratio to the SDK's own `all()` walk over the same sandbox in the same run; the
 * child's start-up (the same child running `--version`: tsx, imports, `main()`), measured and subtracted
 * for a second ratio; and the command's peak RSS (`process.resourceUsage()` of a child that runs `main()`)
 * for 10k vs 100k EOBs, which should be flat. `npm run bench` runs it; alone: `tsx bench/cli-export.ts
 * [--quick]` (--quick skips the 100k run).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { saveToken } from '../src/cli/token-file.js';
import { BlueButton } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { fmtMs, median } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const RSS_CHILD = '--bench-cli-rss-child';
const STARTUP_RUNS = 3;

export interface CliExportRun {
  readonly eobs: number;
  readonly latencyMs: number;
  readonly sdkMs: number;
  readonly cliMs: number;
  readonly code: number;
  readonly maxRssKiB: number;
}

export interface CliExportResult {
  readonly small: CliExportRun;
  readonly large: CliExportRun | undefined;
  /** Wall time of the same child running `--version`, each run. */
  readonly startupMs: readonly number[];
}

/** Runs this file as the command's child; resolves with its wall time and its last stdout line. */
async function child(args: readonly string[]): Promise<{ ms: number; code: number; maxRssKiB: number }> {
  const started = performance.now();
  const proc = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), import.meta.filename, RSS_CHILD, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  proc.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  await new Promise((r) => proc.on('close', r));
  const ms = performance.now() - started;
  const last = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { code?: number; maxRssKiB?: number };
  return { ms, code: last.code ?? -1, maxRssKiB: last.maxRssKiB ?? 0 };
}

async function measure(eobs: number, latencyMs: number): Promise<CliExportRun> {
  const dir = await mkdtemp(join(tmpdir(), 'bb-cli-bench-'));
  const sandbox = await startSandbox({ port: 0, beneficiaries: 1, eobsPerBeneficiary: eobs, latencyMs });
  try {
    const bb = new BlueButton(sandbox.config());
    const authData = bb.generateAuthData();
    const token = await bb.handleCallback(
      authData,
      await sandbox.authorize(bb.generateAuthorizeUrl(authData)),
    );
    const config = join(dir, 'app.json');
    await writeFile(config, JSON.stringify(sandbox.config()));
    const tokenFile = join(dir, 'token.json');
    await saveToken(tokenFile, token);

    const started = performance.now();
    let n = 0;
    for await (const _ of bb.client(token).v2.ExplanationOfBenefit.all({ _count: 50 }, { concurrency: 4 }))
      n++;
    const sdkMs = performance.now() - started;
    const cli = await child([
      'export',
      '--config',
      config,
      '--token-file',
      tokenFile,
      '--out',
      join(dir, 'out'),
      '--resources',
      'eob',
      '--concurrency',
      '4',
    ]);
    return { eobs: n, latencyMs, sdkMs, cliMs: cli.ms, code: cli.code, maxRssKiB: cli.maxRssKiB };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function measureCliExport(
  log: (line: string) => void,
  quick: boolean,
): Promise<CliExportResult> {
  const startupMs: number[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) startupMs.push((await child(['--version'])).ms);
  log(`  cli export: start-up ${startupMs.map((ms) => fmtMs(ms)).join(', ')}`);
  const small = await measure(10_000, 50);
  log(`  cli export 10k: SDK ${fmtMs(small.sdkMs)}, command ${fmtMs(small.cliMs)} (exit ${small.code})`);
  const large = quick ? undefined : await measure(100_000, 0);
  if (large) log(`  cli export 100k: command ${fmtMs(large.cliMs)}, peak RSS ${mib(large.maxRssKiB)}`);
  return { small, large, startupMs };
}

const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

export function cliExportSection(r: CliExportResult): string {
  const startup = median(r.startupMs);
  const ratio = r.small.cliMs / r.small.sdkMs;
  const net = (r.small.cliMs - startup) / r.small.sdkMs;
  const verdict = (x: number) => (x <= 1.1 ? 'met' : '**missed**');
  return [
    '## Command line: `bluebutton export` (bench/cli-export.ts)',
    '',
    `The real command as a child process (tsx on src/cli/main.ts, \`--resources eob --concurrency 4\`, NDJSON) against an in-process sandbox, and the SDK's \`all({ _count: 50 }, { concurrency: 4 })\` over the same sandbox just before it. Start-up is the same child running \`--version\` (n=${r.startupMs.length}, median); one export per size.`,
    '',
    '| measure | figure |',
    '|---|---|',
    `| SDK \`all()\`, ${r.small.eobs.toLocaleString('en-US')} EOBs, ${r.small.latencyMs} ms latency | ${fmtMs(r.small.sdkMs)} |`,
    `| \`bluebutton export\`, same search | ${fmtMs(r.small.cliMs)} (exit ${r.small.code}) |`,
    `| command start-up (\`--version\`) | ${fmtMs(startup)} (runs: ${r.startupMs.map((ms) => fmtMs(ms)).join(', ')}) |`,
    `| export / \`all()\` | **${ratio.toFixed(2)}x**; aim ≤ 1.10x: ${verdict(ratio)} |`,
    `| (export − start-up) / \`all()\` | **${net.toFixed(2)}x**; aim ≤ 1.10x: ${verdict(net)} |`,
    `| peak RSS, 10k EOBs | ${mib(r.small.maxRssKiB)} |`,
    r.large
      ? `| peak RSS, ${r.large.eobs.toLocaleString('en-US')} EOBs (0 ms latency) | ${mib(r.large.maxRssKiB)} (${(r.large.maxRssKiB / r.small.maxRssKiB).toFixed(2)}x the 10k run; exit ${r.large.code}) |`
      : '| peak RSS, 100k EOBs | not run (--quick) |',
    '',
  ].join('\n');
}

if (process.argv.includes(RSS_CHILD)) {
  // The child: run the command in-process, then report its peak RSS (KiB) on the last line.
  const { main } = await import('../src/cli/main.js');
  const args = process.argv.slice(process.argv.indexOf(RSS_CHILD) + 1);
  const code = await main(args, { stdout: () => {}, stderr: () => {} });
  process.stdout.write(`${JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
  process.exit(code);
} else if (process.argv[1] === import.meta.filename) {
  const quick = process.argv.includes('--quick');
  console.log(cliExportSection(await measureCliExport((line) => console.log(line), quick)));
}
