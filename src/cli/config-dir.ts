/** Where the command keeps its files: `$XDG_CONFIG_HOME/bluebutton/`, else `~/.config/bluebutton/`. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = xdg?.startsWith('/') ? xdg : join(homedir(), '.config');
  return join(base, 'bluebutton');
}

export function defaultTokenFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'token.json');
}
