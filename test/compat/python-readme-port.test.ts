/**
 * The Python SDK README's Flask sample ("Obtain Access Grant, Probe Scope, and Access Data"), ported to
 * this SDK and Express, run against the local sandbox: auth URL, callback, scope probe, EOB, getPages,
 * Patient, Coverage, profile. Differences from the original: failures throw typed errors (no
 * `except Exception: print`), and the latest token is threaded through getPages.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AuthData, type AuthorizationToken, BlueButton } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import express from 'express';
import { expect, test } from 'vitest';

function flaskSamplePort(bb: BlueButton<2>) {
  const app = express();
  // auth_data is saved for the current user
  const authData: AuthData = bb.generateAuthData();
  let authToken: AuthorizationToken | undefined;

  // Start authorize flow: respond with the URL to redirect to Medicare.gov beneficiary login
  app.get('/', (_req, res) => void res.send(bb.generateAuthorizeUrl(authData)));

  app.get('/api/bluebutton/callback/', async (req, res) => {
    const code = typeof req.query.code === 'string' ? req.query.code : undefined;
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    authToken = await bb.getAuthorizationToken(authData, code, state);
    // Probe the scope: did the beneficiary share demographics?
    const demographics = authToken.hasScope('patient/Patient.read');

    const eob = await bb.getExplanationOfBenefitData(authToken);
    const eobPages = await bb.getPages(eob.response.data, eob.token);
    authToken = eobPages.token;
    const patient = demographics ? await bb.getPatientData(authToken) : undefined;
    const coverage = await bb.getCoverageData(authToken);
    const profile = demographics ? await bb.getProfileData(authToken) : undefined;
    res.json({
      scopes: authToken.scope,
      eob_data: eob.response.data,
      eob_pages: eobPages.pages,
      patient_data: patient?.response.data,
      coverage_data: coverage.response.data,
      profile_data: profile?.response.data,
    });
  });
  return app;
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test.each([true, false])(
  'the Python README sample, ported (demographics shared: %s)',
  async (shareDemographics) => {
    // The app registers the Flask sample's callback; the browser's redirect is replayed to the app below.
    const sandbox = await startSandbox({
      beneficiaries: 2,
      eobsPerBeneficiary: 47,
      redirectUri: 'http://127.0.0.1:3001/api/bluebutton/callback/',
    });
    const bb = new BlueButton({ ...sandbox.config({ version: 2 }), version: 2 });
    const { server, url } = await listen(flaskSamplePort(bb));
    try {
      const authorizeUrl = await (await fetch(`${url}/`)).text();
      expect(new URL(authorizeUrl).pathname).toBe('/v2/o/authorize/');
      const callback = new URL(await sandbox.authorize(authorizeUrl, { beneficiary: 1, shareDemographics }));
      const result = (await (await fetch(`${url}${callback.pathname}${callback.search}`)).json()) as {
        scopes: string[];
        eob_data: { total?: number };
        eob_pages: { entry?: unknown[] }[];
        patient_data?: { entry?: { resource?: { id?: string } }[] };
        coverage_data: { entry?: unknown[] };
        profile_data?: { sub?: string };
      };
      const patientId = sandbox.dataset.beneficiaries[1]?.patientId.v2;
      expect(result.eob_data.total).toBe(47);
      expect(result.eob_pages).toHaveLength(5);
      expect(result.eob_pages.reduce((n, p) => n + (p.entry?.length ?? 0), 0)).toBe(47);
      expect(result.coverage_data.entry).toHaveLength(4);
      if (shareDemographics) {
        expect(result.scopes).toContain('profile');
        expect(result.patient_data?.entry?.[0]?.resource?.id).toBe(patientId);
        expect(result.profile_data?.sub).toBe(patientId);
      } else {
        expect(result.scopes).not.toContain('profile');
        expect(result.patient_data).toBeUndefined();
      }
    } finally {
      await new Promise((r) => server.close(r));
      await sandbox.close();
    }
  },
);
