/**
 * Every error body shape BB2 sends becomes one HttpError (`code` HTTP_ERROR) with `status`, `method`, a
 * redacted `url`, and `detail` or `operationOutcome`; a success body that is not JSON is INVALID_RESPONSE.
 */
import { inspect } from 'node:util';
import { HttpError, InvalidResponseError, isBlueButtonError } from 'bluebutton-ts';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  as,
  closeAll,
  connect,
  EOB_READ,
  EOB_SEARCH,
  openSandbox,
  PATIENT_READ,
  rejectionOf,
} from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await openSandbox();
});
afterEach(closeAll);

const NO_RETRY = { retrySettings: { total: 0 } } as const;

async function searchError(step: Parameters<Sandbox['faults']['set']>[1][number]): Promise<HttpError> {
  const { client } = await connect(sandbox, 2, NO_RETRY);
  sandbox.faults.set(EOB_SEARCH, [step]);
  return as(await rejectionOf(client.v2.ExplanationOfBenefit.search({ _count: 5 })), HttpError);
}

describe('HttpError across body shapes', () => {
  test('{detail} (v2 403) with method, redacted url and status', async () => {
    const e = await searchError(403);
    expect(isBlueButtonError(e)).toBe(true);
    expect(e.name).toBe('HttpError');
    expect(e.code).toBe('HTTP_ERROR');
    expect(e.status).toBe(403);
    expect(e.method).toBe('GET');
    expect(e.url).toBe(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/?_count=5`);
    expect(e.detail).toBe('You do not have permission to perform this action.');
    expect(e.operationOutcome).toBeUndefined();
    expect(e.message).toContain('403');
    // Server text stays on `detail`; the message is the SDK's own words.
    expect(e.message).not.toContain('You do not have permission');
    expect(e.message).toContain('the token does not grant access');
  });

  test('{detail} (v2 404) on a Patient read: the id is redacted from url and message', async () => {
    const { client, token } = await connect(sandbox, 2, NO_RETRY);
    sandbox.faults.set(PATIENT_READ, [404]);
    const e = as(await rejectionOf(client.v2.Patient.read(token.patient)), HttpError);
    expect(e.status).toBe(404);
    expect(e.detail).toBe('Not found.');
    expect(e.url).toBe(`${sandbox.url}/v2/fhir/Patient/[redacted]`);
    expect(e.message).not.toContain(token.patient);
    expect(JSON.stringify(e)).not.toContain(token.patient);
    expect(inspect(e, { depth: 5 })).not.toContain(token.patient);
  });

  test('a real 404 from the server (an EOB of another beneficiary) carries the same shape', async () => {
    const { client } = await connect(sandbox, 2, NO_RETRY);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.read('carrier--1')), HttpError);
    expect(e.status).toBe(404);
    expect(e.detail).toBe('Not found.');
    expect(e.url).toBe(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/[redacted]`);
  });

  test('{status_code, message}', async () => {
    const e = await searchError({ status: 403, body: { status_code: 403, message: 'Request denied' } });
    expect(e.status).toBe(403);
    expect(e.detail).toBe('Request denied');
  });

  test('OAuth {error, error_description}', async () => {
    const e = await searchError({
      status: 400,
      body: { error: 'invalid_request', error_description: 'The request is missing a parameter' },
    });
    expect(e.status).toBe(400);
    expect(e.detail).toBe('invalid_request: The request is missing a parameter');
  });

  test('v3 strict mode {error} alone', async () => {
    const e = await searchError({ status: 400, body: { error: "Invalid parameters: ['hello']" } });
    expect(e.detail).toBe("Invalid parameters: ['hello']");
  });

  test('{"error":"Server Error (500)"}', async () => {
    const e = await searchError(500);
    expect(e.status).toBe(500);
    expect(e.detail).toBe('Server Error (500)');
  });

  test('502 {detail} from an upstream failure', async () => {
    const e = await searchError(502);
    expect(e.status).toBe(502);
    expect(e.detail).toBe('A failure occurred contacting the upstream server');
  });

  test('an HTML 503 page from the load balancer: no detail, and no HTML in the message', async () => {
    const e = await searchError(503);
    expect(e.status).toBe(503);
    expect(e.detail).toBeUndefined();
    expect(e.operationOutcome).toBeUndefined();
    expect(e.message).not.toContain('<');
  });

  test('a v3 OperationOutcome passed through from BFD', async () => {
    const { client } = await connect(sandbox, 3, NO_RETRY);
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'processing',
          diagnostics:
            'Failed to call access method: java.lang.IllegalArgumentException: Unsupported ID pattern',
        },
      ],
    };
    sandbox.faults.set(EOB_READ.replace('/v2/', '/v3/'), [{ status: 400, body: outcome }]);
    const e = as(await rejectionOf(client.v3.ExplanationOfBenefit.read('-9631024438695')), HttpError);
    expect(e.status).toBe(400);
    expect(e.detail).toBeUndefined();
    expect(e.operationOutcome?.issue?.[0]?.diagnostics).toBe(outcome.issue[0]?.diagnostics);
    expect(e.operationOutcome).toEqual(outcome);
    expect(e.url).toBe(`${sandbox.url}/v3/fhir/ExplanationOfBenefit/[redacted]`);
    expect(e.message).not.toContain('Unsupported ID pattern');
    expect(e.message).toContain('operationOutcome');
  });

  test('the raw Response is attached but not enumerable', async () => {
    const e = await searchError(404);
    expect(e.response).toBeInstanceOf(Response);
    expect(e.response?.status).toBe(404);
    expect(Object.getOwnPropertyNames(e)).not.toContain('response');
    expect(JSON.stringify(e)).not.toContain('Response');
    expect(inspect(e, { depth: 5, showHidden: true })).not.toContain('Response {');
  });

  test('toJSON gives the plain fields for logs', async () => {
    const e = await searchError(403);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({
      name: 'HttpError',
      code: 'HTTP_ERROR',
      status: 403,
      method: 'GET',
      url: `${sandbox.url}/v2/fhir/ExplanationOfBenefit/?_count=5`,
      detail: 'You do not have permission to perform this action.',
    });
  });
});

describe('INVALID_RESPONSE', () => {
  test("a 200 that is not JSON ('non-json') is INVALID_RESPONSE with a cause and the Response hidden", async () => {
    const { client } = await connect(sandbox, 2, NO_RETRY);
    sandbox.faults.set(EOB_SEARCH, ['non-json']);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), InvalidResponseError);
    expect(e.code).toBe('INVALID_RESPONSE');
    expect(e.status).toBe(200);
    expect(e.url).toBe(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`);
    expect(e.cause).toBeInstanceOf(SyntaxError);
    expect(e.response).toBeInstanceOf(Response);
    expect(Object.keys(e)).not.toContain('response');
  });

  test('a non-JSON 200 is not retried (the server answered)', async () => {
    const { client } = await connect(sandbox, 2);
    sandbox.faults.set(EOB_SEARCH, ['non-json', 'non-json']);
    await rejectionOf(client.v2.ExplanationOfBenefit.search());
    expect(sandbox.requests.filter((r) => r.routeKey === EOB_SEARCH)).toHaveLength(1);
  });

  test('a 200 with another resourceType is INVALID_RESPONSE naming both', async () => {
    const { client } = await connect(sandbox, 2, NO_RETRY);
    sandbox.faults.set(EOB_SEARCH, [{ status: 200, body: { resourceType: 'Patient', id: 'x' } }]);
    const e = as(await rejectionOf(client.v2.ExplanationOfBenefit.search()), InvalidResponseError);
    expect(e.message).toContain('expected a Bundle, got Patient');
  });
});
