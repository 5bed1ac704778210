/**
 * `bluebutton whoami`: what the token file holds, read with `AuthorizationToken.fromJSON`. The patient
 * id is shown because the user asked for it on their own terminal; tokens never are.
 */
import type { AuthorizationToken } from '../index.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { loginHint, tokenFileOf } from './load-app.js';
import type { WhoamiCommand } from './parse-args.js';
import { loadToken } from './token-file.js';

export async function whoami(command: WhoamiCommand, io: CliIo, now = Date.now()): Promise<number> {
  const file = tokenFileOf(command);
  const token = await loadToken(file, loginHint(command));
  const info = describeToken(token, now);
  if (command.json) {
    io.stdout(`${JSON.stringify({ tokenFile: file, ...info }, null, 2)}\n`);
  } else {
    const grant = info.grantExpiresAt ?? 'never (research app)';
    io.stdout(
      [
        `patient        ${info.patient}`,
        `API version    v${info.version}`,
        `scopes         ${info.scopes.join(' ') || '(none)'}`,
        `token expires  ${info.tokenExpiresAt}${info.tokenExpired ? ` (expired; ${info.refreshable ? 'refreshed on next use' : 'no refresh token'})` : ''}`,
        `grant expires  ${grant}${info.grantExpired ? ' (expired)' : ''}`,
        `token file     ${file}`,
        '',
      ].join('\n'),
    );
  }
  if (info.grantExpired || (info.tokenExpired && !info.refreshable)) {
    throw new CliError(`the beneficiary must authorize again; run: ${loginHint(command)}`, EXIT.reauthorize);
  }
  return EXIT.ok;
}

export function describeToken(token: AuthorizationToken, now: number) {
  const grant = token.accessGrantExpiration;
  return {
    patient: token.patient,
    version: token.version,
    scopes: [...token.scope],
    tokenExpiresAt: new Date(token.expiresAt).toISOString(),
    tokenExpired: token.isExpired(0, now),
    refreshable: token.refreshToken !== undefined,
    grantExpiresAt: grant?.toISOString(),
    grantExpired: grant !== undefined && grant.getTime() <= now,
  };
}
