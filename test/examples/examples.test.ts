/** The examples README shows run for real: the Express callback app and the payments analytics. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlueButton, CODE_SYSTEMS } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import { expect, test } from 'vitest';
import { claimTypeOf, paymentsByClaimType } from '../../examples/analytics.js';
import { createApp } from '../../examples/express-callback.js';

test('the Express callback example: /login redirects to consent, /callback reads claims and saves the token', async () => {
  const sandbox = await startSandbox({
    beneficiaries: 1,
    eobsPerBeneficiary: 25,
    redirectUri: 'http://127.0.0.1:3000/callback',
  });
  const saved = new Map<string, string>();
  const bb = new BlueButton({ ...sandbox.config(), version: 2 });
  const app = createApp(bb, async (patient, json) => void saved.set(patient, json));
  const server = await new Promise<Server>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${url}/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const callback = new URL(await sandbox.authorize(login.headers.get('location') ?? ''));
    const res = await fetch(`${url}${callback.pathname}${callback.search}`, { headers: { cookie } });
    expect(await res.json()).toEqual({
      patient: sandbox.dataset.beneficiaries[0]?.patientId.v2,
      claims: 25,
      firstPage: 10,
    });
    expect(
      JSON.parse(saved.get(sandbox.dataset.beneficiaries[0]?.patientId.v2 ?? '') ?? '{}'),
    ).toHaveProperty('refresh_token');
    const denied = await fetch(`${url}/callback?code=x&state=y`, { headers: { cookie } });
    expect(denied.status).toBe(400); // the login was used up
  } finally {
    await new Promise((r) => server.close(r));
    await sandbox.close();
  }
});

test('the analytics example sums payments by claim type from typed fields', async () => {
  const sandbox = await startSandbox({ seed: 7, beneficiaries: 1, eobsPerBeneficiary: 300 });
  try {
    const bb = new BlueButton({ ...sandbox.config(), version: 2 });
    const authData = bb.generateAuthData();
    const token = await bb.handleCallback(
      authData,
      await sandbox.authorize(bb.generateAuthorizeUrl(authData)),
    );
    const client = bb.client(token);
    const totals = await paymentsByClaimType(
      client.v2.ExplanationOfBenefit.all({ _count: 50 }, { concurrency: 4 }),
    );
    const eobs = await client.v2.ExplanationOfBenefit.searchAll({ _count: 50 });
    expect([...totals.values()].reduce((n, t) => n + t.claims, 0)).toBe(300);
    const pde = eobs.filter((e) => claimTypeOf(e) === 'pde');
    expect(totals.get('pde')?.claims).toBe(pde.length);
    expect(totals.get('pde')?.paid).toBeCloseTo(
      pde.reduce((n, e) => n + (e.payment?.amount?.value ?? 0), 0),
      6,
    );
    expect(eobs.every((e) => e.type.coding?.some((c) => c.system === CODE_SYSTEMS.eobType))).toBe(true);
  } finally {
    await sandbox.close();
  }
});
