/**
 * A failure the command reports in one line and exits with. Messages name the problem and the fix and
 * never hold a token, code, verifier, client secret or patient id.
 */
import { EXIT, type ExitCode } from './exit-codes.js';

export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = EXIT.error, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** Bad command-line input: exit 2 with the verb's usage. */
export class UsageError extends CliError {
  override name = 'UsageError';
  readonly verb: string | undefined;

  constructor(message: string, verb?: string) {
    super(message, EXIT.usage);
    this.verb = verb;
  }
}
