/**
 * How an app that uses bluebutton-ts tests itself against the local sandbox: real OAuth, real HTTP,
 * synthetic beneficiaries, and scripted faults. Copy this into your own test suite.
 */
import { BlueButton } from 'bluebutton-ts';
import { type Sandbox, startSandbox } from 'bluebutton-ts/sandbox';
import { afterAll, beforeAll, expect, test } from 'vitest';

// The code under test: an app function that counts a beneficiary's drug claims.
async function countDrugClaims(bb: BlueButton<2>, token: Parameters<BlueButton<2>['client']>[0]) {
  const eobs = await bb.client(token).v2.ExplanationOfBenefit.searchAll({ type: ['pde'], _count: 50 });
  return eobs.length;
}

let sandbox: Sandbox;
let bb: BlueButton<2>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 42, beneficiaries: 2, eobsPerBeneficiary: 200 });
  // Tiny backoff so retries in tests take milliseconds, not seconds.
  bb = new BlueButton({ ...sandbox.config(), version: 2, retrySettings: { backoffFactor: 0.01 } });
});
afterAll(() => sandbox.close());

async function signIn(beneficiary: number) {
  const authData = bb.generateAuthData();
  const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData), { beneficiary });
  return bb.handleCallback(authData, callback);
}

test('counts drug claims across every page', async () => {
  const token = await signIn(0);
  const bene = sandbox.dataset.beneficiaries[0];
  if (!bene) throw new Error('no synthetic beneficiary');
  let expected = 0;
  for (let i = 0; i < bene.eobCount; i++) if (sandbox.dataset.claimHeader(bene, i).type === 'pde') expected++;
  expect(await countDrugClaims(bb, token)).toBe(expected);
});

test('survives BB2 hiccups: two 503s, then a 429 asking for a short wait', async () => {
  const token = await signIn(1);
  sandbox.faults.set('GET /v2/fhir/ExplanationOfBenefit/', [503, 503, { status: 429, retryAfter: 0 }]);
  await expect(countDrugClaims(bb, token)).resolves.toBeGreaterThan(0);
});

test('a beneficiary who says no', async () => {
  const authData = bb.generateAuthData();
  const callback = await sandbox.authorize(bb.generateAuthorizeUrl(authData), { deny: true });
  await expect(bb.handleCallback(authData, callback)).rejects.toMatchObject({
    code: 'CALLBACK_ACCESS_DENIED',
  });
});
