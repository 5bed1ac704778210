/**
 * `--open`: hands the URL to `$BROWSER` (the first of its `:`-separated commands, `%s` standing for the
 * URL, else the URL appended, as Python's webbrowser and git do) or to the desktop's opener. The URL is
 * printed anyway, so an opener that cannot start or exits non-zero is only a note. No shell is involved:
 * the URL is one argument, never interpreted.
 */
import { spawn } from 'node:child_process';

export function openerFor(url: string, env: NodeJS.ProcessEnv): readonly string[] {
  const browser = env.BROWSER?.split(':').find((entry) => entry.trim() !== '');
  if (browser !== undefined) {
    const words = browser.trim().split(/\s+/);
    return words.includes('%s') ? words.map((w) => (w === '%s' ? url : w)) : [...words, url];
  }
  if (process.platform === 'darwin') return ['open', url];
  if (process.platform === 'win32') return ['cmd', '/c', 'start', '""', url];
  return ['xdg-open', url];
}

/** Starts the opener; `note` gets a one-line reason if it cannot run or exits non-zero. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv, note: (why: string) => void): void {
  const [command = 'xdg-open', ...args] = openerFor(url, env);
  const child = spawn(command, args, { stdio: 'ignore', detached: true, env });
  child.once('error', (error: NodeJS.ErrnoException) =>
    note(`could not run ${command} (${error.code ?? 'error'})`),
  );
  child.once('spawn', () => child.unref());
  child.once('exit', (code, signal) => {
    if (code !== 0) note(`${command} exited with ${code ?? signal}`);
  });
}
