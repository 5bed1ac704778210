/** `bluebutton sandbox`: `startSandbox(...)` until Ctrl+C, printing what a developer needs to log in. */
import { type Sandbox, startSandbox } from '../sandbox/index.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import type { SandboxCommand } from './parse-args.js';
import { sandboxSummary } from './print-summary.js';

export async function runSandbox(command: SandboxCommand, io: CliIo): Promise<number> {
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      port: command.port,
      seed: command.seed,
      beneficiaries: command.beneficiaries,
      eobsPerBeneficiary: command.eobs,
      latencyMs: command.latency,
      ...(command.clientId === undefined ? {} : { clientId: command.clientId }),
      ...(command.clientSecret === undefined ? {} : { clientSecret: command.clientSecret }),
      // BB2 stores an app's redirect URIs space-separated; the sandbox takes them the same way.
      ...(command.redirectUris.length === 0 ? {} : { redirectUri: command.redirectUris.join(' ') }),
    });
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    const hint = inUse ? ` (port ${command.port} is in use; try --port 0)` : '';
    throw new CliError(
      `cannot start the sandbox${hint}: ${error instanceof Error ? error.message : String(error)}`,
      EXIT.error,
    );
  }
  io.stdout(sandboxSummary(sandbox));
  await (io.untilShutdown ?? ((s) => untilAborted(s, io.signal)))(sandbox);
  await sandbox.close();
  io.stdout('Sandbox stopped.\n');
  return EXIT.ok;
}

function untilAborted(_sandbox: Sandbox, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
