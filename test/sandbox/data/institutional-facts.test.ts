/**
 * Issue 11: the facility facts the builders draw (institutional-facts.ts) are plausible for their claim
 * type, and each version renders them where real BB2 does. Over a seeded sweep: facility claims and only
 * they carry them; DRG and admission type only on inpatient and SNF stays; no admission period on an
 * outpatient visit; an interim bill means the patient is still in care; procedures fall inside the stay;
 * modifiers only on lines billed under a HCPCS code; the type of bill starts with the facility type.
 */
import { describe, expect, test } from 'vitest';
import { createClaimDetail } from '../../../src/sandbox/data/claim-detail.js';
import { CLAIM_TYPE_INFO } from '../../../src/sandbox/data/claim-types.js';
import { createDataset } from '../../../src/sandbox/data/create-dataset.js';
import { typeOfBillCode } from '../../../src/sandbox/data/institutional-facts.js';
import { allHeaders } from './helpers.js';

const seed = 424_242;
const dataset = createDataset({ seed, beneficiaries: 40, eobsPerBeneficiary: 48 });

function details() {
  return dataset.beneficiaries.flatMap((bene) =>
    allHeaders(dataset, bene).map((header) => ({
      bene,
      header,
      detail: createClaimDetail(seed, bene.index, header),
    })),
  );
}

describe('sandbox data: facility facts', () => {
  const all = details();

  test('facility claims, and only they, carry facts that fit their claim type', () => {
    const wrong: string[] = [];
    const counts = { procedures: 0, interim: 0, drg: 0, modifiers: 0 };
    for (const { header, detail } of all) {
      const info = CLAIM_TYPE_INFO[header.type];
      const f = detail.institutional;
      const where = `${header.id} (${header.type})`;
      if (info.lineKind !== 'institutional') {
        if (f !== undefined) wrong.push(`${where}: facts on a non-facility claim`);
        continue;
      }
      if (f === undefined) {
        wrong.push(`${where}: no facts`);
        continue;
      }
      const stay = header.type === 'inpatient' || header.type === 'snf';
      if ((f.drg !== undefined) !== stay) wrong.push(`${where}: drg ${f.drg}`);
      if ((f.admissionType !== undefined) !== stay) wrong.push(`${where}: admission type`);
      if ((f.admissionPeriod === undefined) !== (header.type === 'outpatient'))
        wrong.push(`${where}: admission period`);
      if (
        f.admissionPeriod &&
        (f.admissionPeriod.start !== header.start || f.admissionPeriod.end !== header.end)
      )
        wrong.push(`${where}: admission period is not the billable period`);
      const tob = typeOfBillCode(f.typeOfBill);
      if (!new RegExp(`^0${info.facilityType?.code}\\d\\d$`).test(tob))
        wrong.push(`${where}: type of bill ${tob}`);
      if (['2', '3'].includes(f.typeOfBill.frequency.code)) {
        counts.interim++;
        if (f.dischargeStatus.code !== '30')
          wrong.push(`${where}: interim bill, discharged ${f.dischargeStatus.code}`);
      }
      for (const p of f.procedures) {
        if (p.date < header.start || p.date > header.end) wrong.push(`${where}: procedure on ${p.date}`);
      }
      if (new Set(f.procedures.map((p) => p.code)).size !== f.procedures.length)
        wrong.push(`${where}: repeated procedure`);
      if (header.type === 'inpatient' && f.procedures.length === 0)
        wrong.push(`${where}: stay without procedure`);
      counts.procedures += f.procedures.length;
      if (f.drg) counts.drg++;
    }
    for (const { header, detail } of all) {
      for (const line of detail.lines) {
        if (line.modifiers.length > 0) counts.modifiers++;
        if (line.code === undefined && line.modifiers.length > 0)
          wrong.push(`${header.id}: modifier without HCPCS`);
        if (header.type === 'pde' && line.modifiers.length > 0)
          wrong.push(`${header.id}: modifier on a drug`);
        if (new Set(line.modifiers).size !== line.modifiers.length)
          wrong.push(`${header.id}: repeated modifier`);
      }
    }
    expect(wrong).toEqual([]);
    expect(
      Object.values(counts).every((n) => n > 0),
      JSON.stringify(counts),
    ).toBe(true);
  });

  test('v1, v2 and v3 render the type of bill where BB2 does: variables, the v2 slice, the v3 codings', () => {
    const sample = all.find((c) => c.header.type === 'outpatient');
    expect(sample).toBeDefined();
    if (!sample) return;
    const { bene, header, detail } = sample;
    const tob = detail.institutional?.typeOfBill;
    const v1 = JSON.stringify(dataset.eob(bene, 1, header));
    const v2 = dataset.eob(bene, 2, header);
    const v3 = dataset.eob(bene, 3, header);
    const slice = (eob: typeof v2) =>
      eob.supportingInfo?.filter((s) => s.category.coding?.some((c) => c.code === 'typeofbill')) ?? [];
    expect(v1).toContain(
      `"system":"https://bluebutton.cms.gov/resources/variables/clm_freq_cd","code":"${tob?.frequency.code}"`,
    );
    expect(v1).toContain(
      `"system":"https://bluebutton.cms.gov/resources/variables/clm_srvc_clsfctn_type_cd","code":"${tob?.classification}"`,
    );
    expect(slice(v2).map((s) => s.code?.coding?.map((c) => c.code))).toEqual([[tob?.frequency.code]]);
    expect(slice(v3).map((s) => s.code?.coding?.map((c) => [c.system?.split('/').pop(), c.code]))).toEqual([
      [
        ['TypeOfBill', tob && typeOfBillCode(tob)],
        ['CLM-BILL-FAC-TYPE-CD', tob?.facility],
        ['CLM-BILL-CLSFCTN-CD', `${tob?.facility}${tob?.classification}`],
        ['CLM-BILL-FREQ-CD', `${tob?.facility}${tob?.classification}${tob?.frequency.code}`],
      ],
    ]);
  });
});
