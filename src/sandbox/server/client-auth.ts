/**
 * Client identification and authentication on the OAuth endpoints. BB2 first finds the application
 * (`get_application_from_request`: Basic header, then body `client_id`, then the refresh token) and only
 * later lets django-oauth-toolkit check the secret, so the order of the errors below is BB2's.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { basicCredentials, lastValue } from './request-io.js';
import { bb2OAuthError, type SandboxResponse } from './responses.js';
import type { SandboxSettings } from './settings.js';
import type { TokenRegistry } from './token-registry.js';

export interface ClientRequest {
  readonly headers: IncomingHttpHeaders;
  readonly query: URLSearchParams;
  readonly form: URLSearchParams;
}

/** Undefined when the application is identified; otherwise BB2's error response. */
export function identifyApplication(
  req: ClientRequest,
  settings: SandboxSettings,
  registry: TokenRegistry | undefined,
): SandboxResponse | undefined {
  const basic = basicCredentials(req.headers);
  const bodyClientId = lastValue(req.query, 'client_id') || lastValue(req.form, 'client_id') || undefined;
  if (basic && bodyClientId !== undefined && basic.clientId !== bodyClientId) {
    return bb2OAuthError(400, 'invalid_request', 'different app in headers than in request data');
  }
  if (basic === null || (basic !== undefined && basic.clientId !== settings.clientId)) {
    return bb2OAuthError(401, 'invalid_client', 'Application does not exist');
  }
  if (bodyClientId !== undefined && bodyClientId !== settings.clientId) {
    return bb2OAuthError(400, 'invalid_client', 'Application does not exist (client_id)');
  }
  const refresh = bodyClientId === undefined ? lastValue(req.form, 'refresh_token') : undefined;
  if (registry !== undefined && refresh && registry.refresh(refresh) === undefined) {
    return bb2OAuthError(400, 'invalid_request', 'Refresh token not found.');
  }
  if (basic !== undefined || bodyClientId !== undefined || (registry !== undefined && refresh))
    return undefined;
  return bb2OAuthError(401, 'invalid_client', 'App id failed');
}

/** django-oauth-toolkit's check: a matching Basic header, or else a matching body `client_id` + secret. */
export function authenticateClient(req: ClientRequest, settings: SandboxSettings): boolean {
  const basic = basicCredentials(req.headers);
  if (basic && basic.clientId === settings.clientId && basic.clientSecret === settings.clientSecret)
    return true;
  return (
    lastValue(req.form, 'client_id') === settings.clientId &&
    lastValue(req.form, 'client_secret') === settings.clientSecret
  );
}
