/**
 * Checks the OAuth callback before any token request: an `error` (the beneficiary said no), a missing
 * code or state, or a state that is not ours (CSRF) all stop here with a typed error.
 */
import { CallbackError } from '../errors/callback-error.js';
import { constantTimeEqual as sameState } from './constant-time-equal.js';
import type { AuthData } from './pkce.js';

export interface CallbackParams {
  readonly code: string | null | undefined;
  readonly state: string | null | undefined;
  readonly error: string | null | undefined;
}

/** Reads `code`, `state` and `error` from a callback URL, absolute or path-only (`req.url` in Express). */
export function parseCallbackUrl(url: string | URL): CallbackParams {
  const u = new URL(String(url), 'http://callback.invalid');
  return {
    code: u.searchParams.get('code'),
    state: u.searchParams.get('state'),
    error: u.searchParams.get('error'),
  };
}

/**
 * @returns the authorization code.
 * @throws {CallbackError} CALLBACK_ACCESS_DENIED, CALLBACK_CODE_MISSING, CALLBACK_STATE_MISSING, CALLBACK_STATE_MISMATCH
 */
export function checkCallback(authData: AuthData, params: CallbackParams): string {
  if (params.error === 'access_denied') throw new CallbackError('CALLBACK_ACCESS_DENIED', params.error);
  if (!params.state) throw new CallbackError('CALLBACK_STATE_MISSING', params.error ?? undefined);
  if (!sameState(authData.state, params.state)) throw new CallbackError('CALLBACK_STATE_MISMATCH');
  if (params.error) throw new CallbackError('CALLBACK_CODE_MISSING', params.error);
  if (!params.code) throw new CallbackError('CALLBACK_CODE_MISSING');
  return params.code;
}
