/**
 * `/vN/connect/userinfo` answers 406 to `Accept: application/fhir+json` (bb2-api section 9: CMS's server
 * checks Accept before the token), so userinfo() and getProfileData() ask for plain JSON; a caller's
 * headers win over the SDK's own, except Authorization.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { ACCESS_TOKEN, bbAt, closeLoopbacks, json, loopback, PATIENT_ID, tokenFor } from './helpers.js';

afterEach(closeLoopbacks);

/** Answers userinfo as BB2 does: 406 unless the client accepts application/json. */
async function bb2Userinfo() {
  return loopback((req, res) => {
    const accept = req.headers.accept ?? '';
    if (!accept.split(',').some((a) => a.trim().split(';')[0] === 'application/json')) {
      json(res, 406, { detail: 'Could not satisfy the request Accept header.' });
      return;
    }
    json(
      res,
      200,
      { sub: PATIENT_ID, patient: PATIENT_ID, name: 'A B' },
      { 'content-type': 'application/json' },
    );
  });
}

describe('userinfo', () => {
  test.each([1, 2, 3] as const)(
    'v%s userinfo() sends Accept: application/json and gets the profile',
    async (v) => {
      const server = await bb2Userinfo();
      const info = await bbAt(server.url, {}, v).client(tokenFor(v))[`v${v}`].userinfo();
      expect(info).toMatchObject({ sub: PATIENT_ID });
      expect(server.received.map((r) => `${r.url} ${r.headers.accept}`)).toEqual([
        `/v${v}/connect/userinfo ${'application/json'}`,
      ]);
    },
  );

  test('getProfileData() sends Accept: application/json too', async () => {
    const server = await bb2Userinfo();
    const bb = bbAt(server.url);
    const { response } = await bb.getProfileData(tokenFor(2));
    expect(response.status).toBe(200);
    expect(server.received[0]?.headers.accept).toBe('application/json');
  });

  test('FHIR reads still send Accept: application/fhir+json', async () => {
    const server = await loopback((_req, res) => json(res, 200, { resourceType: 'Patient', id: 'x' }));
    await bbAt(server.url).client(tokenFor(2)).v2.Patient.read('x');
    expect(server.received[0]?.headers.accept).toBe('application/fhir+json');
  });

  test("a caller's headers win over the SDK's (any letter case), but never Authorization or Host", async () => {
    const server = await loopback((_req, res) => json(res, 200, { resourceType: 'Patient', id: 'x' }));
    await bbAt(server.url)
      .client(tokenFor(2))
      .v2.Patient.read('x', {
        headers: {
          accept: 'application/fhir+json; fhirVersion=4.0',
          'user-agent': 'my-app/1.0',
          Prefer: 'handling=strict',
          authorization: 'Bearer someone-elses-token',
          HOST: 'evil.example',
        },
      });
    const h = server.received[0]?.headers ?? {};
    expect(h.accept).toBe('application/fhir+json; fhirVersion=4.0');
    expect(h['user-agent']).toBe('my-app/1.0');
    expect(h.prefer).toBe('handling=strict');
    expect(h.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(h.host).toBe(new URL(server.url).host);
    expect(h['x-bluebutton-sdk']).toBe('bluebutton-ts');
  });
});
