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

/**
 * The same app with the callback URL the login server actually bound (a free port on 127.0.0.1), so the
 * authorize URL and the code exchange send that `redirect_uri`; file-only settings are carried over.
 */
export function withCallbackUrl(bb: BlueButton, callbackUrl: string): BlueButton {
  const c = bb.config;
  if (new URL(c.callbackUrl).href === callbackUrl) return bb;
  return new BlueButton({
    clientId: c.clientId,
    clientSecret: c.clientSecret.reveal(),
    callbackUrl,
    environment: c.environment,
    baseUrl: c.baseUrl,
    version: c.version,
    retrySettings: c.retry,
    tokenRefreshOnExpire: c.tokenRefreshOnExpire,
    refreshSkewMs: c.refreshSkewMs,
    timeoutMs: c.timeoutMs,
    ...(c.deadlineMs === undefined ? {} : { deadlineMs: c.deadlineMs }),
    circuitBreaker: c.circuitBreaker,
  });
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
