/** A BlueButton on a fake BB2, and a beneficiary's token from a real code exchange against it. */
import { type AuthorizationToken, BlueButton, type BlueButtonConfig } from 'bluebutton-ts';
import type { FakeBb2 } from './fake-bb2.js';

export type Config = Omit<BlueButtonConfig, 'version' | 'baseUrl'>;

export function blueButtonAt<V extends 1 | 2 | 3>(fake: FakeBb2, version: V, config: Config = {}) {
  return new BlueButton<V>({
    clientId: 'fake-client-id',
    clientSecret: 'fake-client-secret-value',
    callbackUrl: 'http://127.0.0.1/callback',
    retrySettings: { total: 0, backoffFactor: 0.01, jitter: false },
    ...config,
    baseUrl: fake.url,
    version,
  });
}

/** One consent: the code BB2 would put on the callback, exchanged through the public API. */
export async function consent<V extends 1 | 2 | 3>(
  fake: FakeBb2,
  bb: BlueButton<V>,
  expiresIn = 3600,
): Promise<AuthorizationToken> {
  const authData = bb.generateAuthData();
  return bb.getAuthorizationToken(authData, fake.issueCode(expiresIn), authData.state, null);
}
