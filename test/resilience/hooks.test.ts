/**
 * Hooks receive redacted data only: method, path with identifying query values and path ids replaced by
 * `[redacted]`, status, attempt, duration and delay; never a token, a patient id or an MBI.
 */
import { inspect } from 'node:util';
import type { Sandbox } from 'bluebutton-ts/sandbox';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { closeAll, connect, EOB_SEARCH, fields, openSandbox, PATIENT_READ, recorder } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await openSandbox({ eobsPerBeneficiary: 12 });
});
afterEach(closeAll);

describe('hooks are redacted', () => {
  test('paths hide patient ids in queries and paths, and carry no token', async () => {
    const rec = recorder();
    const { client, token } = await connect(sandbox, 2, { hooks: rec.hooks });
    const bene = sandbox.dataset.beneficiaries[0];
    if (!bene) throw new Error('the sandbox has no beneficiary');
    const patientId = token.patient;
    expect(patientId).toBe(bene.patientId.v2);
    // One retry per call, so onRetry sees every path too.
    sandbox.faults.set(EOB_SEARCH, [503]);
    sandbox.faults.set('GET /v2/fhir/Coverage/', [503]);
    sandbox.faults.set('GET /v2/fhir/Patient/', [503]);
    sandbox.faults.set(PATIENT_READ, [503]);
    await client.v2.ExplanationOfBenefit.search({ patient: patientId, _count: 5 });
    await client.v2.Coverage.search({ beneficiary: patientId });
    await client.v2.Patient.search({ _id: patientId });
    await client.v2.Patient.read(patientId);
    await client.v2.Patient.search({
      identifier: `http://hl7.org/fhir/sid/us-mbi|${bene.mbi}`,
    });

    expect(rec.retries.map((r) => r.path)).toEqual([
      '/v2/fhir/ExplanationOfBenefit/?patient=[redacted]&_count=5',
      '/v2/fhir/Coverage/?beneficiary=[redacted]',
      '/v2/fhir/Patient/?_id=[redacted]',
      '/v2/fhir/Patient/[redacted]',
    ]);
    const dataRequests = rec.requests.filter((r) => r.path.startsWith('/v2/fhir/'));
    expect(dataRequests.map((r) => [r.method, r.path, r.attempt])).toEqual([
      ['GET', '/v2/fhir/ExplanationOfBenefit/?patient=[redacted]&_count=5', 1],
      ['GET', '/v2/fhir/ExplanationOfBenefit/?patient=[redacted]&_count=5', 2],
      ['GET', '/v2/fhir/Coverage/?beneficiary=[redacted]', 1],
      ['GET', '/v2/fhir/Coverage/?beneficiary=[redacted]', 2],
      ['GET', '/v2/fhir/Patient/?_id=[redacted]', 1],
      ['GET', '/v2/fhir/Patient/?_id=[redacted]', 2],
      ['GET', '/v2/fhir/Patient/[redacted]', 1],
      ['GET', '/v2/fhir/Patient/[redacted]', 2],
      ['GET', '/v2/fhir/Patient/?identifier=[redacted]', 1],
    ]);
    // What reached the server was not redacted: the calls really carried the ids.
    expect(sandbox.requests.some((r) => r.query.includes(encodeURIComponent(patientId)))).toBe(true);

    const everything = inspect([rec.requests, rec.responses, rec.retries], { depth: 5 });
    for (const secret of [
      patientId,
      encodeURIComponent(patientId),
      bene.patientId.v3,
      bene.mbi,
      token.accessToken,
      token.refreshToken ?? 'no-refresh-token',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  test('onResponse has method, path, attempt, status, rateLimit and durationMs from the injected clock', async () => {
    const rec = recorder();
    // A driven clock: each EOB attempt "takes" a known time, added by the fetch while it runs.
    let clock = Date.now();
    const took = [7, 30];
    let eobCalls = 0;
    const timedFetch: typeof fetch = async (input, init) => {
      const r = await fetch(input, init);
      if (String(input).includes('/ExplanationOfBenefit/')) clock += took[eobCalls++] ?? 0;
      return r;
    };
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks, now: () => clock, fetch: timedFetch });
    sandbox.faults.set(EOB_SEARCH, [{ status: 502 }]);
    await client.v2.ExplanationOfBenefit.search();
    const eob = rec.responses.filter((r) => r.path === '/v2/fhir/ExplanationOfBenefit/');
    expect(eob.map((r) => [r.method, r.attempt, r.status, r.durationMs])).toEqual([
      ['GET', 1, 502, 7],
      ['GET', 2, 200, 30],
    ]);
    for (const r of eob) {
      expect(Object.keys(fields(r)).sort()).toEqual([
        'attempt',
        'durationMs',
        'method',
        'path',
        'rateLimit',
        'status',
      ]);
    }
  });

  test('onRequest has exactly method, path and attempt; onRetry adds reason and delayMs', async () => {
    const rec = recorder();
    const { client } = await connect(sandbox, 2, { hooks: rec.hooks });
    sandbox.faults.set(EOB_SEARCH, ['reset']);
    await client.v2.ExplanationOfBenefit.search();
    const eob = rec.requests.filter((r) => r.path === '/v2/fhir/ExplanationOfBenefit/');
    expect(eob.map(fields)).toEqual([
      { method: 'GET', path: '/v2/fhir/ExplanationOfBenefit/', attempt: 1 },
      { method: 'GET', path: '/v2/fhir/ExplanationOfBenefit/', attempt: 2 },
    ]);
    expect(rec.retries.map(fields)).toEqual([
      {
        method: 'GET',
        path: '/v2/fhir/ExplanationOfBenefit/',
        attempt: 2,
        reason: 'NETWORK_ERROR',
        delayMs: 10,
      },
    ]);
  });

  test('token requests reach the hooks without the code, verifier or secret', async () => {
    const rec = recorder();
    const { bb, token } = await connect(sandbox, 2, { hooks: rec.hooks });
    await bb.refreshAuthToken(token);
    const tokenCalls = rec.requests.filter((r) => r.method === 'POST');
    expect(tokenCalls.map(fields)).toEqual([
      { method: 'POST', path: '/v2/o/token/', attempt: 1 },
      { method: 'POST', path: '/v2/o/token/', attempt: 1 },
    ]);
    const everything = inspect([rec.requests, rec.responses], { depth: 5 });
    expect(everything).not.toContain(sandbox.client.clientSecret);
    expect(everything).not.toContain(token.accessToken);
  });

  test('paging through next links (which carry the patient id) keeps it out of hook paths', async () => {
    const rec = recorder();
    const { client, token } = await connect(sandbox, 2, { hooks: rec.hooks });
    let pages = 0;
    for await (const _page of client.v2.ExplanationOfBenefit.pages({ _count: 5 })) pages++;
    for await (const _page of client.v2.Coverage.pages({ _count: 2 })) pages++;
    expect(pages).toBe(5);
    // BB2's links repeat `patient=<id>` / `beneficiary=Patient/<id>`: the server saw them...
    const followed = sandbox.requests.filter((r) => r.query.includes('startIndex='));
    expect(followed).toHaveLength(3);
    for (const r of followed) expect(decodeURIComponent(r.query)).toContain(token.patient);
    // ...the hooks did not.
    const paths = rec.requests.filter((r) => r.path.includes('startIndex=')).map((r) => r.path);
    expect(paths).toHaveLength(3);
    for (const p of paths) {
      expect(p).toMatch(/(patient|beneficiary)=\[redacted\]/);
      expect(decodeURIComponent(p)).not.toContain(token.patient);
    }
  });
});
