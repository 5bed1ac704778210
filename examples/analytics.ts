/**
 * Sums a beneficiary's Medicare payments by claim type, using only typed fields (FHIR R4 via v2).
 *
 *   npx tsx examples/analytics.ts            (against a local sandbox it starts itself)
 */

import { BlueButton, CLAIM_TYPES, type ClaimType, CODE_SYSTEMS } from 'bluebutton-ts';
import { startSandbox } from 'bluebutton-ts/sandbox';
import type * as fhir4 from 'fhir/r4.js';

/** The claim type from the eob-type coding (never from the profile, which BB2 reuses across types). */
export function claimTypeOf(eob: fhir4.ExplanationOfBenefit): ClaimType | undefined {
  const code = eob.type.coding?.find((c) => c.system === CODE_SYSTEMS.eobType)?.code?.toLowerCase();
  return CLAIM_TYPES.find((t) => t === code);
}

export interface PaymentSummary {
  readonly claims: number;
  readonly paid: number;
}

/** Payment per claim type over every EOB of every page (`all()` holds at most concurrency + 1 pages). */
export async function paymentsByClaimType(
  eobs: AsyncIterable<fhir4.ExplanationOfBenefit>,
): Promise<Map<ClaimType, PaymentSummary>> {
  const totals = new Map<ClaimType, PaymentSummary>();
  for await (const eob of eobs) {
    const type = claimTypeOf(eob);
    if (!type) continue;
    const paid = eob.payment?.amount?.value ?? 0;
    const before = totals.get(type) ?? { claims: 0, paid: 0 };
    totals.set(type, { claims: before.claims + 1, paid: before.paid + paid });
  }
  return totals;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ seed: 7, beneficiaries: 1, eobsPerBeneficiary: 500 });
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
    for (const [type, { claims, paid }] of [...totals].sort((a, b) => b[1].paid - a[1].paid)) {
      console.log(
        `${type.padEnd(10)} ${String(claims).padStart(5)} claims  $${paid.toFixed(2).padStart(12)}`,
      );
    }
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
