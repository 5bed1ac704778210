import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimHeader, Sandbox } from '../../src/sandbox/index.js';
import {
  type BundleLike,
  bundleOf,
  closeSandboxes,
  fhirGet,
  obtainTokens,
  sandboxWith,
  type TokenBody,
} from './helpers.js';

let sandbox: Sandbox;
let v2: TokenBody;

beforeEach(async () => {
  sandbox = await sandboxWith({ eobsPerBeneficiary: [120, 3, 7] });
  v2 = await obtainTokens(sandbox);
});
afterEach(closeSandboxes);

function eobs(query: string, token = v2.access_token, headers: Record<string, string> = {}, version = 2) {
  return fhirGet(`${sandbox.url}/v${version}/fhir/ExplanationOfBenefit/?${query}`, token, headers);
}

function claims(): ClaimHeader[] {
  const bene = sandbox.dataset.beneficiaries[0]!;
  return Array.from({ length: bene.eobCount }, (_, i) => sandbox.dataset.claimHeader(bene, i));
}

function ids(bundle: BundleLike): string[] {
  return (bundle.entry ?? []).map((e) => e.resource.id);
}

async function expect400(response: Response, body: unknown) {
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual(body);
}

describe('_count and startIndex', () => {
  it('defaults to 10, takes up to 50, and accepts the count alias', async () => {
    expect(ids(await bundleOf(await eobs('')))).toHaveLength(10);
    expect(ids(await bundleOf(await eobs('_count=50')))).toHaveLength(50);
    const alias = await bundleOf(await eobs('count=5'));
    expect(ids(alias)).toHaveLength(5);
    expect(alias.link.find((l) => l.relation === 'next')?.url).toContain('_count=5');
  });

  it('refuses _count above 50, non-integers and 0', async () => {
    await expect400(await eobs('_count=51'), {
      detail: "value must be at most 50 for dictionary value @ data['_count']",
    });
    await expect400(await eobs('_count=ten'), {
      detail: "expected int for dictionary value @ data['_count']",
    });
    await expect400(await eobs('startIndex=-1'), {
      detail: "value must be at least 0 for dictionary value @ data['startIndex']",
    });
    await expect400(await eobs('_count=0'), {
      detail: "An error occurred contacting the upstream server:Invalid pageSize '0'",
    });
  });

  it('refuses startIndex at or past the total (BFD)', async () => {
    await expect400(await eobs('startIndex=120'), {
      detail:
        'An error occurred contacting the upstream server:Value for startIndex (120) must be less than than result size (120)',
    });
    expect(ids(await bundleOf(await eobs('startIndex=119')))).toHaveLength(1);
  });
});

describe('type', () => {
  it('filters by a comma list, case-insensitive, with or without the eob-type system', async () => {
    const expected = claims()
      .filter((c) => c.type === 'carrier' || c.type === 'pde')
      .map((c) => c.id);
    const system = encodeURIComponent('https://bluebutton.cms.gov/resources/codesystem/eob-type|');
    for (const value of ['carrier,pde', 'Carrier, PDE', `${system}carrier,${system}pde`]) {
      const bundle = await bundleOf(await eobs(`type=${value}&_count=50`));
      expect(bundle.total).toBe(expected.length);
      expect(ids(bundle)).toEqual(expected.slice(0, 50));
    }
  });

  it('treats the bare system as every type and keeps only the last type=', async () => {
    const all = await bundleOf(
      await eobs(`type=${encodeURIComponent('https://bluebutton.cms.gov/resources/codesystem/eob-type|')}`),
    );
    expect(all.total).toBe(120);
    const last = await bundleOf(await eobs('type=garbage&type=pde&_count=50'));
    expect(last.total).toBe(claims().filter((c) => c.type === 'pde').length);
  });

  it('refuses unknown claim types', async () => {
    await expect400(await eobs('type=carrier,dental'), { detail: 'the type parameter value is not valid' });
    await expect400(await eobs('type='), { detail: 'the type parameter value is not valid' });
  });
});

describe('service-date and _lastUpdated', () => {
  it('filters service-date on the billable period end, with every bound applied', async () => {
    const expected = claims().filter((c) => c.end >= '2022-01-01' && c.end < '2023-07-01');
    expect(expected.length).toBeGreaterThan(0);
    const bundle = await bundleOf(
      await eobs('service-date=ge2022-01-01&service-date=lt2023-07-01&_count=50'),
    );
    expect(bundle.total).toBe(expected.length);
    expect(ids(bundle)).toEqual(expected.map((c) => c.id).slice(0, 50));
  });

  it('reads a day-precision gt/le as the whole day', async () => {
    const day = claims()[10]!.end;
    const after = await bundleOf(await eobs(`service-date=gt${day}&_count=50`));
    expect(after.total).toBe(claims().filter((c) => c.end > day).length);
    const upTo = await bundleOf(await eobs(`service-date=le${day}&_count=50`));
    expect(upTo.total).toBe(claims().filter((c) => c.end <= day).length);
  });

  it('filters _lastUpdated on the claim instant', async () => {
    const cut = claims()[60]!.lastUpdated;
    const bundle = await bundleOf(await eobs(`_lastUpdated=ge${encodeURIComponent(cut)}&_count=50`));
    expect(bundle.total).toBe(claims().filter((c) => Date.parse(c.lastUpdated) >= Date.parse(cut)).length);
  });

  it('refuses a date without operator', async () => {
    await expect400(await eobs('service-date=2022-01-01'), {
      detail: 'the service-date operator is not valid',
    });
    await expect400(await eobs('service-date=ge2022-01-01&service-date=eq2023-01-01'), {
      detail: 'the service-date operator is not valid',
    });
    await expect400(await eobs('_lastUpdated=2022-01-01'), {
      detail: 'the _lastUpdated operator is not valid',
    });
  });

  it('filters Coverage by _lastUpdated, leaving no entry when nothing matches', async () => {
    const empty = await bundleOf(
      await fhirGet(`${sandbox.url}/v2/fhir/Coverage/?_lastUpdated=gt2099-01-01`, v2.access_token),
    );
    expect(empty.total).toBe(0);
    expect(empty.entry).toBeUndefined();
    const all = await bundleOf(
      await fhirGet(`${sandbox.url}/v2/fhir/Coverage/?_lastUpdated=gt2000-01-01`, v2.access_token),
    );
    expect(all.total).toBe(4);
  });
});

describe('patient pinning (bb2-api 3.2)', () => {
  it('refuses patient= and beneficiary= of someone else with 403, _id with 404', async () => {
    const other = sandbox.dataset.beneficiaries[1]!.patientId.v2;
    const forbidden = { detail: 'You do not have permission to perform this action.' };
    const patient = await eobs(`patient=${other}`);
    expect(patient.status).toBe(403);
    expect(await patient.json()).toEqual(forbidden);
    const coverage = await fhirGet(
      `${sandbox.url}/v2/fhir/Coverage/?beneficiary=Patient/${other}`,
      v2.access_token,
    );
    expect(coverage.status).toBe(403);
    const id = await fhirGet(`${sandbox.url}/v2/fhir/Patient/?_id=${other}`, v2.access_token);
    expect(id.status).toBe(404);
    expect(await id.json()).toEqual({ detail: 'Not found.' });
  });

  it("accepts the patient's own id", async () => {
    expect((await bundleOf(await eobs(`patient=${v2.patient}`))).total).toBe(120);
    const coverage = await fhirGet(
      `${sandbox.url}/v2/fhir/Coverage/?beneficiary=Patient/${v2.patient}`,
      v2.access_token,
    );
    expect((await bundleOf(coverage)).total).toBe(4);
    const patient = await bundleOf(
      await fhirGet(`${sandbox.url}/v2/fhir/Patient/?_id=${v2.patient}`, v2.access_token),
    );
    expect(ids(patient)).toEqual([v2.patient]);
  });

  it('finds the patient by MBI identifier and nobody else', async () => {
    const mbi = sandbox.dataset.beneficiaries[0]!.mbi;
    const url = (value: string) => `${sandbox.url}/v2/fhir/Patient/?identifier=${encodeURIComponent(value)}`;
    const found = await bundleOf(
      await fhirGet(url(`http://hl7.org/fhir/sid/us-mbi|${mbi}`), v2.access_token),
    );
    expect(ids(found)).toEqual([v2.patient]);
    expect(found.link.find((l) => l.relation === 'self')?.url).toContain(
      `identifier=${encodeURIComponent(`http://hl7.org/fhir/sid/us-mbi|${mbi}`)}`,
    );
    const other = sandbox.dataset.beneficiaries[1]!.mbi;
    const none = await bundleOf(
      await fhirGet(url(`http://hl7.org/fhir/sid/us-mbi|${other}`), v2.access_token),
    );
    expect(none.total).toBe(0);
  });
});

describe('unknown parameters', () => {
  it('drops them silently (and from the links)', async () => {
    const bundle = await bundleOf(await eobs('foo=bar&_count=5'));
    expect(ids(bundle)).toHaveLength(5);
    expect(bundle.link.every((l) => !l.url.includes('foo'))).toBe(true);
  });

  it('v3 with Prefer: handling=strict refuses them (count and _format exempt)', async () => {
    const v3 = await obtainTokens(sandbox, { version: 3 });
    const strict = { prefer: 'handling=strict' };
    await expect400(await eobs('foo=1&_count=5&hello=2', v3.access_token, strict, 3), {
      error: "Invalid parameters: ['foo', 'hello']",
    });
    expect((await eobs('count=5&_format=json', v3.access_token, strict, 3)).status).toBe(200);
    expect((await eobs('foo=1', v3.access_token, { prefer: 'handling=lenient' }, 3)).status).toBe(200);
    // Strict mode is a v3 feature.
    expect((await eobs('foo=1', v2.access_token, strict, 2)).status).toBe(200);
  });

  it('v3 forwards _source and _tag; a bad value is the backend OperationOutcome', async () => {
    const v3 = await obtainTokens(sandbox, { version: 3 });
    expect((await eobs('_source=NCH,DDPS', v3.access_token, {}, 3)).status).toBe(200);
    const tag = encodeURIComponent(
      'https://bluebutton.cms.gov/fhir/CodeSystem/System-Type|NationalClaimsHistory',
    );
    expect((await eobs(`_tag=${tag}`, v3.access_token, {}, 3)).status).toBe(200);
    const bad = await eobs('_source=XYZ', v3.access_token, {}, 3);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'error', code: 'processing', diagnostics: 'Invalid value for parameter _source: XYZ' },
      ],
    });
  });
});
