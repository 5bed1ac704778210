/**
 * Checks the OAuth callback before any token request: an `error` (the beneficiary said no), a missing
 * code or state, or a state that is not ours (CSRF) all stop here with a typed error.
 */
import { timingSafeEqual } from 'node:crypto';
import { CallbackError } from '../errors/callback-error.js';
import type { AuthData } from './pkce.js';

export interface CallbackParams {
  readonly code: string | null | undefined;
  readonly state: string | null | undefined;
  readonly error: string | null | undefined;
  readonly errorDescription?: string | null | undefined;
}

/** The parameters a callback may carry once only (RFC 6749 3.1: "request and response parameters MUST NOT be included more than once"). */
const SINGLE = ['code', 'state', 'error', 'error_description'] as const;

/**
 * Reads `code`, `state`, `error` and `error_description` from a callback URL, absolute or path-only
 * (`req.url` in Express).
 * @throws {CallbackError} CALLBACK_PARAM_REPEATED when one of them appears twice: a first-wins or last-wins
 *   reading would let an attacker who can append to the URL choose the code or the state.
 */
export function parseCallbackUrl(url: string | URL): CallbackParams {
  const u = new URL(String(url), 'http://callback.invalid');
  for (const name of SINGLE) {
    if (u.searchParams.getAll(name).length > 1)
      throw new CallbackError('CALLBACK_PARAM_REPEATED', { parameter: name });
  }
  return {
    code: u.searchParams.get('code'),
    state: u.searchParams.get('state'),
    error: u.searchParams.get('error'),
    errorDescription: u.searchParams.get('error_description'),
  };
}

function sameState(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of `actual`.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(a, a);
}

/**
 * @returns the authorization code.
 * @throws {CallbackError} CALLBACK_ACCESS_DENIED (the beneficiary said no), CALLBACK_ERROR (any other
 *   `error`, carried as `oauthError`), CALLBACK_STATE_MISSING, CALLBACK_STATE_MISMATCH, CALLBACK_CODE_MISSING
 */
export function checkCallback(authData: AuthData, params: CallbackParams): string {
  const details = {
    oauthError: params.error ?? undefined,
    errorDescription: params.errorDescription ?? undefined,
  };
  if (params.error === 'access_denied') throw new CallbackError('CALLBACK_ACCESS_DENIED', details);
  if (!params.state) throw new CallbackError('CALLBACK_STATE_MISSING', details);
  if (!sameState(authData.state, params.state)) throw new CallbackError('CALLBACK_STATE_MISMATCH');
  // An error wins over a code sent beside it: BB2 did not finish the authorization.
  if (params.error) throw new CallbackError('CALLBACK_ERROR', details);
  if (!params.code) throw new CallbackError('CALLBACK_CODE_MISSING');
  return params.code;
}
