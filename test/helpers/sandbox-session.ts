/** Starts a sandbox and logs a synthetic beneficiary in through the public API, as a user would. */
import { type AuthorizationToken, BlueButton, type BlueButtonConfig } from 'bluebutton-ts';
import { type Sandbox, type SandboxOptions, startSandbox } from 'bluebutton-ts/sandbox';

export interface Session<V extends 1 | 2 | 3> {
  sandbox: Sandbox;
  bb: BlueButton<V>;
  token: AuthorizationToken;
}

/** Fast, deterministic defaults for tests: tiny backoff, no jitter. */
export const FAST_RETRY = { total: 3, backoffFactor: 0.01, jitter: false } as const;

export async function login<V extends 1 | 2 | 3>(
  sandbox: Sandbox,
  version: V,
  config: Omit<BlueButtonConfig, 'version'> = {},
  consent: { beneficiary?: number; shareDemographics?: boolean } = {},
): Promise<{ bb: BlueButton<V>; token: AuthorizationToken }> {
  const bb = new BlueButton<V>({
    ...sandbox.config({ version }),
    retrySettings: FAST_RETRY,
    ...config,
    version,
  });
  const authData = bb.generateAuthData();
  const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData), consent);
  return { bb, token: await bb.handleCallback(authData, callback) };
}

export async function session<V extends 1 | 2 | 3>(
  version: V,
  options: SandboxOptions = {},
  config: Omit<BlueButtonConfig, 'version'> = {},
): Promise<Session<V>> {
  const sandbox = await startSandbox({ beneficiaries: 3, eobsPerBeneficiary: 60, ...options });
  return { sandbox, ...(await login(sandbox, version, config)) };
}

/** Requests the sandbox received on one route key (e.g. `POST /v2/o/token/`). */
export function received(sandbox: Sandbox, route: string) {
  return sandbox.requests.filter((r) => r.routeKey === route);
}
