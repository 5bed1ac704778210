/**
 * What the SDK makes of the token and revoke endpoints' answers as CMS's server code gives them
 * (bb2-api.md section 9), and that OAuth POSTs follow no redirect: a 3xx is TOKEN_REQUEST_FAILED and the
 * redirect target receives nothing, with Node's fetch and with an injected one.
 */
import { HttpError, isBlueButtonError, OAuthError, ReauthorizationRequiredError } from 'bluebutton-ts';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { blueButtonAt, consent } from './helpers/connect.js';
import { type FakeBb2, startCounter, startFakeBb2 } from './helpers/fake-bb2.js';

let fake: FakeBb2;
beforeEach(async () => {
  fake = await startFakeBb2();
});
afterEach(() => fake.close());

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('a refresh token whose authorization a re-consent cancelled', () => {
  test.each([
    [2, 400, 'invalid_request'],
    [3, 403, 'Request denied'],
  ] as const)('v%i answers %i %s: REAUTHORIZATION_REQUIRED grant-revoked', async (version, status, error) => {
    const bb = blueButtonAt(fake, version);
    const first = await consent(fake, bb);
    await consent(fake, bb); // the beneficiary authorizes the app again
    const e = await rejection(bb.refreshAuthToken(first));
    expect(e).toBeInstanceOf(ReauthorizationRequiredError);
    expect(e).toMatchObject({ code: 'REAUTHORIZATION_REQUIRED', reason: 'grant-revoked', status, error });
    expect(fake.refreshes()).toHaveLength(1);
  });

  test('a v3 403 without an OAuth error is not mistaken for refresh-not-allowed or a reuse', async () => {
    const bb = blueButtonAt(fake, 3);
    const first = await consent(fake, bb);
    await consent(fake, bb);
    const e = (await rejection(bb.refreshAuthToken(first))) as ReauthorizationRequiredError;
    expect(e.reason).toBe('grant-revoked');
    expect(e.message).toBe(
      'Reauthorization required: the beneficiary revoked access, or the grant no longer exists',
    );
  });
});

describe('revoke', () => {
  test('a valid token: 200 with an empty text/html body resolves', async () => {
    const bb = blueButtonAt(fake, 2);
    await expect(bb.revokeAuthToken(await consent(fake, bb))).resolves.toBeUndefined();
  });

  test('an unknown or already-revoked token: BB2 answers 500, reported as HTTP_ERROR 500 in our words', async () => {
    const bb = blueButtonAt(fake, 2);
    const token = await consent(fake, bb);
    await bb.revokeAuthToken(token);
    const e = await rejection(bb.revokeAuthToken(token));
    expect(e).toBeInstanceOf(HttpError);
    expect(e).not.toBeInstanceOf(OAuthError);
    expect(e).toMatchObject({ code: 'HTTP_ERROR', status: 500, method: 'POST' });
    const message = (e as Error).message;
    expect(message).toContain('/v2/o/revoke/');
    expect(message).toContain('BB2 answers 500 when it does not know the token');
    expect(message).not.toContain('Token request failed');
    expect(message).not.toContain('Server Error (500)');
    expect(message).not.toContain(token.accessToken);
    expect(fake.seen.filter((r) => r.path === '/v2/o/revoke/')).toHaveLength(2);
  });

  test('other refusals stay TOKEN_REQUEST_FAILED with the OAuth error', async () => {
    const bb = blueButtonAt(fake, 2);
    const token = await consent(fake, bb);
    fake.override = (r) =>
      r.path === '/v2/o/revoke/'
        ? { status: 401, body: '{"error":"invalid_client"}', headers: { 'Content-Type': 'application/json' } }
        : undefined;
    expect(await rejection(bb.revokeAuthToken(token))).toMatchObject({
      code: 'TOKEN_REQUEST_FAILED',
      status: 401,
      error: 'invalid_client',
    });
  });
});

describe('OAuth POSTs follow no redirect', () => {
  let target: Awaited<ReturnType<typeof startCounter>>;
  beforeEach(async () => {
    target = await startCounter();
  });
  afterEach(() => target.close());

  const redirectTokenAndRevoke = (status: number) => {
    fake.override = (r) =>
      r.method === 'POST' ? { status, headers: { Location: `${target.url}${r.path}` } } : undefined;
  };

  const fetches = {
    "Node's fetch": undefined,
    'an injected fetch': ((input, init) => globalThis.fetch(input, init)) as typeof fetch,
  };

  for (const [label, injected] of Object.entries(fetches)) {
    test.each([301, 302, 303, 307, 308])(
      `${label}: a %i on exchange, refresh and revoke is TOKEN_REQUEST_FAILED; the target gets 0 requests`,
      async (status) => {
        const bb = blueButtonAt(fake, 2, injected ? { fetch: injected } : {});
        const token = await consent(fake, bb);
        redirectTokenAndRevoke(status);
        const authData = bb.generateAuthData();
        const calls = [
          bb.getAuthorizationToken(authData, fake.issueCode(), authData.state, null),
          bb.refreshAuthToken(token),
          bb.revokeAuthToken(token),
        ];
        for (const call of calls) {
          const e = await rejection(call);
          expect(isBlueButtonError(e)).toBe(true);
          expect(e).toBeInstanceOf(OAuthError);
          expect(e).toMatchObject({ code: 'TOKEN_REQUEST_FAILED', status });
          expect((e as Error).message).toContain('follow no redirect');
        }
        expect(target.count()).toBe(0);
        // Each was sent once to BB2: not retried, not re-sent.
        expect(fake.seen.filter((r) => r.method === 'POST')).toHaveLength(4);
      },
    );
  }

  test('a client refreshing on its own after a 401 does not follow a redirect either', async () => {
    const bb = blueButtonAt(fake, 2);
    const token = await consent(fake, bb);
    const client = bb.client(token);
    fake.override = (r) => {
      if (r.method === 'GET')
        return { status: 401, body: '{"detail":"expired"}', headers: { 'Content-Type': 'application/json' } };
      return { status: 307, headers: { Location: `${target.url}${r.path}` } };
    };
    expect(await rejection(client.v2.Coverage.search())).toMatchObject({
      code: 'TOKEN_REQUEST_FAILED',
      status: 307,
    });
    expect(target.count()).toBe(0);
    expect(client.token.accessToken).toBe(token.accessToken);
  });

  test('a fetch that follows redirects whatever it is told: its answer is not taken as a token', async () => {
    const following: typeof fetch = async (input, init) => {
      const { redirect: _ignored, ...rest } = init ?? {};
      return globalThis.fetch(input, rest);
    };
    const bb = blueButtonAt(fake, 2, { fetch: following });
    const token = await consent(fake, bb);
    fake.override = (r) =>
      r.method === 'POST' ? { status: 307, headers: { Location: `${target.url}${r.path}` } } : undefined;
    const e = await rejection(bb.refreshAuthToken(token));
    expect(e).toMatchObject({ code: 'TOKEN_REQUEST_FAILED' });
    expect(e).not.toHaveProperty('accessToken');
  });
});
