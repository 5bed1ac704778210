/**
 * The claims module on every real BB2 EOB in ../shared/bb2-samples (v1, v2, v3, reads, search bundles'
 * entries, the docs' `{ fullUrl, resource }` entry): each yields a record of the right claim type without
 * throwing, and a table of hand-computed facts read from the samples' JSON is asserted literally.
 */
import { type AnyExplanationOfBenefit, checkClaim, claimTypeOf, toClaim } from 'bluebutton-ts/claims';
import { describe, expect, test } from 'vitest';
import {
  entryResources,
  isRecord,
  listSampleFiles,
  present,
  readSample,
  resourceTypeOf,
  suiteName,
  versionOf,
} from '../conformance/helpers/samples.js';

/** Every EOB in a sample: the resource itself, a Bundle's entries, or a bare `{ resource }` entry. */
function eobsIn(sample: unknown): AnyExplanationOfBenefit[] {
  const candidates = resourceTypeOf(sample) === 'Bundle' ? entryResources(sample) : [sample];
  return candidates
    .map((c) => (resourceTypeOf(c) === undefined && isRecord(c) ? c.resource : c))
    .filter((c): c is AnyExplanationOfBenefit => resourceTypeOf(c) === 'ExplanationOfBenefit');
}

/** v3 ids carry no claim-type prefix: the type named by each one's CLM-TYPE-CD display, by hand. */
const V3_TYPES: Readonly<Record<string, string>> = {
  '-9631024438695': 'hha', // 10 MEDICARE HHA CLAIM
  '-9923875310680': 'outpatient', // 40 MEDICARE OUTPATIENT CLAIM
  '-7294507117384': 'hospice', // 50 MEDICARE HOSPICE CLAIM
  '-5116824090575': 'carrier', // 72 MEDICARE PART B PROFESSIONAL PHYSICIAN/SUPPLIER CLAIM (DMEPOS)
  '-5796709164': 'hha', // 10 MEDICARE HHA CLAIM
};

/** The expected type: the v1/v2 id prefix (`carrier--1`, BFD's `carrier-1`), the table above for v3. */
function expectedType(eob: AnyExplanationOfBenefit, version: number): string | undefined {
  const id = eob.id ?? '';
  return version === 3 ? V3_TYPES[id] : /^([a-z]+)-/.exec(id)?.[1];
}

const files = present
  ? listSampleFiles().filter((n) => n.endsWith('.json') && eobsIn(readSample(n)).length > 0)
  : [];

describe.skipIf(!present)(suiteName('claims on real BB2 EOBs'), () => {
  test('the samples hold EOBs of every claim type in v1, v2 and v3', () => {
    const seen = new Set<string>();
    for (const name of files) {
      for (const eob of eobsIn(readSample(name))) seen.add(`v${versionOf(name)} ${toClaim(eob).type}`);
    }
    for (const v of [1, 2]) {
      for (const t of ['carrier', 'dme', 'hha', 'hospice', 'inpatient', 'outpatient', 'pde', 'snf']) {
        expect(seen).toContain(`v${v} ${t}`);
      }
    }
    for (const t of ['carrier', 'hha', 'hospice', 'outpatient']) expect(seen).toContain(`v3 ${t}`);
  });

  test.each(files)('%s: every EOB yields a record of its claim type, and checkClaim never throws', (name) => {
    const version = versionOf(name) ?? 0;
    const eobs = eobsIn(readSample(name));
    expect(eobs.length).toBeGreaterThan(0);
    for (const eob of eobs) {
      const want = expectedType(eob, version);
      expect(want, `${name} ${eob.id}`).toBeDefined();
      const claim = toClaim(eob);
      expect(claim.type).toBe(want);
      expect(claimTypeOf(eob)).toBe(want);
      expect(claim.id).toBe(eob.id);
      expect(claim.lines).toHaveLength(eob.item?.length ?? 0);
      expect(Array.isArray(checkClaim(eob))).toBe(true);
    }
  });
});

function sampleEob(name: string, id?: string): AnyExplanationOfBenefit {
  const eobs = eobsIn(readSample(name));
  const eob = id === undefined ? eobs[0] : eobs.find((e) => e.id === id);
  if (!eob) throw new Error(`${name}: no EOB ${id ?? ''}`);
  return eob;
}

/**
 * Facts read by hand from the samples' JSON (file, EOB id, what, expected value): amounts, codes, dates,
 * NPIs, across versions and claim types.
 */
const FACTS: readonly [
  string,
  string | undefined,
  string,
  (c: ReturnType<typeof toClaim>) => unknown,
  unknown,
][] = [
  ['v2-eob-read-carrier.json', undefined, 'line 1 HCPCS', (c) => c.lines[0]?.hcpcs, '77085'],
  [
    'v2-eob-read-carrier.json',
    undefined,
    'line 1 paid to provider (C4BB paidtoprovider)',
    (c) => c.lines[0]?.amounts.paidToProvider,
    { value: 50, currency: 'USD' },
  ],
  [
    'v2-eob-read-carrier.json',
    undefined,
    'line 1 coinsurance',
    (c) => c.lines[0]?.amounts.coinsurance?.value,
    10,
  ],
  [
    'v2-eob-read-carrier.json',
    undefined,
    'line 1 submitted',
    (c) => c.lines[0]?.amounts.submitted?.value,
    250,
  ],
  ['v2-eob-read-carrier.json', undefined, 'line 1 place of service', (c) => c.lines[0]?.placeOfService, '99'],
  // BB2 pairs clm_tot_chrg_amt with the priorpayerpaid category: BB2's own code wins.
  [
    'v2-eob-read-carrier.json',
    undefined,
    'claim total charge (clm_tot_chrg_amt)',
    (c) => c.totals,
    { submitted: { value: 0, currency: 'USD' } },
  ],
  [
    'v2-eob-read-carrier.json',
    undefined,
    'principal diagnosis',
    (c) => c.diagnoses[0],
    { code: 'M810', system: 'icd-10', sequence: 1, role: 'principal' },
  ],
  ['v2-eob-read-carrier.json', undefined, 'claim id (variables/clm_id)', (c) => c.claimId, '22639159481'],
  [
    'v1-eob-read-carrier.json',
    undefined,
    'v1 line 1 eligible (line_alowd_chrg_amt)',
    (c) => c.lines[0]?.amounts.eligible?.value,
    60,
  ],
  ['v1-eob-read-carrier.json', undefined, 'v1 patient', (c) => c.patient, '-20140000008325'],
  [
    'v2-eob-read-inpatient.json',
    undefined,
    'inpatient payment',
    (c) => c.payment,
    { value: 10000, currency: 'USD' },
  ],
  [
    'v2-eob-read-inpatient.json',
    undefined,
    'line 1 revenue center',
    (c) => c.lines[0]?.revenueCenter,
    '0111',
  ],
  ['v2-eob-read-inpatient.json', undefined, 'sum of line charges', (c) => c.amounts.submitted?.value, 19370],
  [
    'v2-eob-read-inpatient.json',
    undefined,
    'first diagnosis (ICD-9)',
    (c) => c.diagnoses[0],
    { code: '49392', system: 'icd-9', sequence: 2, role: 'admitting' },
  ],
  [
    'v2-eob-search-bundle-pde-single-page.json',
    'pde--3269834580',
    'PDE NDC',
    (c) => c.lines[0]?.ndc,
    '55111015810',
  ],
  [
    'v2-eob-search-bundle-pde-single-page.json',
    'pde--3269834580',
    'PDE days supply (item.quantity extension)',
    (c) => (c.family === 'pharmacy' ? c.daysSupply : undefined),
    30,
  ],
  [
    'v2-eob-search-bundle-pde-single-page.json',
    'pde--3269834580',
    'PDE drug cost',
    (c) => c.lines[0]?.amounts.drugCost?.value,
    10,
  ],
  [
    'v2-eob-search-bundle-bbuser29999-page1-of-15.json',
    'pde--1248370396',
    'PDE days supply (dayssupply slice)',
    (c) => c.lines[0]?.daysSupply,
    28,
  ],
  [
    'v2-eob-search-bundle-bbuser29999-page1-of-15.json',
    'pde--1248370396',
    'PDE refill number',
    (c) => (c.family === 'pharmacy' ? c.refillNumber : undefined),
    96,
  ],
  [
    'bfd-v1-eob-read-pde.json',
    undefined,
    'v1 PDE paid by patient (ptnt_pay_amt)',
    (c) => c.lines[0]?.amounts.paidByPatient?.value,
    235.85,
  ],
  [
    'bfd-v1-eob-read-pde.json',
    undefined,
    'v1 PDE pharmacy NPI (organization)',
    (c) => c.providerNpi,
    '1023011079',
  ],
  [
    'bfd-v1-eob-read-pde.json',
    undefined,
    'v1 PDE prescriber NPI',
    (c) => (c.family === 'pharmacy' ? c.prescriberNpi : undefined),
    '1750384806',
  ],
  [
    'bfd-v1-eob-read-inpatient.json',
    undefined,
    'v1 admission period (hospitalization)',
    (c) => (c.family === 'institutional' ? c.admissionPeriod : undefined),
    { start: '2016-01-15', end: '2016-01-27' },
  ],
  [
    'bfd-v2-eob-read-snf.json',
    undefined,
    'SNF admission period',
    (c) => (c.family === 'institutional' ? c.admissionPeriod : undefined),
    { start: '2013-11-05', end: '2013-12-18' },
  ],
  [
    'bfd-v2-eob-read-snf.json',
    undefined,
    'SNF procedure',
    (c) => c.procedures[0],
    { code: '9214', system: 'icd-9', sequence: 1, date: '2016-01-16' },
  ],
  ['bfd-v2-eob-read-dme.json', undefined, 'DME line modifier', (c) => c.lines[0]?.modifiers, ['YY']],
  [
    'bfd-v2-eob-read-dme.json',
    undefined,
    'DME line paid to patient',
    (c) => c.lines[0]?.amounts.paidToPatient?.value,
    93.29,
  ],
  [
    'v3-eob-read-inpatient-docs-example.json',
    undefined,
    'v3 attending NPI (contained Practitioner)',
    (c) => c.careTeam[0],
    { sequence: 1, npi: '1558719914', role: 'attending' },
  ],
  [
    'v3-eob-read-inpatient-docs-example.json',
    undefined,
    'v3 type of bill',
    (c) => (c.family === 'institutional' ? c.typeOfBill : undefined),
    '0137',
  ],
  [
    'v3-eob-read-inpatient-docs-example.json',
    undefined,
    'v3 dotted ICD code undotted',
    (c) => c.diagnoses[0]?.code,
    'E1169',
  ],
  [
    'v3-eob-read-inpatient-docs-example.json',
    undefined,
    'v3 line 1 paid to provider (CLM_LINE_PRVDR_PMT_AMT)',
    (c) => c.lines[0]?.amounts.paidToProvider?.value,
    1190.09,
  ],
  [
    'v3-eob-read-inpatient-docs-example.json',
    undefined,
    'v3 line 1 HCPCS and revenue center',
    (c) => [c.lines[0]?.hcpcs, c.lines[0]?.revenueCenter],
    ['J2270', '0963'],
  ],
  ['v3-eob-read-inpatient-docs-example.json', undefined, 'v3 payment', (c) => c.payment?.value, 17103.19],
];

describe.skipIf(!present)(suiteName('claims: hand-computed facts from named samples'), () => {
  test.each(FACTS.map(([file, id, what, get, want]) => ({ file, id, what, get, want })))(
    '$file: $what',
    ({ file, id, get, want }) => {
      expect(get(toClaim(sampleEob(file, id)))).toEqual(want);
    },
  );
});
