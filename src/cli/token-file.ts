/**
 * The token file: the JSON of `AuthorizationToken.toJSON()`, created with mode 0600 in a 0700 directory
 * and replaced atomically on every refresh, so a crash never loses the grant. A file that group or
 * others can read is refused, as ssh refuses such a private key: its tokens may already have leaked.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuthorizationToken } from '../index.js';
import { writeFileAtomic } from './atomic-write.js';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

export async function saveToken(path: string, token: AuthorizationToken): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, `${JSON.stringify(token.toJSON(), null, 2)}\n`, 0o600);
}

/** @param loginHint the `bluebutton login ...` command that makes a new token file. */
export async function loadToken(path: string, loginHint: string): Promise<AuthorizationToken> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if (isErrno(error, 'ENOENT')) {
      throw new CliError(`no token file at ${path}; run: ${loginHint}`, EXIT.reauthorize);
    }
    throw new CliError(`cannot read the token file ${path}: ${errnoText(error)}`);
  }
  if ((mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    throw new CliError(
      `the token file ${path} is accessible by group or others (mode ${octal}); its tokens may have leaked: ` +
        `run \`chmod 600 ${path}\` if only you could read it, else revoke the app's access and log in again`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the token file ${path}: ${errnoText(error)}`);
  }
  try {
    return AuthorizationToken.fromJSON(text);
  } catch {
    // fromJSON's message names what is missing, never the content; ours names the fix.
    throw new CliError(
      `${path} is not a token saved by bluebutton login; run: ${loginHint}`,
      EXIT.reauthorize,
    );
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** `ENOSPC: no space left on device` without the path and syscall Node appends (we name the file ourselves). */
export function errnoText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const text = error.message.replace(/,.*$/, '');
  return code !== undefined && !text.startsWith(code) ? `${code}: ${text}` : text;
}
