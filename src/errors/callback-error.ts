import { BlueButtonError } from './blue-button-error.js';

export type CallbackErrorCode =
  | 'CALLBACK_ACCESS_DENIED'
  | 'CALLBACK_CODE_MISSING'
  | 'CALLBACK_STATE_MISSING'
  | 'CALLBACK_STATE_MISMATCH';

const MESSAGES: Record<CallbackErrorCode, string> = {
  CALLBACK_ACCESS_DENIED: 'The beneficiary denied access to their data',
  CALLBACK_CODE_MISSING: 'The callback has no authorization code',
  CALLBACK_STATE_MISSING: 'The callback has no state parameter',
  CALLBACK_STATE_MISMATCH: 'The callback state does not match the one this authorization started with',
};

/** A problem with the OAuth callback (the redirect back from BB2), found before any token request. */
export class CallbackError extends BlueButtonError {
  override name = 'CallbackError';
  /** The callback's `error` parameter, when BB2 sent one (e.g. `access_denied`). */
  readonly oauthError: string | undefined;

  constructor(code: CallbackErrorCode, oauthError?: string) {
    super(
      code,
      oauthError && code !== 'CALLBACK_ACCESS_DENIED' ? `${MESSAGES[code]} (${oauthError})` : MESSAGES[code],
    );
    this.oauthError = oauthError;
  }
}
