/**
 * The smoke flow every runtime runs (test/runtimes/runtimes.test.ts bundles it with the SDK): web-standard
 * APIs only, so the same code runs on Node, Bun, Deno and workerd. It consents over HTTP as a browser
 * would, exchanges the code, walks EOBs with concurrency through a mid-walk refresh, provokes an
 * INVALID_PARAMS and a refused token request, and checks that no secret reaches a printed error.
 */
import { BlueButton, isBlueButtonError } from 'bluebutton-ts';

export interface SmokeInput {
  readonly config: {
    clientId: string;
    clientSecret: string;
    callbackUrl: string;
    baseUrl: string;
    environment: 'LOCAL';
  };
  readonly beneficiary: string;
}

export interface SmokeResult {
  readonly runtime: string;
  readonly eobs: number;
  readonly refreshed: boolean;
  readonly invalidParams: string;
  readonly refusedExchange: string;
  readonly configPath: string;
  /** Printed forms (String, JSON, the runtime's inspect) that held a secret: must be empty. */
  readonly leaks: readonly string[];
  readonly inspectedWith: string;
}

type Inspect = (value: unknown) => string;

async function consent(authorizeUrl: string, beneficiary: string): Promise<string> {
  let url = authorizeUrl;
  let response = await fetch(url, { redirect: 'manual' });
  // Django's append-slash redirect.
  for (let hop = 0; response.status === 301 && hop < 3; hop++) {
    await response.body?.cancel();
    url = new URL(response.headers.get('location') ?? '', url).toString();
    response = await fetch(url, { redirect: 'manual' });
  }
  const action = /<form[^>]*\baction="([^"]+)"/.exec(await response.text())?.[1];
  if (action === undefined) throw new Error(`no consent form (HTTP ${response.status})`);
  const submitted = await fetch(new URL(action.replace(/&amp;/g, '&'), url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ beneficiary, share_demographics: 'true', allow: 'true' }),
  });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || location === null) throw new Error(`consent refused (${submitted.status})`);
  return location;
}

function codeOf(error: unknown): string {
  return isBlueButtonError(error) ? error.code : `not a BlueButtonError: ${String(error)}`;
}

export async function runSmoke(runtime: string, input: SmokeInput, inspect?: Inspect): Promise<SmokeResult> {
  const bb = new BlueButton({
    ...input.config,
    version: 2,
    retrySettings: { total: 2, backoffFactor: 0.01 },
  });
  const authData = bb.generateAuthData();
  const callback = await consent(bb.generateAuthorizeUrl(authData), input.beneficiary);
  const code = new URL(callback).searchParams.get('code') ?? '';
  const token = await bb.handleCallback(authData, callback);
  const client = bb.client(token);

  let eobs = 0;
  for await (const _ of client.v2.ExplanationOfBenefit.all({ _count: 10 }, { concurrency: 3 })) eobs++;

  let invalidParams = 'no error';
  try {
    await client.v2.ExplanationOfBenefit.search({ notAParameter: 'x' } as never);
  } catch (error) {
    invalidParams = codeOf(error);
  }

  // The code is spent: BB2 refuses it, and the error must not carry it, the verifier or a token.
  let refusedExchange = 'no error';
  let refusal: unknown;
  try {
    await bb.handleCallback(authData, callback);
  } catch (error) {
    refusal = error;
    refusedExchange = codeOf(error);
  }

  let configPath = 'no error';
  try {
    new BlueButton('bluebutton-config.yaml');
  } catch (error) {
    configPath = `${codeOf(error)}: ${error instanceof Error ? error.message : ''}`;
  }

  const secrets = [
    code,
    authData.verifier,
    token.accessToken,
    token.refreshToken ?? '',
    client.token.accessToken,
    input.config.clientSecret,
  ].filter((s) => s.length >= 8);
  const printed: Record<string, string> = {
    'String(refusal)': String(refusal),
    'JSON(refusal)': JSON.stringify(refusal),
    'String(token)': String(token),
  };
  if (inspect !== undefined) {
    printed['inspect(refusal)'] = inspect(refusal);
    printed['inspect(authData)'] = inspect(authData);
    printed['inspect(token)'] = inspect(token);
    printed['inspect(client)'] = inspect(client);
  }
  const leaks = Object.entries(printed)
    .filter(([, text]) => secrets.some((secret) => text.includes(secret)))
    .map(([form]) => form);

  return {
    runtime,
    eobs,
    refreshed: client.token.accessToken !== token.accessToken,
    invalidParams,
    refusedExchange,
    configPath,
    leaks,
    inspectedWith: inspect === undefined ? 'none (String and JSON only)' : 'the runtime inspect',
  };
}
