/** Failures of the TokenStore and of `onTokenRefresh`: the grant is kept, the failure is reported. */
import { BlueButtonError } from '../errors/blue-button-error.js';
import type { AuthorizationToken } from './authorization-token.js';

/** Where a rotated token could not be written. */
export type TokenSaveTarget = 'tokenStore' | 'onTokenRefresh';

/**
 * A refresh succeeded but the new token could not be saved (the TokenStore write or an `onTokenRefresh`
 * hook threw). The SDK already uses the new token (the spent refresh token is never sent again) and tries
 * the failed saves again before its next request. `token` is the new token: save it yourself if you can.
 * It is not enumerable, so logging the error never prints it.
 */
export class TokenSaveFailedError extends BlueButtonError {
  override name = 'TokenSaveFailedError';
  /** What failed to save it. */
  readonly failed: readonly TokenSaveTarget[];
  // A private field, not an own property: inspect, JSON and logs never print the token.
  readonly #token: AuthorizationToken;

  constructor(token: AuthorizationToken, failed: readonly TokenSaveTarget[], cause: unknown) {
    super(
      'TOKEN_SAVE_FAILED',
      `The token was refreshed but could not be saved (${failed.join(', ')} failed); ` +
        'it is kept in memory and the save is tried again before the next request. ' +
        'The new token is on this error as `token`',
      { cause },
    );
    this.failed = failed;
    this.#token = token;
  }

  /** The new token, kept in memory by the SDK: save it yourself if you can. */
  get token(): AuthorizationToken {
    return this.#token;
  }
}

/**
 * The TokenStore threw, or its compare-and-set kept failing. Before a refresh, nothing was sent to the
 * token endpoint and the refresh token is not spent: retry later. After one, it is the `cause` of a
 * TokenSaveFailedError.
 */
export class TokenStoreError extends BlueButtonError {
  override name = 'TokenStoreError';
  readonly operation: 'get' | 'compareAndSet';

  constructor(operation: 'get' | 'compareAndSet', problem: string, cause?: unknown) {
    super('TOKEN_STORE_FAILED', `TokenStore.${operation} ${problem}`, { cause });
    this.operation = operation;
  }
}
