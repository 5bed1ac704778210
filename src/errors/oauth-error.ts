import { BlueButtonError } from './blue-button-error.js';
import type { ReauthorizationReason } from './codes.js';

export interface OAuthErrorFields {
  /** HTTP status of the token endpoint's answer. */
  readonly status: number;
  /** RFC 6749 `error` (`invalid_grant`, `invalid_client`, ...) or BB2's `message` when it sent no `error`. */
  readonly error: string;
  readonly errorDescription: string | undefined;
}

/** RFC 6749 5.2 error codes are short ASCII words; other server text is kept off the message. */
const OAUTH_ERROR_WORD = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * The token, revoke or introspect endpoint refused the request, or answered with a redirect (which is
 * never followed: the request carries a code, a verifier or a refresh token). `TOKEN_REQUEST_FAILED`;
 * never retried. The message is in our words; BB2's text stays on `errorDescription`.
 */
export class OAuthError extends BlueButtonError implements OAuthErrorFields {
  override name = 'OAuthError';
  readonly status: number;
  readonly error: string;
  readonly errorDescription: string | undefined;

  constructor(fields: OAuthErrorFields, options?: ErrorOptions & { readonly why?: string }) {
    const word = OAUTH_ERROR_WORD.test(fields.error) ? ` ${fields.error}` : '';
    super(
      'TOKEN_REQUEST_FAILED',
      options?.why ?? `Token request failed with ${fields.status}${word}`,
      options,
    );
    this.status = fields.status;
    this.error = fields.error;
    this.errorDescription = fields.errorDescription;
  }
}

const REASONS: Record<ReauthorizationReason, string> = {
  'grant-expired': "the beneficiary's data-access grant has expired",
  'grant-revoked': 'the beneficiary revoked access, or the grant no longer exists',
  'refresh-token-reused': 'the refresh token was already used (BB2 refresh tokens are single-use)',
  'refresh-not-allowed': 'this application is not allowed to refresh tokens (one-time access)',
  'no-refresh-token': 'the token has no refresh token',
};

/** The token cannot be renewed: the beneficiary must go through consent again. */
export class ReauthorizationRequiredError extends BlueButtonError {
  override name = 'ReauthorizationRequiredError';
  readonly reason: ReauthorizationReason;
  /** The refusal's status and OAuth fields, when it came from the server. */
  readonly status: number | undefined;
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(reason: ReauthorizationReason, from?: OAuthErrorFields, options?: ErrorOptions) {
    super('REAUTHORIZATION_REQUIRED', `Reauthorization required: ${REASONS[reason]}`, options);
    this.reason = reason;
    this.status = from?.status;
    this.error = from?.error;
    this.errorDescription = from?.errorDescription;
  }
}
