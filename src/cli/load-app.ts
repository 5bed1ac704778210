/**
 * The app and the token a verb works with: `new BlueButton(--config)` and the token file, the same two
 * calls a user's script makes.
 */
import { BlueButton } from '../index.js';
import { defaultTokenFile } from './config-dir.js';
import type { AppFiles } from './parse-args.js';

export function loadApp(files: AppFiles): BlueButton {
  return new BlueButton(files.config);
}

export function tokenFileOf(files: AppFiles): string {
  return files.tokenFile ?? defaultTokenFile();
}

/** The `bluebutton login` command that writes this token file with this config. */
export function loginHint(files: AppFiles): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
  const parts = ['bluebutton login'];
  if (files.config !== undefined) parts.push('--config', quote(files.config));
  if (files.tokenFile !== undefined) parts.push('--token-file', quote(files.tokenFile));
  return parts.join(' ');
}
