/**
 * `bluebutton-ts/telemetry`: OpenTelemetry spans and metrics from the SDK's hooks (peer dependency
 * `@opentelemetry/api`; without a registered SDK everything is a no-op).
 *
 * @example
 * import { createTelemetryHooks } from 'bluebutton-ts/telemetry';
 * const bb = new BlueButton({ ...config, hooks: createTelemetryHooks() });
 */

export { createSyncTelemetry, type SyncTelemetryOptions } from './create-sync-telemetry.js';
export { createTelemetryHooks, type TelemetryOptions } from './create-telemetry-hooks.js';
export { urlTemplate } from './url-template.js';
