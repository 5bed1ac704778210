/**
 * `bluebutton login`: what an app's callback route does, on a loopback server. The calls are the SDK's:
 * `generateAuthData`, `generateAuthorizeUrl`, `handleCallback` (checks state, exchanges the code once),
 * then the token is saved with mode 0600.
 */

import { startCallbackServer } from './callback-server.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { loadApp, tokenFileOf, withCallbackUrl } from './load-app.js';
import { openBrowser } from './open-browser.js';
import type { LoginCommand } from './parse-args.js';
import { saveToken } from './token-file.js';

export async function login(command: LoginCommand, io: CliIo): Promise<number> {
  const configured = loadApp(command);
  const tokenFile = tokenFileOf(command);
  const version = command.apiVersion ?? configured.version;
  const server = await startCallbackServer(configured.config.callbackUrl);
  try {
    const bb = withCallbackUrl(configured, server.url.href);
    const authData = bb.generateAuthData();
    const url = bb.generateAuthorizeUrl(authData, {
      version,
      ...(command.scope === undefined ? {} : { scope: command.scope }),
      ...(command.lang === undefined ? {} : { lang: command.lang }),
    });
    io.stdout(`Open this URL in a browser and sign in as the beneficiary:\n\n  ${url}\n\n`);
    if (command.open)
      openBrowser(url, process.env, (why) =>
        io.stderr(`bluebutton: could not open a browser: ${why}; open the URL above\n`),
      );
    io.stdout(
      `Waiting for the callback on ${server.url.origin}${server.url.pathname} (up to ${command.timeoutSeconds} s)...\n`,
    );
    const callback = await server.wait(command.timeoutSeconds * 1000, io.signal);
    const token = await bb.handleCallback(authData, callback, { version });
    await saveToken(tokenFile, token);
    const grant = token.accessGrantExpiration
      ? `; access until ${token.accessGrantExpiration.toISOString()}`
      : '';
    io.stdout(`Logged in to API v${token.version}${grant}. Token saved to ${tokenFile} (mode 0600).\n`);
    io.stdout('Next: bluebutton whoami, or bluebutton export --out <dir>\n');
    return EXIT.ok;
  } finally {
    await server.close();
  }
}
