/**
 * The sandbox's entry point: a local BB2 (OAuth 2.0 + PKCE, FHIR v1/v2/v3) over synthetic data.
 */
import { createDataset } from './data/create-dataset.js';
import type { DatasetOptions } from './data/dataset-types.js';
import { launchSandbox } from './launch-sandbox.js';
import type { Sandbox, SandboxOptions } from './sandbox-types.js';

/**
 * Starts a sandbox on `127.0.0.1` (a free port unless `port` is given) over a seeded synthetic dataset.
 * Close it with `sandbox.close()`.
 *
 * @example
 * const sandbox = await startSandbox({ seed: 1, beneficiaries: 10 });
 * const callback = await sandbox.authorize(authorizeUrl);
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return launchSandbox(createDataset(datasetOptions(options)), options);
}

function datasetOptions(options: SandboxOptions): DatasetOptions {
  return {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.beneficiaries === undefined ? {} : { beneficiaries: options.beneficiaries }),
    ...(options.eobsPerBeneficiary === undefined ? {} : { eobsPerBeneficiary: options.eobsPerBeneficiary }),
  };
}
