import type { ErrorCode } from './codes.js';

/**
 * The one error type the SDK throws; `code` says what happened. Subclasses add fields, never secrets:
 * messages and properties hold no token, code, verifier, client secret or response body of a success.
 *
 * @example
 * try { await client.v2.Patient.read(id) } catch (e) { if (isBlueButtonError(e) && e.code === 'HTTP_ERROR') ... }
 */
export class BlueButtonError extends Error {
  override name = 'BlueButtonError';
  /** Survives two copies of the package in one process, where `instanceof` does not. */
  readonly isBlueButtonError = true as const;
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }

  /** Plain data for logs: name, code, message and the subclass's own (already redacted) fields. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    for (const [k, v] of Object.entries(this)) if (!(k in out) && k !== 'isBlueButtonError') out[k] = v;
    return out;
  }
}

/** True for any error the SDK throws, from any copy of the package. */
export function isBlueButtonError(e: unknown): e is BlueButtonError {
  return e instanceof Error && (e as { isBlueButtonError?: unknown }).isBlueButtonError === true;
}
