/** `bluebutton sandbox`: `startSandbox(...)` until Ctrl+C, printing what a developer needs to log in. */
import { readFile } from 'node:fs/promises';
import { type Sandbox, type SandboxApp, type SandboxOptions, startSandbox } from '../sandbox/index.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import type { SandboxCommand } from './parse-args.js';
import { sandboxSummary } from './print-summary.js';
import { errnoText } from './token-file.js';

export async function runSandbox(command: SandboxCommand, io: CliIo): Promise<number> {
  const options: SandboxOptions = {
    port: command.port,
    seed: command.seed,
    beneficiaries: command.beneficiaries,
    eobsPerBeneficiary: command.eobs,
    latencyMs: command.latency,
    ...(await appOptions(command)),
  };
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    const hint = code === 'EADDRINUSE' ? ` (port ${command.port} is in use; try --port 0)` : '';
    const message = error instanceof Error ? error.message : String(error);
    // SandboxOptionsError: an app the sandbox cannot register is bad input.
    const exit = typeof code === 'string' && code.startsWith('INVALID_SANDBOX') ? EXIT.usage : EXIT.error;
    throw new CliError(`cannot start the sandbox${hint}: ${message}`, exit);
  }
  io.stdout(sandboxSummary(sandbox));
  await (io.untilShutdown ?? ((s) => untilAborted(s, io.signal)))(sandbox);
  await sandbox.close();
  io.stdout('Sandbox stopped.\n');
  return EXIT.ok;
}

async function appOptions(command: SandboxCommand): Promise<Partial<SandboxOptions>> {
  if (command.appsFile !== undefined) return { apps: await readApps(command.appsFile) };
  const redirectUris = command.redirectUris.length > 0 ? command.redirectUris : ['http://127.0.0.1/callback'];
  if (command.clientId !== undefined && command.clientSecret !== undefined) {
    return { apps: [{ clientId: command.clientId, clientSecret: command.clientSecret, redirectUris }] };
  }
  // BB2 stores an app's redirect URIs space-separated; the default app takes them the same way.
  return command.redirectUris.length === 0 ? {} : { redirectUri: command.redirectUris.join(' ') };
}

/** The shape is checked by startSandbox (SandboxOptionsError names the bad field); here only JSON and array. */
async function readApps(file: string): Promise<SandboxApp[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read --apps ${file}: ${errnoText(error)}`);
  }
  let apps: unknown;
  try {
    apps = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `--apps ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.usage,
    );
  }
  const list = Array.isArray(apps) ? apps : (apps as { apps?: unknown } | null)?.apps;
  if (!Array.isArray(list) || list.length === 0) {
    throw new CliError(
      `--apps ${file} must hold a non-empty JSON array of apps (or { "apps": [...] })`,
      EXIT.usage,
    );
  }
  return list as SandboxApp[];
}

function untilAborted(_sandbox: Sandbox, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
