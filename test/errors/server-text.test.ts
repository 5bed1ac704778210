/**
 * Server text never reaches `message` verbatim: BB2's `Unsupported ID pattern: <patient id>` and a
 * `{detail}` echoing the bearer token stay on `detail` / `operationOutcome`, redacted, and neither
 * `inspect(err, { showHidden: true })` nor JSON shows the id, a `patient=` value or the token.
 */
import { inspect } from 'node:util';
import { isBlueButtonError } from 'bluebutton-ts';
import { afterEach, describe, expect, test } from 'vitest';
import {
  ACCESS_TOKEN,
  bbAt,
  closeLoopbacks,
  json,
  loopback,
  PATIENT_ID,
  tokenFor,
} from '../client/helpers.js';

afterEach(closeLoopbacks);

const NO_RETRY = { retrySettings: { total: 0 } };

function everyView(e: unknown): string[] {
  return [String(e), (e as Error).stack ?? '', inspect(e, { showHidden: true, depth: 8 }), JSON.stringify(e)];
}

describe('server text on errors', () => {
  test.each([
    ['{detail} with the patient id', 400, { detail: `Unsupported ID pattern: ${PATIENT_ID}` }],
    [
      '{detail} echoing the bearer token',
      403,
      { detail: `Token ${ACCESS_TOKEN} is not valid for patient=${PATIENT_ID}` },
    ],
    ['{message} (v3 shape)', 403, { status_code: 403, message: `Bearer ${ACCESS_TOKEN} denied` }],
    [
      'an OperationOutcome',
      400,
      {
        resourceType: 'OperationOutcome',
        issue: [
          { severity: 'error', code: 'processing', diagnostics: `Unsupported ID pattern: ${PATIENT_ID}` },
        ],
      },
    ],
  ])('%s: message in our words, text redacted, no id or token anywhere', async (_what, status, body) => {
    const server = await loopback((_req, res) => json(res, status, body));
    const e = await bbAt(server.url, NO_RETRY)
      .client(tokenFor())
      .v2.ExplanationOfBenefit.search({ _count: 5 })
      .catch((err: unknown) => err);
    expect(isBlueButtonError(e) && e.code).toBe('HTTP_ERROR');
    const message = (e as Error).message;
    expect(message).toMatch(
      new RegExp(`^GET ${server.url}/v2/fhir/ExplanationOfBenefit/\\?_count=5 failed with ${status}: `),
    );
    expect(message).not.toMatch(/Unsupported|Token|Bearer|denied/);
    for (const view of everyView(e)) {
      expect(view).not.toContain(PATIENT_ID);
      expect(view).not.toContain(ACCESS_TOKEN);
    }
    const kept = JSON.stringify(
      (e as { detail?: unknown }).detail ?? (e as { operationOutcome?: unknown }).operationOutcome,
    );
    expect(kept).toContain('[redacted]');
  });

  test('a patient search: the patient= value is in neither url, message, inspect nor JSON', async () => {
    const server = await loopback((_req, res) => json(res, 500, { error: `boom for patient=${PATIENT_ID}` }));
    const e = await bbAt(server.url, NO_RETRY)
      .client(tokenFor(3))
      .v3.ExplanationOfBenefit.search({ _count: 5 })
      .catch((err: unknown) => err);
    expect(isBlueButtonError(e) && e.code).toBe('HTTP_ERROR');
    for (const view of everyView(e)) expect(view).not.toContain(PATIENT_ID);
  });

  test('a wrong resourceType that is not a name is not quoted', async () => {
    const server = await loopback((_req, res) => json(res, 200, { resourceType: `Patient ${ACCESS_TOKEN}` }));
    const e = await bbAt(server.url)
      .client(tokenFor())
      .v2.Patient.read('x')
      .catch((err: unknown) => err);
    expect(isBlueButtonError(e) && e.code).toBe('INVALID_RESPONSE');
    for (const view of everyView(e)) expect(view).not.toContain(ACCESS_TOKEN);
  });
});
