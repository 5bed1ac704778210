import { afterEach, describe, expect, it } from 'vitest';
import { bundleOf, closeSandboxes, fhirGet, json, obtainTokens, sandboxWith } from './helpers.js';

afterEach(closeSandboxes);

const FORBIDDEN = { detail: 'You do not have permission to perform this action.' };
const NOT_FOUND = { detail: 'Not found.' };

describe('authentication (bb2-api 3.1, 4.1)', () => {
  it('refuses an access token in the query', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const response = await fetch(`${sandbox.url}/v2/fhir/Patient/?access_token=${tokens.access_token}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      detail:
        'Using the access token in the query parameters is not supported. Use the Authorization header instead',
    });
  });

  it('answers 401 with WWW-Authenticate without a token or with an unknown one', async () => {
    const sandbox = await sandboxWith();
    const none = await fetch(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await none.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    const unknown = await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, 'not-a-token');
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe(
      'Bearer realm="api",error="invalid_token",error_description="The access token is invalid."',
    );
  });

  it('answers a non-GET with 405 after authenticating', async () => {
    const sandbox = await sandboxWith();
    const anonymous = await fetch(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    const tokens = await obtainTokens(sandbox);
    const response = await fetch(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ detail: 'Method "POST" not allowed.' });
  });
});

describe('permissions', () => {
  it('enforces ENDPOINTS scope groups (read vs search)', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox, {
      scope: 'patient/ExplanationOfBenefit.r patient/Coverage.s',
    });
    const claimId = sandbox.dataset.claimHeader(sandbox.dataset.beneficiaries[0]!, 0).id;
    const url = (path: string) => `${sandbox.url}/v2/fhir/${path}`;
    expect((await fhirGet(url(`ExplanationOfBenefit/${claimId}`), tokens.access_token)).status).toBe(200);
    const search = await fhirGet(url('ExplanationOfBenefit/'), tokens.access_token);
    expect(search.status).toBe(403);
    expect(await search.json()).toEqual(FORBIDDEN);
    expect((await fhirGet(url('Coverage/'), tokens.access_token)).status).toBe(200);
    expect((await fhirGet(url('Coverage/part-a--20140000000001'), tokens.access_token)).status).toBe(403);
    expect((await fhirGet(url('Patient/'), tokens.access_token)).status).toBe(403);
  });

  it('refuses Patient without demographic scopes', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox, { shareDemographics: false });
    for (const path of ['Patient/', `Patient/${tokens.patient}`]) {
      const response = await fhirGet(`${sandbox.url}/v2/fhir/${path}`, tokens.access_token);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual(FORBIDDEN);
    }
    expect((await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, tokens.access_token)).status).toBe(
      200,
    );
  });

  it('treats v1 and v2 tokens as one family and refuses them on v3 (and the reverse)', async () => {
    const sandbox = await sandboxWith();
    const v1 = await obtainTokens(sandbox, { version: 1 });
    const v3 = await obtainTokens(sandbox, { version: 3 });
    expect((await fhirGet(`${sandbox.url}/v2/fhir/Patient/${v1.patient}`, v1.access_token)).status).toBe(200);
    const onV3 = await fhirGet(`${sandbox.url}/v3/fhir/ExplanationOfBenefit/`, v1.access_token);
    expect(onV3.status).toBe(403);
    expect(await onV3.json()).toEqual(FORBIDDEN);
    const onV2 = await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, v3.access_token);
    expect(onV2.status).toBe(403);
    expect((await fhirGet(`${sandbox.url}/v3/fhir/ExplanationOfBenefit/`, v3.access_token)).status).toBe(200);
  });
});

describe('reads', () => {
  it("reads the patient's own Patient, Coverage and EOB, with or without a trailing slash", async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const bene = sandbox.dataset.beneficiaries[0]!;
    const claim = sandbox.dataset.claimHeader(bene, 4);
    for (const [path, id] of [
      [`Patient/${tokens.patient}`, tokens.patient],
      [`Coverage/part-b-${tokens.patient}/`, `part-b-${tokens.patient}`],
      [`ExplanationOfBenefit/${claim.id}`, claim.id],
    ] as const) {
      const response = await fhirGet(`${sandbox.url}/v2/fhir/${path}`, tokens.access_token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/fhir+json');
      expect((await json(response)).id).toBe(id);
    }
    const v3 = await obtainTokens(sandbox, { version: 3 });
    const eob = await fhirGet(`${sandbox.url}/v3/fhir/ExplanationOfBenefit/${claim.idV3}`, v3.access_token);
    expect((await json(eob)).id).toBe(claim.idV3);
  });

  it("answers 404 for another beneficiary's resources", async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const other = sandbox.dataset.beneficiaries[1]!;
    const otherClaim = sandbox.dataset.claimHeader(other, 0);
    for (const path of [
      `Patient/${other.patientId.v2}`,
      `Coverage/part-a-${other.patientId.v2}`,
      `ExplanationOfBenefit/${otherClaim.id}`,
    ]) {
      const response = await fhirGet(`${sandbox.url}/v2/fhir/${path}`, tokens.access_token);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(NOT_FOUND);
    }
    const v3 = await obtainTokens(sandbox, { version: 3 });
    const response = await fhirGet(
      `${sandbox.url}/v3/fhir/ExplanationOfBenefit/${otherClaim.idV3}`,
      v3.access_token,
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(NOT_FOUND);
  });

  it('v3 passes the backend OperationOutcome through for ids that exist nowhere', async () => {
    const sandbox = await sandboxWith();
    const v3 = await obtainTokens(sandbox, { version: 3 });
    const response = await fhirGet(`${sandbox.url}/v3/fhir/ExplanationOfBenefit/-1`, v3.access_token);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'not-found',
          diagnostics: 'HAPI-2001: Resource ExplanationOfBenefit/-1 is not known',
        },
      ],
    });
  });

  it('maps a malformed Coverage id to the upstream 400 (v1/v2 wrapped, v3 OperationOutcome)', async () => {
    const sandbox = await sandboxWith();
    const v2 = await obtainTokens(sandbox);
    const diagnostics =
      'Failed to call access method: java.lang.IllegalArgumentException: Unsupported ID pattern: part-d____--20140000000001';
    const wrapped = await fhirGet(
      `${sandbox.url}/v2/fhir/Coverage/part-d____--20140000000001`,
      v2.access_token,
    );
    expect(wrapped.status).toBe(400);
    expect(await wrapped.json()).toEqual({
      detail: `An error occurred contacting the upstream server:${diagnostics}`,
    });
    const v3 = await obtainTokens(sandbox, { version: 3 });
    const outcome = await fhirGet(
      `${sandbox.url}/v3/fhir/Coverage/part-d____--20140000000001`,
      v3.access_token,
    );
    expect(outcome.status).toBe(400);
    expect(await outcome.json()).toEqual({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'processing', diagnostics }],
    });
  });

  it('serves the v3 insurance card with Patient read and Coverage search scopes only', async () => {
    const sandbox = await sandboxWith();
    const v3 = await obtainTokens(sandbox, { version: 3 });
    for (const path of ['Patient/$generate-insurance-card', 'Patient/$generate-insurance-card/']) {
      const card = await fhirGet(`${sandbox.url}/v3/fhir/${path}`, v3.access_token);
      expect(card.status).toBe(200);
      const body = await json(card);
      expect(body.resourceType).toBe('Bundle');
      expect(body.type).toBe('collection');
    }
    const noCoverage = await obtainTokens(sandbox, { version: 3, scope: 'patient/Patient.rs' });
    const refused = await fhirGet(
      `${sandbox.url}/v3/fhir/Patient/$generate-insurance-card`,
      noCoverage.access_token,
    );
    expect(refused.status).toBe(403);
  });

  it('refuses unsupported resource types and unknown paths', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const observation = await fhirGet(`${sandbox.url}/v2/fhir/Observation/`, tokens.access_token);
    expect(observation.status).toBe(404);
    expect(await observation.json()).toEqual({
      detail: 'The requested resource type, Observation, is not supported',
    });
    const unknown = await fetch(`${sandbox.url}/v9/whatever`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('<h1>Not Found</h1>');
  });

  it('answers application/json when the client asks for it', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const response = await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token, {
      accept: 'application/json',
    });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect((await bundleOf(response)).resourceType).toBe('Bundle');
  });
});
