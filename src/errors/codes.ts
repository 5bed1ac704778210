/** Every `code` a `BlueButtonError` can carry (../shared/design/api.md section 5). */
export const ERROR_CODES = [
  'CONFIG_INVALID',
  'CALLBACK_ACCESS_DENIED',
  'CALLBACK_CODE_MISSING',
  'CALLBACK_STATE_MISSING',
  'CALLBACK_STATE_MISMATCH',
  'CALLBACK_ERROR',
  'CALLBACK_PARAM_REPEATED',
  'TOKEN_REQUEST_FAILED',
  'REAUTHORIZATION_REQUIRED',
  'TOKEN_SAVE_FAILED',
  'TOKEN_STORE_FAILED',
  'HTTP_ERROR',
  'NETWORK_ERROR',
  'TIMEOUT',
  'CIRCUIT_OPEN',
  'INVALID_RESPONSE',
  'INVALID_PARAMS',
  'CROSS_ORIGIN_LINK',
  'VERSION_MISMATCH',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why the beneficiary has to consent again. */
export type ReauthorizationReason =
  | 'grant-expired'
  | 'grant-revoked'
  | 'refresh-token-reused'
  | 'refresh-not-allowed'
  | 'no-refresh-token';
