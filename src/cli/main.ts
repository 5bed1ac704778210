/**
 * The `bluebutton` command: `login`, `whoami`, `export`, `sandbox`. Node only (it uses node:fs, node:http,
 * node:util); each verb is a few calls of the public API (`BlueButton`, `handleCallback`, `client()`,
 * `AuthorizationToken.toJSON/fromJSON`) that a user's script could make.
 *
 * `bin/bluebutton.js` calls {@link main}; `npx tsx src/cli/main.ts ...` runs it directly (it only runs
 * itself when it is the entry point, so tests can import it). Errors print as one line (`--debug`: the
 * stack); exit codes are in ./exit-codes.ts and `bluebutton --help`.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isBlueButtonError, SDK_VERSION } from '../index.js';
import { CliError, UsageError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { runExport } from './export/run-export.js';
import { HELP } from './help.js';
import { loginHint } from './load-app.js';
import { login } from './login.js';
import { type CliCommand, parseCommand } from './parse-args.js';
import { runSandbox } from './sandbox.js';
import { whoami } from './whoami.js';

export type { CliIo } from './cli-io.js';

/** Runs the command line `argv` (without node and script) and resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const more = error.verb === undefined ? 'bluebutton --help' : `bluebutton ${error.verb} --help`;
    io.stderr(`bluebutton: ${error.message}\nSee \`${more}\`.\n`);
    return EXIT.usage;
  }
  if (command.command === 'help') {
    io.stdout(HELP[command.verb ?? 'main']);
    return EXIT.ok;
  }
  if (command.command === 'version') {
    io.stdout(`bluebutton ${SDK_VERSION}\n`);
    return EXIT.ok;
  }
  try {
    switch (command.command) {
      case 'login':
        return await login(command, io);
      case 'whoami':
        return await whoami(command, io);
      case 'export':
        return await runExport(command, io);
      case 'sandbox':
        return await runSandbox(command, io);
    }
  } catch (error) {
    return report(error, command, io);
  }
}

function report(
  error: unknown,
  command: Exclude<CliCommand, { command: 'help' | 'version' }>,
  io: CliIo,
): number {
  const debug = command.debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  if (error instanceof CliError) {
    io.stderr(`bluebutton: ${error.message}${debug}\n`);
    return error.exitCode;
  }
  if (isBlueButtonError(error)) {
    // SDK errors hold no token, code, verifier or secret (api.md section 5).
    if (error.code === 'REAUTHORIZATION_REQUIRED' && command.command !== 'sandbox') {
      io.stderr(`bluebutton: ${error.message}; run: ${loginHint(command)}${debug}\n`);
      return EXIT.reauthorize;
    }
    io.stderr(`bluebutton: ${error.message} (${error.code})${debug}\n`);
    return EXIT.error;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr(
    `bluebutton: unexpected error: ${message}${debug || (command.debug ? '' : ' (--debug shows the stack)')}\n`,
  );
  return EXIT.error;
}

function processIo(): CliIo {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: NodeJS.Signals) => {
    signals++;
    // A second Ctrl+C does not wait: what is on disk is consistent after every page anyway.
    if (signals > 1) process.exit(EXIT.interrupted);
    controller.abort(new CliError(`interrupted by ${name}`, EXIT.interrupted));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    interactive: process.stderr.isTTY === true && !process.env.CI,
    signal: controller.signal,
  };
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
