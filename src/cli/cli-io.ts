/** What a verb writes to and waits on: the process's streams and signals, or a test's capture. */
import type { Sandbox } from '../sandbox/index.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr shows live progress (a terminal, and CI unset). Default false. */
  readonly interactive?: boolean;
  /** Aborted on Ctrl+C / SIGTERM: a running verb stops cleanly. Default: never. */
  readonly signal?: AbortSignal;
  /** Resolves when the sandbox should stop. Default: `signal` aborts. */
  readonly untilShutdown?: (sandbox: Sandbox) => Promise<void>;
}
