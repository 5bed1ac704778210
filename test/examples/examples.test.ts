/** The examples README shows run for real: the Express callback app and the payments analytics. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlueButton, CODE_SYSTEMS } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import { expect, test } from 'vitest';
import { summarize, topDrugs } from '../../examples/analytics.js';
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

test('the analytics example: cost per year and type, out of pocket, top drugs, claims per provider', async () => {
  const sandbox = await startSandbox({ seed: 7, beneficiaries: 1, eobsPerBeneficiary: 300 });
  try {
    const bb = new BlueButton({ ...sandbox.config(), version: 2 });
    const authData = bb.generateAuthData();
    const token = await bb.handleCallback(
      authData,
      await sandbox.authorize(bb.generateAuthorizeUrl(authData)),
    );
    const client = bb.client(token);
    const s = await summarize(client.v2.ExplanationOfBenefit.all({ _count: 50 }, { concurrency: 4 }));
    // The same figures straight from the raw FHIR fields, without the claims module.
    const eobs = await client.v2.ExplanationOfBenefit.searchAll({ _count: 50 });
    const typeOf = (e: (typeof eobs)[number]) =>
      e.type.coding?.find((c) => c.system === CODE_SYSTEMS.eobType)?.code?.toLowerCase();
    const cells = [...s.costByYear.values()].flatMap((m) => [...m]);
    expect(cells.reduce((n, [, c]) => n + c.claims, 0)).toBe(300);
    const pde = eobs.filter((e) => typeOf(e) === 'pde');
    const pdeCells = cells.filter(([t]) => t === 'pde').map(([, c]) => c);
    expect(pdeCells.reduce((n, c) => n + c.claims, 0)).toBe(pde.length);
    expect(pdeCells.reduce((n, c) => n + c.paid, 0)).toBeCloseTo(
      pde.reduce((n, e) => n + (e.payment?.amount?.value ?? 0), 0),
      6,
    );
    // BB2 v2 sends no `paidbypatient` total (see bfd-v2-eob-read-*.json): what the patient owes is in the
    // adjudications, `paidbypatient` where sent, else the deductible plus the coinsurance, each named by
    // C4BB/HL7 and by BB2's own variable (a `coinsurance` label on a Part D drug-cost variable is not one).
    const OWED: Record<string, string> = {
      paidbypatient: 'paidbypatient',
      deductible: 'ddctbl',
      coinsurance: 'coinsrnc',
    };
    type Adjudication = NonNullable<NonNullable<(typeof eobs)[number]['item']>[number]['adjudication']>;
    const sum = (adjs: Adjudication, code: string) =>
      adjs
        .filter((a) => {
          const codes = a.category.coding ?? [];
          const bb2 = codes.find((c) =>
            c.code?.startsWith('https://bluebutton.cms.gov/resources/variables/'),
          );
          const variable = bb2?.code?.slice('https://bluebutton.cms.gov/resources/variables/'.length);
          if (code === 'paidbypatient' && (variable === 'ptnt_pay_amt' || variable === 'bene_pmt_amt'))
            return true;
          return (
            codes.some((c) => c.code === code) &&
            (variable === undefined || variable.includes(OWED[code] ?? code))
          );
        })
        .reduce((n, a) => n + (a.amount?.value ?? 0), 0);
    const paidByPatient = (e: (typeof eobs)[number]) => {
      const adjs = [...(e.adjudication ?? []), ...(e.item ?? []).flatMap((i) => i.adjudication ?? [])];
      const owed = sum(adjs, 'paidbypatient') > 0;
      return owed ? sum(adjs, 'paidbypatient') : sum(adjs, 'deductible') + sum(adjs, 'coinsurance');
    };
    const oop = [...s.outOfPocketByYear.values()].reduce((n, v) => n + v, 0);
    expect(oop).toBeCloseTo(
      eobs.reduce((n, e) => n + paidByPatient(e), 0),
      6,
    );
    const fills = new Map<string, number>();
    for (const e of pde) {
      const ndc = e.item?.[0]?.productOrService.coding?.[0]?.code ?? '';
      fills.set(ndc, (fills.get(ndc) ?? 0) + 1);
    }
    const [top] = topDrugs(s, 1);
    expect(top?.[1].fills).toBe(Math.max(...fills.values()));
    expect(fills.get(top?.[0] ?? '')).toBe(top?.[1].fills);
    const perProvider = [...s.claimsPerProvider.values()].reduce((n, v) => n + v, 0);
    expect(perProvider).toBe(eobs.filter((e) => e.provider).length);
    expect(s.latest).toMatch(/ on \w+ \d+, \d{4}: billed \$/);
  } finally {
    await sandbox.close();
  }
});
