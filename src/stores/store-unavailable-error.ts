import { BlueButtonError } from '../errors/blue-button-error.js';

export type TokenStoreOperation = 'connect' | 'schema' | 'get' | 'compareAndSet';

/**
 * The shared store did not answer (connection refused or dropped, server restarting, a query
 * failed). The driver's own error is not attached: its text can name the key, and keys carry patient ids.
 */
export class StoreUnavailableError extends BlueButtonError {
  override name = 'StoreUnavailableError';
  readonly store: 'postgres' | 'redis';
  readonly operation: TokenStoreOperation;
  /** The driver's error code (`ECONNREFUSED`, SQLSTATE `57P01`...), when it has one. */
  readonly reason: string | undefined;

  constructor(store: 'postgres' | 'redis', operation: TokenStoreOperation, cause: unknown) {
    const reason = driverCode(cause);
    super(
      'TOKEN_STORE_FAILED',
      `The ${store === 'postgres' ? 'PostgreSQL' : 'Redis'} token store failed during ${operation}${reason ? ` (${reason})` : ''}`,
    );
    this.store = store;
    this.operation = operation;
    this.reason = reason;
  }
}

/** Only short upper-case codes: never free text, which may echo a key or a value. */
function driverCode(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,32}$/.test(code)) return code;
  const message = e instanceof Error ? e.message : '';
  if (/Connection is closed|connection (?:terminated|closed)/i.test(message)) return 'CONNECTION_CLOSED';
  return undefined;
}
