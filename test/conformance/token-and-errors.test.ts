/**
 * The token endpoint's real bodies (docs examples) and a real FHIR OperationOutcome error: what the SDK
 * makes of them, and what it sent to get them.
 */
import { HttpError, isBlueButtonError, OAuthError, ReauthorizationRequiredError } from 'bluebutton-ts';
import { describe, expect, test } from 'vitest';
import { at, firstOf, type SeenRequest, useSampleServer } from './helpers/sample-server.js';
import {
  arrayField,
  asRecord,
  present,
  readSample,
  SANDBOX_ORIGIN,
  samplesFor,
  sampleText,
  stringField,
  suiteName,
} from './helpers/samples.js';
import {
  ACCESS_TOKEN,
  CALLBACK_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  createErrorLog,
  expectAuthorizedGet,
  makeBlueButton,
  REFRESH_TOKEN,
  tokenFor,
} from './helpers/sdk.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const TOKEN_PATH = '/v2/o/token/';
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

/** What every token request must look like: urlencoded form, HTTP Basic client auth, no secret in the body. */
function expectTokenRequest(req: SeenRequest | undefined, grantType: string): URLSearchParams {
  expect(req).toBeDefined();
  expect(req?.method).toBe('POST');
  expect(req?.url.href).toBe(`${SANDBOX_ORIGIN}${TOKEN_PATH}`);
  expect(req?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
  expect(req?.headers.authorization).toBe(BASIC);
  const form = new URLSearchParams(req?.body ?? '');
  expect(form.get('grant_type')).toBe(grantType);
  expect(form.has('client_secret')).toBe(false);
  expect(req?.body).not.toContain(CLIENT_SECRET);
  return form;
}

const tokenReply = (body: unknown, status = 200) => ({ status, body, contentType: 'application/json' });

/** The sample's token strings, to check that no error ever prints them either. */
const sampleSecrets = () =>
  samplesFor('token-response').flatMap((n) => {
    const s = readSample(n);
    return [stringField(s, 'access_token'), stringField(s, 'refresh_token')].filter(
      (x): x is string => x !== undefined,
    );
  });

describe.skipIf(!present)(suiteName('token endpoint bodies and error bodies'), () => {
  const server = useSampleServer();
  const log = createErrorLog();

  const bbAt = () => makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 2, now: () => NOW });

  describe('token responses', () => {
    test('the table classifies exactly the two docs token responses', () => {
      expect(samplesFor('token-response')).toEqual([
        'token-response-authorization-code-docs-example.json',
        'token-response-refresh-docs-example.json',
      ]);
    });

    // BB2 sent `YYYY-MM-DD HH:MM:SSZ` until 2026-07 and `YYYY-MM-DDTHH:MM:SSZ` since (bb2-api 2.6).
    test.each([
      ['as published (space)', (s: string) => s],
      ['in the current format (T)', (s: string) => s.replace(' ', 'T')],
    ])(
      'authorization code: getAuthorizationToken() parses the docs example, access_grant_expiration %s',
      async (_label, format) => {
        const sample = asRecord(readSample('token-response-authorization-code-docs-example.json'), 'token');
        const grant = stringField(sample, 'access_grant_expiration') ?? '';
        const body = { ...sample, access_grant_expiration: format(grant) };
        server.serve(SANDBOX_ORIGIN, at('POST', TOKEN_PATH, tokenReply(body)));
        const bb = bbAt();
        const authData = bb.generateAuthData();

        const token = await bb.getAuthorizationToken(authData, 'the-authorization-code', authData.state);
        expect(token.accessToken).toBe(sample.access_token);
        expect(token.refreshToken).toBe(sample.refresh_token);
        expect(token.tokenType).toBe('Bearer');
        // Fractional expires_in (16768.523842) is kept as sent; expiresAt is rounded to the millisecond.
        expect(token.expiresIn).toBe(16768.523842);
        expect(token.expiresAt).toBe(NOW + 16_768_524);
        // The space-separated scope string becomes a list.
        expect(token.scope).toEqual([
          'profile',
          'patient/Patient.rs',
          'patient/ExplanationOfBenefit.rs',
          'patient/Coverage.rs',
        ]);
        expect(token.hasScope('patient/ExplanationOfBenefit.read')).toBe(true);
        expect(token.accessGrantExpiration?.toISOString()).toBe('2025-09-05T19:17:53.000Z');
        // This docs example has no `patient` field (BB2 always sends one): tolerated, left empty.
        expect('patient' in sample).toBe(false);
        expect(token.patient).toBe('');
        expect(token.version).toBe(2);

        expect(server.seen).toHaveLength(1);
        const form = expectTokenRequest(server.seen[0], 'authorization_code');
        expect(form.get('code')).toBe('the-authorization-code');
        expect(form.get('redirect_uri')).toBe(CALLBACK_URL);
        expect(form.get('code_verifier')).toBe(authData.verifier);
      },
    );

    test('refresh: refreshAuthToken() parses the docs example and sends grant_type=refresh_token', async () => {
      const name = 'token-response-refresh-docs-example.json';
      const sample = asRecord(readSample(name), 'token');
      server.serve(SANDBOX_ORIGIN, at('POST', TOKEN_PATH, tokenReply(sampleText(name))));

      const token = await bbAt().refreshAuthToken(tokenFor(2));
      expect(token.accessToken).toBe(sample.access_token);
      expect(token.refreshToken).toBe(sample.refresh_token);
      expect(token.expiresIn).toBe(36000);
      expect(token.expiresAt).toBe(NOW + 36_000_000);
      expect(token.scope).toEqual([
        'profile',
        'patient/Patient.rs',
        'patient/Coverage.rs',
        'patient/ExplanationOfBenefit.rs',
      ]);
      expect(token.patient).toBe('-20140000000001');
      expect(token.accessGrantExpiration).toEqual(new Date('2025-09-05T19:17:53Z'));

      expect(server.seen).toHaveLength(1);
      const form = expectTokenRequest(server.seen[0], 'refresh_token');
      expect(form.get('refresh_token')).toBe(REFRESH_TOKEN);
    });

    test('refresh on expiry: a client refreshes with the docs example, then calls with its new access token', async () => {
      const name = 'token-response-refresh-docs-example.json';
      const fresh = stringField(readSample(name), 'access_token');
      server.serve(
        SANDBOX_ORIGIN,
        firstOf(
          at('POST', TOKEN_PATH, tokenReply(sampleText(name))),
          at('GET', '/v2/connect/userinfo', {
            body: sampleText('v2-userinfo.json'),
            contentType: 'application/json',
          }),
        ),
      );
      const expired = tokenFor(2);
      const bb = makeBlueButton(server, {
        baseUrl: SANDBOX_ORIGIN,
        version: 2,
        now: () => expired.expiresAt + 1,
      });
      const client = bb.client(expired);

      expect(await client.v2.userinfo()).toStrictEqual(readSample('v2-userinfo.json'));
      expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
        `POST ${TOKEN_PATH}`,
        'GET /v2/connect/userinfo',
      ]);
      expectTokenRequest(server.seen[0], 'refresh_token');
      expectAuthorizedGet(server.seen[1]!, fresh);
      expect(client.token.accessToken).toBe(fresh);
    });
  });

  describe('token error bodies on a refresh', () => {
    // Statuses per bb2-api 2.8: reuse 400; expired grant 400 in the docs (401 since 2025-11); bad client 401.
    const CASES = [
      {
        name: 'token-error-reused-refresh-token-docs-example.json',
        status: 400,
        code: 'REAUTHORIZATION_REQUIRED',
        reason: 'refresh-token-reused',
        error: 'invalid_grant',
      },
      {
        name: 'token-error-expired-data-access-grant-docs-example.json',
        status: 400,
        code: 'REAUTHORIZATION_REQUIRED',
        reason: 'grant-expired',
        error: 'invalid_grant',
      },
      {
        name: 'token-error-expired-data-access-grant-docs-example.json',
        status: 401,
        code: 'REAUTHORIZATION_REQUIRED',
        reason: 'grant-expired',
        error: 'invalid_grant',
      },
      {
        name: 'token-error-invalid-client-docs-example.json',
        status: 401,
        code: 'TOKEN_REQUEST_FAILED',
        reason: undefined,
        error: 'invalid_client',
      },
    ] as const;

    test('every token-error sample has a case', () => {
      expect([...new Set(CASES.map((c) => c.name))].sort()).toEqual([...samplesFor('token-error')].sort());
    });

    test.each(CASES)('$name with $status: $code $reason', async ({ name, status, code, reason, error }) => {
      server.serve(SANDBOX_ORIGIN, at('POST', TOKEN_PATH, tokenReply(sampleText(name), status)));

      const e = await log.rejection(bbAt().refreshAuthToken(tokenFor(2)));
      expect(isBlueButtonError(e)).toBe(true);
      expect(e).toMatchObject({ code, status, error });
      const description = stringField(readSample(name), 'error_description');
      expect(e).toMatchObject({ errorDescription: description });
      if (reason === undefined) {
        expect(e).toBeInstanceOf(OAuthError);
      } else {
        expect(e).toBeInstanceOf(ReauthorizationRequiredError);
        expect(e).toMatchObject({ reason });
      }
      expect(server.seen).toHaveLength(1);
      const form = expectTokenRequest(server.seen[0], 'refresh_token');
      expect(form.get('refresh_token')).toBe(REFRESH_TOKEN);
    });

    test('through a client: a reused refresh token ends the call with REAUTHORIZATION_REQUIRED, no FHIR request', async () => {
      server.serve(
        SANDBOX_ORIGIN,
        at(
          'POST',
          TOKEN_PATH,
          tokenReply(sampleText('token-error-reused-refresh-token-docs-example.json'), 400),
        ),
      );
      const expired = tokenFor(2);
      const bb = makeBlueButton(server, {
        baseUrl: SANDBOX_ORIGIN,
        version: 2,
        now: () => expired.expiresAt + 1,
      });
      const e = await log.rejection(bb.client(expired).v2.ExplanationOfBenefit.search());
      expect(e).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED', reason: 'refresh-token-reused' });
      expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${TOKEN_PATH}`]);
    });
  });

  describe('a FHIR OperationOutcome error body', () => {
    test.each(samplesFor('operation-outcome'))(
      '%s with 400 on a v3 read: HttpError with status and operationOutcome',
      async (name) => {
        const sample = readSample(name);
        const path = '/v3/fhir/Coverage/part-d--30250000008325';
        server.serve(SANDBOX_ORIGIN, at('GET', path, { status: 400, body: sampleText(name) }));
        const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 3 }).client(tokenFor(3));

        const e = await log.rejection(client.v3.Coverage.read('part-d--30250000008325'));
        expect(e).toBeInstanceOf(HttpError);
        const diagnostics = stringField(arrayField(sample, 'issue')[0], 'diagnostics');
        expect(diagnostics).toMatch(/Unsupported ID pattern/);
        expect(e).toMatchObject({ code: 'HTTP_ERROR', status: 400, method: 'GET' });
        if (!(e instanceof HttpError)) throw e;
        // The server's text is kept with the id it echoes redacted, and never copied into the message.
        expect(e.operationOutcome?.issue[0]?.diagnostics).toBe(
          diagnostics?.replace(/(Unsupported ID pattern: ).*/, '$1[redacted]'),
        );
        expect(e.message).not.toContain('Unsupported ID pattern');
        // The URL in the error names the endpoint, not the resource id.
        expect(e.url).toBe(`${SANDBOX_ORIGIN}/v3/fhir/Coverage/[redacted]`);
        expect(server.seen).toHaveLength(1);
        expectAuthorizedGet(server.seen[0]!);
      },
    );

    test("the id in the sample's diagnostics is not a FHIR id: refused with INVALID_PARAMS, nothing sent", async () => {
      server.serve(SANDBOX_ORIGIN, () => undefined);
      const client = makeBlueButton(server, { baseUrl: SANDBOX_ORIGIN, version: 3 }).client(tokenFor(3));
      const e = await log.rejection(client.v3.Coverage.read('part-d____--20140000008325'));
      expect(e).toMatchObject({ code: 'INVALID_PARAMS' });
      expect(server.seen).toEqual([]);
    });
  });

  test('errors produced in this file print no token, refresh token, client secret or Basic credential', () => {
    expect(log.errors.length).toBeGreaterThanOrEqual(7);
    log.expectNoSecrets([
      ACCESS_TOKEN,
      REFRESH_TOKEN,
      CLIENT_SECRET,
      BASIC.slice('Basic '.length),
      ...sampleSecrets(),
    ]);
  });
});
