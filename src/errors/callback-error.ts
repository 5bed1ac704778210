import { BlueButtonError } from './blue-button-error.js';
import { redactText } from './redact.js';

export type CallbackErrorCode =
  | 'CALLBACK_ACCESS_DENIED'
  | 'CALLBACK_ERROR'
  | 'CALLBACK_CODE_MISSING'
  | 'CALLBACK_STATE_MISSING'
  | 'CALLBACK_STATE_MISMATCH'
  | 'CALLBACK_PARAM_REPEATED';

const MESSAGES: Record<CallbackErrorCode, string> = {
  CALLBACK_ACCESS_DENIED: 'The beneficiary denied access to their data',
  CALLBACK_ERROR: 'BB2 ended the authorization with an error instead of a code',
  CALLBACK_CODE_MISSING: 'The callback has no authorization code',
  CALLBACK_STATE_MISSING: 'The callback has no state parameter',
  CALLBACK_STATE_MISMATCH: 'The callback state does not match the one this authorization started with',
  CALLBACK_PARAM_REPEATED:
    'The callback repeats a parameter (RFC 6749 3.1 forbids it): it is not a redirect BB2 sent',
};

/** RFC 6749 4.1.2.1 error codes are short ASCII words; anything else is not echoed into the message. */
const OAUTH_ERROR_WORD = /^[a-z][a-z0-9_]{0,63}$/;

/** What the callback carried beside the code (all optional). */
export interface CallbackErrorDetails {
  /** The callback's `error` parameter, when BB2 sent one (e.g. `access_denied`, `server_error`). */
  readonly oauthError?: string | undefined;
  /** The callback's `error_description`: server text, redacted, kept off the message and out of enumeration. */
  readonly errorDescription?: string | undefined;
  /** For CALLBACK_PARAM_REPEATED: which parameter appeared more than once. */
  readonly parameter?: string | undefined;
}

/** A problem with the OAuth callback (the redirect back from BB2), found before any token request. */
export class CallbackError extends BlueButtonError {
  override name = 'CallbackError';
  /** The callback's `error` parameter, when BB2 sent one (e.g. `access_denied`). */
  readonly oauthError: string | undefined;
  /** The repeated parameter's name (CALLBACK_PARAM_REPEATED). */
  readonly parameter: string | undefined;
  /**
   * BB2's `error_description`, when it sent one, redacted as all kept server text is (redactText). Not enumerable:
   * callers read it, logs do not print it.
   */
  declare readonly errorDescription?: string;

  constructor(code: CallbackErrorCode, details: CallbackErrorDetails | string = {}) {
    const d: CallbackErrorDetails = typeof details === 'string' ? { oauthError: details } : details;
    const shown =
      d.oauthError && code !== 'CALLBACK_ACCESS_DENIED' && OAUTH_ERROR_WORD.test(d.oauthError)
        ? ` (${d.oauthError})`
        : '';
    const param = d.parameter ? ` (${d.parameter})` : '';
    super(code, `${MESSAGES[code]}${shown}${param}`);
    this.oauthError = d.oauthError;
    this.parameter = d.parameter;
    if (d.errorDescription !== undefined) {
      Object.defineProperty(this, 'errorDescription', {
        value: redactText(d.errorDescription),
        enumerable: false,
      });
    }
  }
}
