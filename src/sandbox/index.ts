/**
 * `bluebutton-ts/sandbox`: a local Blue Button 2.0 server for tests, demos and development.
 *
 * @example
 * import { startSandbox } from 'bluebutton-ts/sandbox';
 * const sandbox = await startSandbox({ seed: 1 });
 * const bb = new BlueButton(sandbox.config());
 */
export { SandboxAuthorizeError } from './authorize-client.js';
export type {
  ClaimHeader,
  Dataset,
  DatasetOptions,
  SyntheticBeneficiary,
} from './data/dataset-types.js';
export { SandboxOptionsError, type SandboxOptionsErrorCode } from './sandbox-options-error.js';
export type {
  FaultController,
  FaultStep,
  RecordedRequest,
  Sandbox,
  SandboxApiVersion,
  SandboxApp,
  SandboxAppKind,
  SandboxAppType,
  SandboxAuthorizeOptions,
  SandboxClient,
  SandboxConfig,
  SandboxOptions,
  SandboxRateLimit,
  SandboxThrottle,
} from './sandbox-types.js';
export { startSandbox } from './start-sandbox.js';
