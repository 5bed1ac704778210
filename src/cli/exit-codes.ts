/** The `bluebutton` command's exit codes (documented in `bluebutton --help`). */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  /** The beneficiary must consent again: run `bluebutton login`. */
  reauthorize: 3,
  /** Interrupted (Ctrl-C), as shells report a SIGINT: the same command again resumes. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
