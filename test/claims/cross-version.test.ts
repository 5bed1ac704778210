/**
 * The sandbox's generator emits each claim in v1 (STU3), v2 and v3 (R4): the three normalized records
 * must be equal field by field, for every claim of several seeded beneficiaries. What cannot be equal is
 * listed and asserted exactly, not skipped:
 * - every version: `id`, `patient` (v3 has its own ids) and `sourceVersion`;
 * - v3: `claimId` is v3's own (IDR) claim id and there is no `claimGroup`;
 * - v3 totals: BFD v2 sends one total (the charge, or a Part D event's drug cost); v3 also sends what the
 *   patient paid and, but for Part D, the allowed amount and what was paid to the provider. Those extra
 *   totals are asserted against v2's own payment, not dropped;
 * - v1 (STU3, as BB2 v1 sends it): no `created`, no `outcome`, no `total` (only `totalCost`, so `totals`
 *   has just the charge), careTeam roles from the STU3 `claimcareteamrole` vocabulary (primary, assist,
 *   other) instead of C4BB's, and carrier/DME claims have no billing `provider`;
 * - facility facts, as real BB2 sends them (asserted against the claim's typed detail): `typeOfBill` is the
 *   whole four characters in v3, only the frequency code in v2 (BFD v2's typeofbill slice holds
 *   clm_freq_cd) and absent in v1 (sent as separate variables, not read); `facilityNpi` is the billing
 *   organisation's NPI in v1 (facility claims and Part D events) and v2 (Part D events only), absent in v3.
 */
import { type ClaimRecord, toClaim } from 'bluebutton-ts/claims';
import { describe, expect, test } from 'vitest';
import { createClaimDetail } from '../../src/sandbox/data/claim-detail.js';
import { createDataset } from '../../src/sandbox/data/create-dataset.js';
import { typeOfBillCode } from '../../src/sandbox/data/institutional-facts.js';

type Comparable = Omit<ClaimRecord, 'id' | 'patient' | 'sourceVersion'>;

function comparable(c: ClaimRecord): Record<string, unknown> {
  const { id: _id, patient: _patient, sourceVersion: _v, ...rest }: ClaimRecord = c;
  const out: Comparable = rest;
  return { ...out };
}

/** The facility facts whose form differs by version (see the header), and the rest of the record. */
function splitFacts(c: Record<string, unknown>) {
  const { typeOfBill, drg, facilityNpi, ...rest } = c;
  return { facts: { typeOfBill, drg, facilityNpi }, rest };
}

/** v2's record as v1 can carry it (see the header): drops exactly what STU3 BB2 data has no place for. */
function asV1(v2: ClaimRecord): Record<string, unknown> {
  const { created: _c, outcome: _o, totals, careTeam, ...rest } = comparable(v2) as Comparable;
  const out: Record<string, unknown> = {
    ...rest,
    careTeam: careTeam.map(({ role: _r, ...m }) => m),
    totals: v2.type === 'pde' ? pick(totals, 'drugCost') : pick(totals, 'submitted'),
  };
  if (v2.family === 'professional') delete out.providerNpi;
  return out;
}

function pick(totals: ClaimRecord['totals'], key: keyof ClaimRecord['totals']): ClaimRecord['totals'] {
  const m = totals[key];
  return m ? { [key]: m } : {};
}

function withoutRoles(c: Record<string, unknown>): Record<string, unknown> {
  const team = c.careTeam as ClaimRecord['careTeam'];
  return { ...c, careTeam: team.map(({ role: _r, ...m }) => m) };
}

const SEEDS = [1, 7, 42] as const;

describe('claims: one claim, three API versions', () => {
  test.each(SEEDS)('seed %i: v1, v2 and v3 give equal records for every claim of 4 beneficiaries', (seed) => {
    const ds = createDataset({ seed, beneficiaries: 4, eobsPerBeneficiary: 90 });
    const types = new Set<string>();
    const seen = new Set<string>();
    let claims = 0;
    for (const bene of ds.beneficiaries) {
      for (let i = 0; i < bene.eobCount; i++) {
        const header = ds.claimHeader(bene, i);
        const v1 = toClaim(ds.eob(bene, 1, header));
        const v2 = toClaim(ds.eob(bene, 2, header));
        const v3 = toClaim(ds.eob(bene, 3, header));
        const where = `${bene.username} claim ${i} (${header.type})`;
        expect([v1.sourceVersion, v2.sourceVersion, v3.sourceVersion], where).toEqual([1, 2, 3]);
        expect([v1.type, v2.type, v3.type], where).toEqual([header.type, header.type, header.type]);
        expect([v1.patient, v2.patient, v3.patient], where).toEqual([
          bene.patientId.v1,
          bene.patientId.v2,
          bene.patientId.v3,
        ]);
        expect([v1.id, v3.id], where).toEqual([header.id, header.idV3]);

        const detail = createClaimDetail(seed, bene.index, header);
        const facts = detail.institutional;
        const split1 = splitFacts(comparable(v1));
        const split2 = splitFacts(comparable(v2));
        const split3 = splitFacts(comparable(v3));
        const pde = header.type === 'pde';
        expect(split1.facts, where).toEqual({
          typeOfBill: undefined,
          drg: facts?.drg,
          facilityNpi: facts || pde ? detail.providerNpi : undefined,
        });
        expect(split2.facts, where).toEqual({
          typeOfBill: facts?.typeOfBill.frequency.code,
          drg: facts?.drg,
          facilityNpi: pde ? detail.providerNpi : undefined,
        });
        expect(split3.facts, where).toEqual({
          typeOfBill: facts ? typeOfBillCode(facts.typeOfBill) : undefined,
          drg: facts?.drg,
          facilityNpi: undefined,
        });

        const { claimId: _i, claimGroup: _g, ...v2rest } = split2.rest;
        const {
          claimId: v3ClaimId,
          claimGroup: v3Group,
          totals: v3totals,
          ...v3rest
        } = split3.rest as Comparable;
        const { eligible, paidByPatient, paidToProvider, ...v3shared } = v3totals;
        expect({ ...v3rest, totals: v3shared }, where).toEqual(v2rest);
        expect(paidByPatient?.value, where).toBeTypeOf('number');
        if (v3.type === 'pde') {
          expect([eligible, paidToProvider], where).toEqual([undefined, undefined]);
        } else {
          expect(paidToProvider, where).toEqual(v2.payment);
          expect(eligible?.value, where).toBeCloseTo(
            (paidByPatient?.value ?? 0) + (paidToProvider?.value ?? 0),
            2,
          );
        }
        expect(v3ClaimId, where).toBe(header.idV3);
        expect(v3Group, where).toBeUndefined();

        expect(withoutRoles(split1.rest), where).toEqual(withoutRoles(splitFacts(asV1(v2)).rest));
        if (v2.procedures.length > 0) seen.add('procedures');
        if (v2.lines.some((l) => l.modifiers.length > 0)) seen.add('modifiers');
        if (v2.lines.some((l) => l.revenueCenter)) seen.add('revenueCenter');
        if (v2.family === 'institutional') {
          for (const k of [
            'admissionPeriod',
            'admissionType',
            'dischargeStatus',
            'drg',
            'typeOfBill',
          ] as const)
            if (v2[k] !== undefined) seen.add(k);
        }
        expect(v1.created ?? v1.outcome, where).toBeUndefined();
        types.add(header.type);
        claims++;
      }
    }
    expect(claims).toBe(360);
    expect(types.size).toBe(8);
    // The facts compared above are there to compare: each occurs on some claim of every seed.
    expect([...seen].sort()).toEqual([
      'admissionPeriod',
      'admissionType',
      'dischargeStatus',
      'drg',
      'modifiers',
      'procedures',
      'revenueCenter',
      'typeOfBill',
    ]);
  });
});
