/**
 * Client identification and authentication on the OAuth endpoints. BB2 first finds the application
 * (`get_application_from_request`: Basic header, then body `client_id`, then the refresh token) and only
 * later lets django-oauth-toolkit check the secret, so the order of the errors below is BB2's.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { basicCredentials, lastValue } from './request-io.js';
import { bb2OAuthError, type SandboxResponse } from './responses.js';
import { findApp, type RegisteredApp, type SandboxSettings } from './settings.js';
import type { TokenRegistry } from './token-registry.js';

export interface ClientRequest {
  readonly headers: IncomingHttpHeaders;
  readonly query: URLSearchParams;
  readonly form: URLSearchParams;
}

/** The application the request names, or BB2's error response. */
export function identifyApplication(
  req: ClientRequest,
  settings: SandboxSettings,
  registry: TokenRegistry | undefined,
): RegisteredApp | SandboxResponse {
  const basic = basicCredentials(req.headers);
  const bodyClientId = lastValue(req.query, 'client_id') || lastValue(req.form, 'client_id') || undefined;
  if (basic && bodyClientId !== undefined && basic.clientId !== bodyClientId) {
    return bb2OAuthError(400, 'invalid_request', 'different app in headers than in request data');
  }
  const basicApp = basic ? findApp(settings, basic.clientId) : undefined;
  if (basic === null || (basic !== undefined && basicApp === undefined)) {
    return bb2OAuthError(401, 'invalid_client', 'Application does not exist');
  }
  if (bodyClientId !== undefined) {
    return (
      findApp(settings, bodyClientId) ??
      bb2OAuthError(400, 'invalid_client', 'Application does not exist (client_id)')
    );
  }
  // Without a body client_id BB2 also looks the refresh token up, even when a Basic header names the app.
  const refresh = lastValue(req.form, 'refresh_token');
  if (registry !== undefined && refresh) {
    const owner = registry.refresh(refresh)?.clientId;
    const app = basicApp ?? (owner === undefined ? undefined : findApp(settings, owner));
    if (owner === undefined || app === undefined) {
      return bb2OAuthError(400, 'invalid_request', 'Refresh token not found.');
    }
    if (owner !== app.clientId) {
      return bb2OAuthError(400, 'invalid_request', 'different app in headers than in request data');
    }
    return app;
  }
  if (basicApp !== undefined) return basicApp;
  return bb2OAuthError(401, 'invalid_client', 'App id failed');
}

export function isApp(value: RegisteredApp | SandboxResponse): value is RegisteredApp {
  return !('status' in value);
}

/** django-oauth-toolkit's check: a matching Basic header, or else a matching body `client_id` + secret. */
export function authenticateClient(req: ClientRequest, app: RegisteredApp): boolean {
  const basic = basicCredentials(req.headers);
  if (basic && basic.clientId === app.clientId && basic.clientSecret === app.clientSecret) return true;
  return (
    lastValue(req.form, 'client_id') === app.clientId &&
    lastValue(req.form, 'client_secret') === app.clientSecret
  );
}

/** The app whose credentials the request carries (Basic, or body id + secret), if any. */
export function authenticatedApp(req: ClientRequest, settings: SandboxSettings): RegisteredApp | undefined {
  const basic = basicCredentials(req.headers);
  const clientId = basic ? basic.clientId : lastValue(req.form, 'client_id');
  const app = clientId === undefined ? undefined : findApp(settings, clientId);
  return app !== undefined && authenticateClient(req, app) ? app : undefined;
}
