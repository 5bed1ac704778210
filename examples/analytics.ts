/**
 * Analytics on a beneficiary's claims with bluebutton-ts/claims: cost per year and claim type, out-of-pocket
 * spend, top drugs by NDC and claims per provider, in one streaming pass over every EOB (any API version).
 *
 *   npx tsx examples/analytics.ts            (against a local sandbox it starts itself)
 */

import { BlueButton, type ClaimType } from 'bluebutton-ts';
import { type AnyExplanationOfBenefit, describeClaim, type Money, toClaim } from 'bluebutton-ts/claims';
import { startSandbox } from 'bluebutton-ts/sandbox';

export interface CostCell {
  claims: number;
  /** What providers billed (claim totals, else the sum of the lines). */
  billed: number;
  /** What Medicare (or the Part D plan) paid: the claim payment. */
  paid: number;
}

export interface ClaimsSummary {
  /** `year -> claim type -> cost`, the year of the first service date. */
  readonly costByYear: Map<string, Map<ClaimType, CostCell>>;
  /** What the beneficiary may owe per year: `paidByPatient`, else deductible + coinsurance. */
  readonly outOfPocketByYear: Map<string, number>;
  /** `NDC -> fills and total drug cost`, Part D events only. */
  readonly drugs: Map<string, { fills: number; cost: number }>;
  /** `billing provider NPI -> claims`. */
  readonly claimsPerProvider: Map<string, number>;
  /** A readable line for the most recent claim. */
  latest: string;
}

const value = (m: Money | undefined): number => m?.value ?? 0;

/** One pass over the EOBs: memory holds the summary, never the claims. */
export async function summarize(eobs: AsyncIterable<AnyExplanationOfBenefit>): Promise<ClaimsSummary> {
  const s: ClaimsSummary = {
    costByYear: new Map(),
    outOfPocketByYear: new Map(),
    drugs: new Map(),
    claimsPerProvider: new Map(),
    latest: '',
  };
  let latestDate = '';
  for await (const eob of eobs) {
    const claim = toClaim(eob);
    if (claim.type === 'unknown') continue;
    const year = (claim.serviceStart ?? claim.billableStart ?? '????').slice(0, 4);
    const byType = s.costByYear.get(year) ?? new Map<ClaimType, CostCell>();
    s.costByYear.set(year, byType);
    const cell = byType.get(claim.type) ?? { claims: 0, billed: 0, paid: 0 };
    byType.set(claim.type, cell);
    cell.claims++;
    cell.billed += value(claim.totals.submitted ?? claim.amounts.submitted ?? claim.totals.drugCost);
    cell.paid += value(claim.payment);

    const owed = claim.totals.paidByPatient ?? claim.amounts.paidByPatient;
    const oop = owed ? owed.value : value(claim.amounts.deductible) + value(claim.amounts.coinsurance);
    s.outOfPocketByYear.set(year, (s.outOfPocketByYear.get(year) ?? 0) + oop);

    if (claim.family === 'pharmacy' && claim.ndc) {
      const drug = s.drugs.get(claim.ndc) ?? { fills: 0, cost: 0 };
      s.drugs.set(claim.ndc, { fills: drug.fills + 1, cost: drug.cost + value(claim.totals.drugCost) });
    }
    if (claim.providerNpi) {
      s.claimsPerProvider.set(claim.providerNpi, (s.claimsPerProvider.get(claim.providerNpi) ?? 0) + 1);
    }
    const date = claim.serviceStart ?? '';
    if (date >= latestDate) {
      latestDate = date;
      s.latest = describeClaim(claim);
    }
  }
  return s;
}

/** The `n` drugs filled most often (ties: higher cost first). */
export function topDrugs(s: ClaimsSummary, n: number): [string, { fills: number; cost: number }][] {
  return [...s.drugs].sort((a, b) => b[1].fills - a[1].fills || b[1].cost - a[1].cost).slice(0, n);
}

const usd = (n: number) => `$${n.toFixed(2).padStart(11)}`;

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
    const s = await summarize(client.v2.ExplanationOfBenefit.all({ _count: 50 }, { concurrency: 4 }));
    for (const [year, byType] of [...s.costByYear].sort()) {
      console.log(`${year}  out of pocket ${usd(s.outOfPocketByYear.get(year) ?? 0)}`);
      for (const [type, c] of [...byType].sort((a, b) => b[1].paid - a[1].paid)) {
        console.log(
          `  ${type.padEnd(10)} ${String(c.claims).padStart(4)} claims  billed ${usd(c.billed)}  paid ${usd(c.paid)}`,
        );
      }
    }
    for (const [ndc, d] of topDrugs(s, 3)) console.log(`NDC ${ndc}: ${d.fills} fills, ${usd(d.cost)}`);
    const busiest = [...s.claimsPerProvider].sort((a, b) => b[1] - a[1])[0];
    if (busiest) console.log(`Most claims: provider NPI ${busiest[0]} (${busiest[1]})`);
    console.log(`Latest: ${s.latest}`);
  } finally {
    await sandbox.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
