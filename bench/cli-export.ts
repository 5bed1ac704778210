/**
 * `tsx bench/cli-export.ts [--quick]`: `bluebutton export` (the real command, a child process) of 10,000
 * EOBs at 50 ms latency with concurrency 4, as a ratio to the SDK's own `all()` walk over the same
 * sandbox in the same run; and the command's peak RSS (from `process.resourceUsage()` of a child that
 * runs `main()`) for 10k vs 100k EOBs, which should be flat. Not part of `npm test`; not yet wired into
 * bench/run.ts (the ratio includes the child's start-up, about one second under tsx).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { saveToken } from '../src/cli/token-file.js';
import { BlueButton } from '../src/index.js';
import { startSandbox } from '../src/sandbox/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const RSS_CHILD = '--bench-cli-rss-child';

if (process.argv.includes(RSS_CHILD)) {
  // The child: run the command in-process, then report its peak RSS (KiB) on the last line.
  const { main } = await import('../src/cli/main.js');
  const args = process.argv.slice(process.argv.indexOf(RSS_CHILD) + 1);
  const code = await main(args, { stdout: () => {}, stderr: () => {} });
  process.stdout.write(`${JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
  process.exit(code);
}

async function measure(eobs: number, latencyMs: number) {
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

    let started = performance.now();
    let n = 0;
    for await (const _ of bb.client(token).v2.ExplanationOfBenefit.all({ _count: 50 }, { concurrency: 4 }))
      n++;
    const sdkMs = performance.now() - started;

    started = performance.now();
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        import.meta.filename,
        RSS_CHILD,
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
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    await new Promise((r) => child.on('close', r));
    const cliMs = performance.now() - started;
    const last = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { code: number; maxRssKiB: number };
    return { eobs: n, sdkMs, cliMs, ...last };
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const small = await measure(10_000, 50);
console.log(
  `export 10k EOBs, 50 ms latency, concurrency 4: SDK all() ${small.sdkMs.toFixed(0)} ms, bluebutton export ${small.cliMs.toFixed(0)} ms (ratio ${(small.cliMs / small.sdkMs).toFixed(2)}x, exit ${small.code}), peak RSS ${(small.maxRssKiB / 1024).toFixed(0)} MiB`,
);
if (!quick) {
  const large = await measure(100_000, 0);
  console.log(
    `export 100k EOBs, no latency: peak RSS ${(large.maxRssKiB / 1024).toFixed(0)} MiB vs 10k ${(small.maxRssKiB / 1024).toFixed(0)} MiB (ratio ${(large.maxRssKiB / small.maxRssKiB).toFixed(2)}x, exit ${large.code})`,
  );
}
