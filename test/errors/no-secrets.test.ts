/**
 * One error of every code in ERROR_CODES, each produced through the public API against the sandbox, then
 * scanned (message, String, JSON, util.inspect, every own property) for the access and refresh tokens,
 * authorization codes, PKCE verifiers, the client secret, and the beneficiary's patient ids and MBI.
 */
import { inspect } from 'node:util';
import {
  type AuthData,
  AuthorizationToken,
  BlueButton,
  type BlueButtonConfig,
  ERROR_CODES,
  isBlueButtonError,
  type SearchParams,
} from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeAll, EOB_SEARCH, openSandbox, PATIENT_READ, TOKEN_V2 } from '../resilience/helpers.js';

interface Produced {
  /** How the error was provoked, for failure messages. */
  readonly how: string;
  readonly error: unknown;
}

const produced: Produced[] = [];
/** Secret name -> every value of it seen during the run. */
const secrets = new Map<string, Set<string>>();

function remember(name: string, value: string | null | undefined): void {
  if (!value) return;
  const set = secrets.get(name) ?? new Set<string>();
  set.add(value);
  secrets.set(name, set);
}

function rememberToken(token: AuthorizationToken): AuthorizationToken {
  remember('access token', token.accessToken);
  remember('refresh token', token.refreshToken);
  return token;
}

function rememberAuth(authData: AuthData): AuthData {
  remember('PKCE verifier', authData.verifier);
  return authData;
}

/** Runs `fn` and keeps what it throws; a call that does not throw is recorded as a missing error. */
async function provoke(how: string, fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (error) {
    produced.push({ how, error });
    return;
  }
  produced.push({ how, error: new Error(`no error was thrown by: ${how}`) });
}

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await openSandbox({ beneficiaries: 2, eobsPerBeneficiary: 12 });
  remember('client secret', sandbox.client.clientSecret);
  for (const b of sandbox.dataset.beneficiaries) {
    remember('patient id', b.patientId.v2);
    remember('patient id', b.patientId.v1);
    remember('patient id', b.patientId.v3);
    remember('MBI', b.mbi);
  }
  const base = sandbox.config({ version: 2 });
  const config = (extra: Omit<BlueButtonConfig, 'version'> = {}): BlueButtonConfig => ({
    ...base,
    retrySettings: { total: 0 },
    ...extra,
  });
  const bb = new BlueButton(config());

  /** Consent as beneficiary 0; returns the auth data and the callback URL (holding a fresh code). */
  async function consent(client = bb, options: { deny?: boolean; beneficiary?: number } = {}) {
    const authData = rememberAuth(client.generateAuthData());
    const callback = await sandbox.authorize(client.generateAuthorizeUrl(authData), options);
    remember('authorization code', new URL(callback).searchParams.get('code'));
    return { authData, callback };
  }
  async function login(client = bb, beneficiary = 0): Promise<AuthorizationToken> {
    const { authData, callback } = await consent(client, { beneficiary });
    return rememberToken(await client.handleCallback(authData, callback));
  }

  // CONFIG_INVALID: bad objects, one holding the secret where a URL belongs and one under a misspelt key.
  await provoke('retrySettings.total -1', () => new BlueButton(config({ retrySettings: { total: -1 } })));
  await provoke(
    'secret pasted as callbackUrl',
    () => new BlueButton(config({ callbackUrl: sandbox.client.clientSecret })),
  );
  await provoke(
    'misspelt client_secret key (Python format)',
    () =>
      new BlueButton({
        client_id: base.clientId,
        client_secrte: base.clientSecret,
        callback_url: base.callbackUrl,
        environment: 'LOCAL',
        base_url: base.baseUrl,
      } as unknown as BlueButtonConfig),
  );
  await provoke('timeoutMs 0', () => new BlueButton(config({ timeoutMs: 0 })));

  // Callback errors.
  const denied = await consent(bb, { deny: true });
  await provoke('consent denied', () => bb.handleCallback(denied.authData, denied.callback));
  const forMissing = await consent();
  const missingUrl = new URL(forMissing.callback);
  await provoke('callback without state (holding a real code)', () =>
    bb.getAuthorizationToken(forMissing.authData, missingUrl.searchParams.get('code'), null),
  );
  await provoke('callback without code', () =>
    bb.getAuthorizationToken(forMissing.authData, null, forMissing.authData.state),
  );
  const mismatched = await consent();
  await provoke('callback state of another session', () =>
    bb.handleCallback(rememberAuth(bb.generateAuthData()), mismatched.callback),
  );

  // TOKEN_REQUEST_FAILED: a wrong verifier, then a code used twice.
  const pkce = await consent();
  await provoke('wrong PKCE verifier', () =>
    bb.handleCallback(
      { ...pkce.authData, verifier: rememberAuth(bb.generateAuthData()).verifier },
      pkce.callback,
    ),
  );
  const twice = await consent();
  rememberToken(await bb.handleCallback(twice.authData, twice.callback));
  await provoke('code used twice', () => bb.handleCallback(twice.authData, twice.callback));
  sandbox.faults.set(TOKEN_V2, [503]);
  const unavailable = await consent();
  await provoke('token endpoint 503', () => bb.handleCallback(unavailable.authData, unavailable.callback));

  // CALLBACK_ERROR and CALLBACK_PARAM_REPEATED: an error beside a real code; a code given twice.
  const errored = await consent();
  const erroredUrl = new URL(errored.callback);
  erroredUrl.searchParams.set('error', 'server_error');
  erroredUrl.searchParams.set(
    'error_description',
    `failed for ${sandbox.dataset.beneficiaries[0]?.patientId.v2}`,
  );
  await provoke('callback error beside a code', () => bb.handleCallback(errored.authData, erroredUrl));
  const repeated = await consent();
  await provoke('callback code twice', () =>
    bb.handleCallback(repeated.authData, `${repeated.callback}&code=${encodeURIComponent('other-code')}`),
  );

  // TOKEN_SAVE_FAILED: onTokenRefresh throws after a real rotation (the new token rides on the error);
  // TOKEN_STORE_FAILED: a store that is down before the refresh.
  const saving = await login();
  sandbox.faults.set('GET /v2/fhir/Coverage/', ['expire-token']);
  await provoke('onTokenRefresh throws', () =>
    bb
      .client(saving, {
        onTokenRefresh: (t) => {
          rememberToken(t);
          throw new Error('database is down');
        },
      })
      .v2.Coverage.search(),
  );
  const down = new BlueButton(
    config({
      tokenStore: {
        get: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
        },
        compareAndSet: async () => false,
      },
    }),
  );
  const stored = await login(down, 1);
  sandbox.faults.set('GET /v2/fhir/Coverage/', [401]);
  await provoke('token store down', () => down.client(stored).v2.Coverage.search());

  // REAUTHORIZATION_REQUIRED: a refresh token used twice; a revoked grant met by the client's refresh.
  const token = await login();
  rememberToken(await bb.refreshAuthToken(token));
  await provoke('refresh token used twice', () => bb.refreshAuthToken(token));
  // (Its own BlueButton and beneficiary 1, so that the dead token stays out of the main token store.)
  const other = new BlueButton(config());
  const revokedToken = await login(other, 1);
  sandbox.revokeGrant(1);
  await provoke('grant revoked, client refreshes after 401', () =>
    other.client(revokedToken).v2.ExplanationOfBenefit.search(),
  );

  const live = await login();
  const patientId = live.patient;
  const client = bb.client(live, { onTokenRefresh: (t) => void rememberToken(t) });

  // HTTP_ERROR: a scripted 404 on a Patient read, a 429, and a 401 after the refresh+replay.
  sandbox.faults.set(PATIENT_READ, [404]);
  await provoke('404 on Patient read', () => client.v2.Patient.read(patientId));
  sandbox.faults.set(EOB_SEARCH, [{ status: 429, retryAfter: 5 }]);
  await provoke('429 on a search with patient=', () =>
    client.v2.ExplanationOfBenefit.search({ patient: patientId }),
  );
  sandbox.faults.set(EOB_SEARCH, [401, 401]);
  await provoke('401 twice', () => client.v2.ExplanationOfBenefit.search({ patient: patientId }));

  // NETWORK_ERROR, TIMEOUT (per attempt and deadline), INVALID_RESPONSE.
  sandbox.faults.set(EOB_SEARCH, ['reset']);
  await provoke('reset', () => client.v2.ExplanationOfBenefit.search({ patient: patientId }));
  sandbox.faults.set(PATIENT_READ, ['hang']);
  await provoke('hang, per-attempt timeout', () => client.v2.Patient.read(patientId, { timeoutMs: 40 }));
  sandbox.faults.set(EOB_SEARCH, ['hang']);
  await provoke('hang, deadline', () =>
    client.v2.ExplanationOfBenefit.search({ patient: patientId }, { deadlineMs: 40 }),
  );
  sandbox.faults.set(PATIENT_READ, ['non-json']);
  await provoke('non-json Patient read', () => client.v2.Patient.read(patientId));
  sandbox.faults.set(TOKEN_V2, ['non-json']);
  const nonJsonToken = await consent();
  await provoke('non-json token response', () =>
    bb.handleCallback(nonJsonToken.authData, nonJsonToken.callback),
  );

  const partialToken = {
    access_token: 'probeAccessToken0123456789abcdef',
    refresh_token: 'probeRefresh0123456789abcdef',
  };
  remember('access token', partialToken.access_token);
  remember('refresh token', partialToken.refresh_token);
  sandbox.faults.set(TOKEN_V2, [{ status: 200, body: { ...partialToken, token_type: 'Bearer' } }]);
  const partial = await consent();
  await provoke('token response without expires_in', () =>
    bb.handleCallback(partial.authData, partial.callback),
  );

  // INVALID_PARAMS from plain JavaScript callers: an unknown claim type, and a FHIR reference as an id.
  const untyped = { type: ['bogus'], patient: patientId } as unknown as SearchParams<
    2,
    'ExplanationOfBenefit'
  >;
  await provoke('unknown claim type', () => client.v2.ExplanationOfBenefit.search(untyped));
  await provoke('reference instead of id', () => client.v2.Patient.read(`Patient/${patientId}`));

  // CROSS_ORIGIN_LINK: a real first page whose next link is moved to another origin.
  const page = await client.v2.ExplanationOfBenefit.search({ _count: 5 });
  const hostile = {
    ...page,
    link: (page.link ?? []).map((l) => ({ ...l, url: l.url.replace(sandbox.url, 'https://evil.example') })),
  };
  await provoke('next link to another origin', () => client.v2.pages(hostile).next());

  // VERSION_MISMATCH: a v2 token on v3.
  await provoke('v2 token on v3', () => client.v3.ExplanationOfBenefit.search());

  // CIRCUIT_OPEN: a breaker of threshold 1 opened by one 503.
  const fragile = new BlueButton(config({ circuitBreaker: { threshold: 1, halfOpenAfterMs: 60_000 } }));
  const fragileClient = fragile.client(live);
  sandbox.faults.set(EOB_SEARCH, [503]);
  await provoke('503 opening the circuit', () =>
    fragileClient.v2.ExplanationOfBenefit.search({ patient: patientId }),
  );
  await provoke('circuit open', () => fragileClient.v2.Patient.read(patientId));
});

afterAll(closeAll);

/** Every text form of an error a log or a user could see. */
function renderings(e: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['String(e)', String(e)],
    ['JSON.stringify(e)', JSON.stringify(e) ?? ''],
    ['inspect(e)', inspect(e, { depth: 5 })],
  ];
  if (!(e instanceof Error)) return out;
  out.push(['message', e.message]);
  const record = e as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(e)) {
    // The raw Response is the caller's own request, attached non-enumerable on purpose (checked below).
    if (key === 'response') continue;
    const value = record[key];
    out.push([`.${key}`, typeof value === 'string' ? value : inspect(value, { depth: 5 })]);
  }
  return out;
}

describe('no secrets or patient identifiers in errors', () => {
  test('the run produced one error or more of every code in ERROR_CODES, and nothing else', () => {
    const notSdk = produced.filter((p) => !isBlueButtonError(p.error)).map((p) => [p.how, String(p.error)]);
    expect(notSdk).toEqual([]);
    const codes = new Set(produced.map((p) => (isBlueButtonError(p.error) ? p.error.code : 'none')));
    expect([...codes].sort()).toEqual([...ERROR_CODES].sort());
  });

  test('the secrets scanned for were all captured', () => {
    expect([...secrets.keys()].sort()).toEqual([
      'MBI',
      'PKCE verifier',
      'access token',
      'authorization code',
      'client secret',
      'patient id',
      'refresh token',
    ]);
  });

  test('no message, rendering or own property holds a token, code, verifier, secret, patient id or MBI', () => {
    const leaks: string[] = [];
    for (const { how, error } of produced) {
      const code = isBlueButtonError(error) ? error.code : 'not an SDK error';
      for (const [where, text] of renderings(error)) {
        for (const [name, values] of secrets) {
          for (const value of values) {
            if (text.includes(value) || text.includes(encodeURIComponent(value))) {
              leaks.push(`${code} (${how}): ${where} contains the ${name}`);
            }
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  test('a stored token string that is not JSON is INVALID_RESPONSE, and does not echo the token', () => {
    const stored = '{"access_token":"storedAccessToken0123456789" "refresh_token":"storedRefresh0123456789"}';
    let error: unknown;
    try {
      AuthorizationToken.fromJSON(stored);
    } catch (e) {
      error = e;
    }
    expect(isBlueButtonError(error) ? error.code : String(error)).toBe('INVALID_RESPONSE');
    const text = renderings(error)
      .map(([, t]) => t)
      .join('\n');
    expect(text).not.toContain('storedAccessToken0123456789');
    expect(text).not.toContain('storedRefresh0123456789');
  });

  test('a raw Response, where attached, is not enumerable', () => {
    const withResponse = produced.filter(
      (p) => p.error instanceof Error && Object.getOwnPropertyNames(p.error).includes('response'),
    );
    expect(withResponse.length).toBeGreaterThan(0);
    for (const { error } of withResponse) {
      expect(Object.getOwnPropertyDescriptor(error, 'response')?.enumerable).toBe(false);
    }
  });
});
