/**
 * The `bluebutton` command. `bin/bluebutton.js` calls {@link main}; `npx tsx src/cli/main.ts ...` runs it
 * directly (it only runs itself when it is the entry point, so tests can import it). Node-only, as the sandbox is.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '../sandbox/index.js';
import { HELP, parseCommand, type SandboxCommand } from './parse-args.js';
import { sandboxSummary } from './print-summary.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves when the sandbox should stop. Default: the first SIGINT or SIGTERM. */
  readonly untilShutdown?: (sandbox: Sandbox) => Promise<void>;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the command line `argv` (without node and script) and resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const command = parseCommand(argv);
  if (command.command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (command.command === 'error') {
    io.stderr(`bluebutton: ${command.message}\n\n${HELP}`);
    return 2;
  }
  return runSandbox(command, io);
}

async function runSandbox(command: SandboxCommand, io: CliIo): Promise<number> {
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      port: command.port,
      seed: command.seed,
      beneficiaries: command.beneficiaries,
      eobsPerBeneficiary: command.eobs,
      latencyMs: command.latency,
    });
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    const hint = inUse ? ` (port ${command.port} is in use; try --port 0)` : '';
    io.stderr(
      `bluebutton: cannot start the sandbox${hint}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  io.stdout(sandboxSummary(sandbox));
  await (io.untilShutdown ?? untilSignal)(sandbox);
  await sandbox.close();
  io.stdout('Sandbox stopped.\n');
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function isEntryPoint(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
