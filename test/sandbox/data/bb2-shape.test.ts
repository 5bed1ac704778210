/**
 * Issue 12's named gaps, checked member by member (the coverage table counts paths; these check what the
 * paths carry): v1 extensions, benefit balances and facility; v2 subType, totals and the second
 * clmrecvddate coding; v3 totals, the `benefit` category of CLM_LINE_CVRD_PD_AMT, and nothing real v3
 * does not send (payment.date, careTeam.responsible). Template values are the same claim's in every version.
 */
import type * as fhir4 from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../src/sandbox/data/create-dataset.js';
import { firstBeneficiary, firstOfType } from './helpers.js';

const VAR = 'https://bluebutton.cms.gov/resources/variables/';
const dataset = createDataset({ seed: 5, beneficiaries: 2, eobsPerBeneficiary: 40 });
const bene = firstBeneficiary(dataset);
const header = (type: Parameters<typeof firstOfType>[2]) => firstOfType(dataset, bene, type);

const categoryCodes = (concept: fhir4.CodeableConcept | undefined) =>
  (concept?.coding ?? []).map((c) => c.code?.replace(VAR, '') ?? '');
const extensionUrls = (node: { extension?: { url: string }[] | undefined } | undefined) =>
  (node?.extension ?? []).map((e) => e.url.replace(VAR, ''));

describe('v1 EOBs carry BB2 v1 structure', () => {
  it('carrier: carr_num, prpayamt and line extensions; institutional: fi_num, facility, benefitBalance', () => {
    const carrier = dataset.eob(bene, 1, header('carrier'));
    expect(extensionUrls(carrier)).toEqual(expect.arrayContaining(['carr_num', 'prpayamt']));
    expect(carrier.item?.every((i) => (i.extension?.length ?? 0) > 0)).toBe(true);
    const inpatient = dataset.eob(bene, 1, header('inpatient'));
    expect(extensionUrls(inpatient)).toEqual(
      expect.arrayContaining(['fi_num', 'fi_doc_clm_cntl_num', 'clm_mdcr_non_pmt_rsn_cd']),
    );
    expect(inpatient.facility).toBeDefined();
    expect(inpatient.benefitBalance?.length).toBeGreaterThan(0);
  });

  it('PDE: information categories and rx_srvc_rfrnc_num', () => {
    const pde = dataset.eob(bene, 1, header('pde'));
    expect(pde.information?.length).toBeGreaterThan(2);
    expect(JSON.stringify(pde)).toContain(`${VAR}rx_srvc_rfrnc_num`);
  });
});

describe('v2 EOBs follow BFD v2', () => {
  it('subType: none on DME, inpatient on HHA', () => {
    expect(dataset.eob(bene, 2, header('dme')).subType).toBeUndefined();
    expect(categoryCodes(dataset.eob(bene, 2, header('hha')).subType)).toEqual(['inpatient']);
  });

  it('total: the claim charge (priorpayerpaid on carrier/DME, submitted on institutional), drug cost on PDE', () => {
    const carrier = dataset.eob(bene, 2, header('carrier'));
    expect(carrier.total?.map((t) => categoryCodes(t.category))).toEqual([
      ['priorpayerpaid', 'clm_tot_chrg_amt'],
    ]);
    const outpatient = dataset.eob(bene, 2, header('outpatient'));
    expect(outpatient.total?.map((t) => categoryCodes(t.category))[0]).toEqual([
      'submitted',
      'clm_tot_chrg_amt',
    ]);
    const pde = dataset.eob(bene, 2, header('pde'));
    expect(pde.total?.map((t) => categoryCodes(t.category))[0]).toEqual(['drugcost']);
  });

  it('clmrecvddate carries the nch_wkly_proc_dt coding too; institutional claims have typeofbill', () => {
    const outpatient = dataset.eob(bene, 2, header('outpatient'));
    const received = outpatient.supportingInfo?.find((s) =>
      categoryCodes(s.category).includes('clmrecvddate'),
    );
    expect(categoryCodes(received?.category)).toEqual(['clmrecvddate', 'nch_wkly_proc_dt']);
    const kinds = (outpatient.supportingInfo ?? []).flatMap((s) => categoryCodes(s.category));
    expect(kinds).toEqual(expect.arrayContaining(['typeofbill', 'discharge-status']));
    expect(outpatient.careTeam?.some((c) => c.qualification !== undefined)).toBe(true);
  });
});

describe('v3 EOBs follow BB2 v3', () => {
  it('totals name CLM_ALOWD_CHRG_AMT and CLM_PRVDR_PMT_AMT; allowed = provider payment + patient share', () => {
    const eob = dataset.eob(bene, 3, header('carrier'));
    const byCode = new Map(eob.total?.map((t) => [t.category.coding?.[1]?.code, t.amount.value ?? NaN]));
    expect([...byCode.keys()]).toEqual([
      'CLM_ALOWD_CHRG_AMT',
      'CLM_SBMT_CHRG_AMT',
      'CLM_BENE_PMT_AMT',
      'CLM_PRVDR_PMT_AMT',
    ]);
    const cents = (code: string) => Math.round((byCode.get(code) ?? NaN) * 100);
    expect(cents('CLM_ALOWD_CHRG_AMT')).toBe(cents('CLM_PRVDR_PMT_AMT') + cents('CLM_BENE_PMT_AMT'));
  });

  it('CLM_LINE_CVRD_PD_AMT is a benefit amount (v2 files rev_cntr_pmt_amt_amt under submitted, as BFD)', () => {
    const pairs = (version: 2 | 3) =>
      (dataset.eob(bene, version, header('outpatient')).item?.[0]?.adjudication ?? []).map((a) =>
        categoryCodes(a.category),
      );
    expect(pairs(3)).toContainEqual(['benefit', 'CLM_LINE_CVRD_PD_AMT']);
    expect(pairs(3)).not.toContainEqual(['submitted', 'CLM_LINE_CVRD_PD_AMT']);
    expect(pairs(2)).toContainEqual(['submitted', 'rev_cntr_pmt_amt_amt']);
  });

  it('sends no payment.date and no careTeam.responsible (real v3 has neither); v2 keeps both', () => {
    const v3 = dataset.eob(bene, 3, header('pde'));
    expect(v3.payment?.date).toBeUndefined();
    expect(v3.careTeam?.some((c) => c.responsible !== undefined)).toBe(false);
    const v2 = dataset.eob(bene, 2, header('pde'));
    expect(v2.payment?.date).toBeDefined();
    expect(dataset.eob(bene, 2, header('carrier')).careTeam?.[0]?.responsible).toBe(true);
  });
});

describe('template values are synthetic, stable and the same claim in every version', () => {
  it('carr_num is the same in v1 and v2 of one claim, differs between claims, and is rebuilt identically', () => {
    const carrNum = (eob: {
      extension?: { url: string; valueIdentifier?: { value?: string | undefined } | undefined }[] | undefined;
    }) => eob.extension?.find((e) => e.url === `${VAR}carr_num`)?.valueIdentifier?.value;
    const first = header('carrier');
    const v1 = carrNum(dataset.eob(bene, 1, first));
    expect(v1).toMatch(/^\d{5}$/);
    expect(carrNum(dataset.eob(bene, 2, first))).toBe(v1);
    expect(carrNum(dataset.eob(bene, 1, first))).toBe(v1);
    const others = Array.from({ length: bene.eobCount }, (_, i) => dataset.claimHeader(bene, i))
      .filter((h) => h.type === 'carrier' && h.index !== first.index)
      .map((h) => carrNum(dataset.eob(bene, 1, h)));
    expect(others.length).toBeGreaterThan(1);
    expect(new Set([v1, ...others]).size).toBeGreaterThan(1);
  });
});
