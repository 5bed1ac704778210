/**
 * Thrown by `startSandbox` and `sandbox.config()` for options the sandbox cannot honour.
 */

export type SandboxOptionsErrorCode =
  | 'INVALID_SANDBOX_APP'
  | 'UNKNOWN_SANDBOX_APP'
  | 'INVALID_SANDBOX_THROTTLE';

export class SandboxOptionsError extends Error {
  override name = 'SandboxOptionsError';
  readonly code: SandboxOptionsErrorCode;
  constructor(code: SandboxOptionsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
