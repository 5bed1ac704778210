/**
 * Search parameters and Bundles as BB2 answers them (issue 12): unknown parameters dropped, v3's
 * `_source`/`_tag`/`_count`/`_offset`, fresh Bundle ids, and the two things the sandbox emits that real
 * samples lack, each with the reason it stays.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type BundleLike, bundleOf, closeSandboxes, fhirGet, obtainTokens, sandboxWith } from './helpers.js';

afterEach(closeSandboxes);

const SYSTEM_TYPE = 'https://bluebutton.cms.gov/fhir/CodeSystem/System-Type';

async function v3Walk(url: string, token: string): Promise<BundleLike[]> {
  const pages = [await bundleOf(await fhirGet(url, token))];
  for (let next = pages[0]?.link.find((l) => l.relation === 'next')?.url; next !== undefined; ) {
    const page = await bundleOf(await fhirGet(next, token));
    pages.push(page);
    next = page.link.find((l) => l.relation === 'next')?.url;
  }
  return pages;
}

describe('parameters', () => {
  it('drops unknown parameters silently (voluptuous REMOVE_EXTRA), also from the links', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const base = `${sandbox.url}/v2/fhir/ExplanationOfBenefit/`;
    const plain = await bundleOf(await fhirGet(`${base}?_count=5`, tokens.access_token));
    const extra = await bundleOf(
      await fhirGet(`${base}?_count=5&foo=bar&excludeSAMHSA=true`, tokens.access_token),
    );
    expect(extra.total).toBe(plain.total);
    expect(extra.entry?.map((e) => e.resource.id)).toEqual(plain.entry?.map((e) => e.resource.id));
    expect(extra.link.map((l) => l.url).join(' ')).not.toMatch(/foo|excludeSAMHSA/);
  });

  it('v3 selects claims by _source and _tag (System-Type) and pages them with _offset links', async () => {
    const sandbox = await sandboxWith({ eobsPerBeneficiary: 40 });
    const tokens = await obtainTokens(sandbox, { version: 3 });
    const bene = sandbox.dataset.beneficiaries[0];
    if (bene === undefined) throw new Error('no beneficiary');
    const types = Array.from({ length: bene.eobCount }, (_, i) => sandbox.dataset.claimHeader(bene, i).type);
    const pde = types.filter((t) => t === 'pde').length;
    expect(pde).toBeGreaterThan(0);
    expect(pde).toBeLessThan(types.length);
    const base = `${sandbox.url}/v3/fhir/ExplanationOfBenefit/`;
    const count = async (q: string) =>
      (await v3Walk(`${base}?${q}`, tokens.access_token)).flatMap((p) => p.entry ?? []).length;
    expect(await count('_source=DDPS&_count=7')).toBe(pde);
    expect(await count('_source=NCH&_count=7')).toBe(types.length - pde);
    expect(await count('_source=NCH,DDPS&_count=50')).toBe(types.length);
    expect(await count(`_tag=${encodeURIComponent(`${SYSTEM_TYPE}|DDPS`)}&_count=7`)).toBe(pde);
    expect(await count(`_tag=${encodeURIComponent(`${SYSTEM_TYPE}|SharedSystem`)}`)).toBe(0);
    const pages = await v3Walk(`${base}?_count=15`, tokens.access_token);
    expect(
      pages.map((p) => p.link.find((l) => l.relation === 'next')?.url.match(/_offset=(\d+)/)?.[1]),
    ).toEqual(['15', '30', undefined]);
    // The last page counts every match, the earlier ones omit total (issue 12).
    expect(pages.map((p) => p.total)).toEqual([undefined, undefined, 40]);
    const tooMany = await fhirGet(`${base}?_count=51`, tokens.access_token);
    expect(tooMany.status).toBe(400);
  });
});

describe('Bundles', () => {
  it('get a new id per search and meta.lastUpdated from the data, not the clock', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const [a, b] = [
      await bundleOf(await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token)),
      await bundleOf(await fhirGet(`${sandbox.url}/v2/fhir/Coverage/`, tokens.access_token)),
    ];
    expect(a?.id).not.toBe(b?.id);
    const eobs = await bundleOf(
      await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/?_count=50`, tokens.access_token),
    );
    const latest = Math.max(
      ...(eobs.entry ?? []).map((e) =>
        Date.parse((e.resource as unknown as { meta: { lastUpdated: string } }).meta.lastUpdated),
      ),
    );
    expect(Date.parse(eobs.meta.lastUpdated)).toBe(latest);
  });

  it("keep entry.fullUrl, which real BB2 omits: FHIR's search results carry it", async () => {
    // FHIR R4/STU3 http.html#search: each searchset entry has a fullUrl (the resource's absolute URL);
    // an app reading our Bundles with a strict FHIR library must not meet a Bundle it rejects.
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const bundle = await bundleOf(
      await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/`, tokens.access_token),
    );
    for (const entry of bundle.entry ?? []) {
      expect(entry.fullUrl).toBe(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/${entry.resource.id}`);
    }
  });

  it('keep the v1 total: BFD v1 code always sets it (bb2-api 3.4); only BB2 unit-test data lacks it', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox, { version: 1 });
    const bundle = await bundleOf(
      await fhirGet(`${sandbox.url}/v1/fhir/ExplanationOfBenefit/?_count=5`, tokens.access_token),
    );
    expect(bundle.total).toBe(sandbox.dataset.beneficiaries[0]?.eobCount);
  });
});
