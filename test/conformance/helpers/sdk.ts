/**
 * The SDK as a user configures it for the conformance suite: base URL = the host a sample's links name,
 * the sample server as the injected `fetch`, no retries or breaker (every answer is final), and tokens and
 * a client secret distinctive enough that a leak is found by a substring search.
 */
import { inspect } from 'node:util';
import { type ApiVersion, AuthorizationToken, BlueButton } from 'bluebutton-ts';
import { expect } from 'vitest';
import type { SampleServer } from './sample-server.js';

export const CLIENT_ID = 'conformanceClientId000000000000000000001';
export const CLIENT_SECRET = 'cnf-client-SECRET-8d1f4b27e9c3a6';
export const ACCESS_TOKEN = 'cnf-ACCESS-token-5e2a9c71b04d3f';
export const REFRESH_TOKEN = 'cnf-REFRESH-token-93b7e1d05c4a28';
export const CALLBACK_URL = 'https://app.example.com/bb2/callback';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface SdkOptions {
  readonly baseUrl: string;
  readonly version: ApiVersion;
  readonly now?: () => number;
}

/** `new BlueButton({...})` for a sample's host, sending everything to the sample server. */
export function makeBlueButton(server: SampleServer, options: SdkOptions): BlueButton {
  const host = new URL(options.baseUrl).hostname;
  // http:// is only accepted for LOCAL or loopback hosts (BB2 fixtures use http://testserver).
  const local = options.baseUrl.startsWith('http:') && !LOOPBACK.has(host);
  return new BlueButton({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    callbackUrl: CALLBACK_URL,
    baseUrl: options.baseUrl,
    version: options.version,
    ...(local ? { environment: 'LOCAL' as const } : {}),
    ...(options.now ? { now: options.now } : {}),
    fetch: server.fetch,
    retrySettings: { total: 0 },
    circuitBreaker: false,
  });
}

/** A live token (an hour left) issued by `version`'s token endpoint for `patient`. */
export function tokenFor(version: ApiVersion, patient = '-20140000008325'): AuthorizationToken {
  return AuthorizationToken.fromJSON({
    access_token: ACCESS_TOKEN,
    refresh_token: REFRESH_TOKEN,
    token_type: 'Bearer',
    expires_in: 3600,
    expires_at: Date.now() + 3_600_000,
    scope: 'profile patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs',
    patient,
    version,
  });
}

/**
 * Collects every error a test file produces, so that the file's last test can check that none of them
 * prints a secret (`message`, `String(e)`, `JSON.stringify(e)`, `util.inspect(e)`).
 */
export function createErrorLog() {
  const errors: unknown[] = [];
  return {
    errors,
    /** Awaits `promise`, which must reject; records and returns the error. */
    async rejection(promise: Promise<unknown>): Promise<unknown> {
      try {
        await promise;
      } catch (e) {
        errors.push(e);
        return e;
      }
      throw new Error('expected the call to fail, it succeeded');
    },
    /** Fails when any recorded error shows any of `secrets`. */
    expectNoSecrets(secrets: readonly string[]): void {
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        const texts = [
          e instanceof Error ? e.message : '',
          String(e),
          JSON.stringify(e) ?? '',
          inspect(e, { depth: 10, showHidden: false }),
        ];
        for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
      }
    },
  };
}

/** Bearer + SDK headers, as every FHIR/userinfo GET must carry them. */
export function expectAuthorizedGet(
  req: { method: string; headers: Record<string, unknown> },
  token = ACCESS_TOKEN,
) {
  expect(req.method).toBe('GET');
  expect(req.headers.authorization).toBe(`Bearer ${token}`);
  expect(req.headers['x-bluebutton-sdk']).toEqual(expect.any(String));
}
