import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import {
  type BundleLike,
  bundleOf,
  closeSandboxes,
  fhirGet,
  getWithHost,
  linkOf,
  obtainTokens,
  sandboxWith,
} from './helpers.js';

afterEach(closeSandboxes);

function claimIds(sandbox: Sandbox, index: number, version: 2 | 3 = 2): string[] {
  const bene = sandbox.dataset.beneficiaries[index]!;
  return Array.from({ length: bene.eobCount }, (_, i) => {
    const claim = sandbox.dataset.claimHeader(bene, i);
    return version === 3 ? claim.idV3 : claim.id;
  });
}

/** Follows `next` links to the end and returns every page. */
async function walk(
  start: string,
  token: string,
  rewrite: (url: string) => string = (u) => u,
): Promise<BundleLike[]> {
  const pages: BundleLike[] = [];
  let next: string | undefined = start;
  while (next !== undefined) {
    const page = await bundleOf(await fhirGet(rewrite(next), token));
    pages.push(page);
    next = linkOf(page, 'next');
    expect(pages.length).toBeLessThan(1000);
  }
  return pages;
}

describe('v1/v2 links (BFD OffsetLinkBuilder)', () => {
  it("emits first, next, previous, last, self in BB2's order and shape", async () => {
    const sandbox = await sandboxWith({ eobsPerBeneficiary: [52, 3, 7] });
    const tokens = await obtainTokens(sandbox);
    const page = await bundleOf(
      await fhirGet(
        `${sandbox.url}/v2/fhir/ExplanationOfBenefit?_count=10&startIndex=20`,
        tokens.access_token,
      ),
    );
    const base = `${sandbox.url}/v2/fhir/ExplanationOfBenefit`;
    const at = (start: number) =>
      `${base}?_format=application%2Fjson%2Bfhir&startIndex=${start}&_count=10&patient=${tokens.patient}`;
    expect(page.link).toEqual([
      { relation: 'first', url: at(0) },
      { relation: 'next', url: at(30) },
      { relation: 'previous', url: at(10) },
      { relation: 'last', url: at(50) },
      {
        relation: 'self',
        url: `${base}/?_count=10&_format=application%2Fjson%2Bfhir&patient=${tokens.patient}&startIndex=20`,
      },
    ]);
    expect(page).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 52 });
    expect(page.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.isNaN(Date.parse(page.meta.lastUpdated))).toBe(false);
    expect(page.entry?.[0]?.fullUrl).toBe(`${base}/${page.entry?.[0]?.resource.id}`);
    const first = await bundleOf(await fhirGet(at(0), tokens.access_token));
    expect(first.link.map((l) => l.relation)).toEqual(['first', 'next', 'last', 'self']);
    const last = await bundleOf(await fhirGet(at(50), tokens.access_token));
    expect(last.link.map((l) => l.relation)).toEqual(['first', 'previous', 'last', 'self']);
    expect(last.entry).toHaveLength(2);
  });

  it('gives every search response a new Bundle id, as BFD does (issue 12)', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const get = async (q: string) =>
      (
        await bundleOf(
          await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/?${q}`, tokens.access_token),
        )
      ).id;
    const first = await get('_count=5');
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await get('_count=5')).not.toBe(first);
  });

  it('repeats the original query in every link', async () => {
    const sandbox = await sandboxWith({ eobsPerBeneficiary: [120, 3, 7] });
    const tokens = await obtainTokens(sandbox);
    const query =
      'type=carrier,pde,outpatient&service-date=ge2020-01-01&service-date=lt2035-01-01&_count=3&foo=1';
    const page = await bundleOf(
      await fhirGet(`${sandbox.url}/v2/fhir/ExplanationOfBenefit/?${query}`, tokens.access_token),
    );
    for (const link of page.link) {
      const params = new URL(link.url).searchParams;
      expect(params.get('type')).toBe('carrier,pde,outpatient');
      expect(params.getAll('service-date')).toEqual(['ge2020-01-01', 'lt2035-01-01']);
      expect(params.get('_count')).toBe('3');
      expect(params.get('_format')).toBe('application/json+fhir');
      expect(params.get('patient')).toBe(tokens.patient);
      expect(params.has('foo')).toBe(false);
    }
  });

  it('walks v1 and v2 to the end, every entry exactly once, in order', async () => {
    const sandbox = await sandboxWith({ eobsPerBeneficiary: [120, 3, 7] });
    for (const version of [1, 2] as const) {
      const tokens = await obtainTokens(sandbox, { version });
      const pages = await walk(
        `${sandbox.url}/v${version}/fhir/ExplanationOfBenefit/?_count=7`,
        tokens.access_token,
      );
      expect(pages).toHaveLength(Math.ceil(120 / 7));
      const seen = pages.flatMap((p) => (p.entry ?? []).map((e) => e.resource.id));
      expect(seen).toEqual(claimIds(sandbox, 0));
      expect(pages.every((p) => p.total === 120)).toBe(true);
    }
  });

  it('walks a filtered search to the end', async () => {
    const sandbox = await sandboxWith({ eobsPerBeneficiary: [120, 3, 7] });
    const tokens = await obtainTokens(sandbox);
    const pages = await walk(
      `${sandbox.url}/v2/fhir/ExplanationOfBenefit/?type=pde&_count=4`,
      tokens.access_token,
    );
    const bene = sandbox.dataset.beneficiaries[0]!;
    const expected = claimIds(sandbox, 0).filter(
      (_, i) => sandbox.dataset.claimHeader(bene, i).type === 'pde',
    );
    expect(pages.flatMap((p) => (p.entry ?? []).map((e) => e.resource.id))).toEqual(expected);
  });

  it('links Patient with _id and Coverage with beneficiary=Patient/<id>', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const patient = await bundleOf(await fhirGet(`${sandbox.url}/v2/fhir/Patient/`, tokens.access_token));
    expect(patient.total).toBe(1);
    expect(linkOf(patient, 'first')).toBe(
      `${sandbox.url}/v2/fhir/Patient?_format=application%2Fjson%2Bfhir&startIndex=0&_count=10&_id=${tokens.patient}`,
    );
    const coverage = await bundleOf(await fhirGet(`${sandbox.url}/v2/fhir/Coverage`, tokens.access_token));
    expect(linkOf(coverage, 'self')).toBe(
      `${sandbox.url}/v2/fhir/Coverage/?_count=10&_format=application%2Fjson%2Bfhir&beneficiary=Patient%2F${tokens.patient}&startIndex=0`,
    );
  });

  it('builds links on the Host header the client used (LOCAL: http://localhost:8000)', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox);
    const response = await getWithHost(`${sandbox.url}/v2/fhir/Coverage/`, `localhost:${sandbox.port}`, {
      authorization: `Bearer ${tokens.access_token}`,
    });
    const bundle = JSON.parse(response.body) as BundleLike;
    expect(
      bundle.link.every((l) => l.url.startsWith(`http://localhost:${sandbox.port}/v2/fhir/Coverage`)),
    ).toBe(true);
  });
});

describe('v3 offset paging (BFD-ng)', () => {
  it('links next/previous/self with _offset and omits total while more pages exist', async () => {
    const sandbox = await sandboxWith({ eobsPerBeneficiary: [25, 3, 7] });
    const tokens = await obtainTokens(sandbox, { version: 3 });
    const base = `${sandbox.url}/v3/fhir/ExplanationOfBenefit/`;
    const common = `_count=10&_format=application%2Fjson%2Bfhir&patient=${tokens.patient}`;
    const first = await bundleOf(await fhirGet(`${base}?_count=10`, tokens.access_token));
    expect(first.total).toBeUndefined();
    expect(first.link).toEqual([
      { relation: 'next', url: `${base}?${common}&_offset=10` },
      { relation: 'self', url: `${base}?${common}` },
    ]);
    const middle = await bundleOf(await fhirGet(`${base}?_count=10&_offset=10`, tokens.access_token));
    expect(middle.link.map((l) => l.relation)).toEqual(['next', 'previous', 'self']);
    expect(linkOf(middle, 'previous')).toBe(`${base}?${common}&_offset=0`);
    const last = await bundleOf(await fhirGet(`${base}?_count=10&_offset=20`, tokens.access_token));
    // The last page counts every match, not the page's 5 entries (issue 12).
    expect(last.total).toBe(25);
    expect(last.link.map((l) => l.relation)).toEqual(['previous', 'self']);
  });

  it('accepts startIndex, lets _offset win, and serves an empty page past the end', async () => {
    const sandbox = await sandboxWith({ eobsPerBeneficiary: [25, 3, 7] });
    const tokens = await obtainTokens(sandbox, { version: 3 });
    const base = `${sandbox.url}/v3/fhir/ExplanationOfBenefit/`;
    const all = claimIds(sandbox, 0, 3);
    const byStart = await bundleOf(await fhirGet(`${base}?_count=5&startIndex=5`, tokens.access_token));
    expect(byStart.entry?.map((e) => e.resource.id)).toEqual(all.slice(5, 10));
    const both = await bundleOf(
      await fhirGet(`${base}?_count=5&startIndex=5&_offset=15`, tokens.access_token),
    );
    expect(both.entry?.map((e) => e.resource.id)).toEqual(all.slice(15, 20));
    const past = await bundleOf(await fhirGet(`${base}?_count=5&_offset=40`, tokens.access_token));
    expect(past.entry).toBeUndefined();
    expect(past.total).toBe(25);
  });

  it('puts links on v3LinkBaseUrl (the leaked BFD host) and still walks to the end', async () => {
    const internal = 'http://sandbox.fhirv3.bfd.cmscloud.local';
    const sandbox = await sandboxWith({ eobsPerBeneficiary: [33, 3, 7], v3LinkBaseUrl: internal });
    const tokens = await obtainTokens(sandbox, { version: 3 });
    const pages = await walk(
      `${sandbox.url}/v3/fhir/ExplanationOfBenefit/?_count=10`,
      tokens.access_token,
      (u) => u.replace(internal, sandbox.url),
    );
    expect(linkOf(pages[0]!, 'next')?.startsWith(`${internal}/v3/fhir/ExplanationOfBenefit/?`)).toBe(true);
    expect(pages.flatMap((p) => (p.entry ?? []).map((e) => e.resource.id))).toEqual(claimIds(sandbox, 0, 3));
    expect(pages.map((p) => p.total)).toEqual([undefined, undefined, undefined, 33]);
  });

  it('pages v3 Coverage with _offset too', async () => {
    const sandbox = await sandboxWith();
    const tokens = await obtainTokens(sandbox, { version: 3 });
    const pages = await walk(`${sandbox.url}/v3/fhir/Coverage/?_count=2`, tokens.access_token);
    expect(pages.flatMap((p) => (p.entry ?? []).map((e) => e.resource.id))).toEqual(
      sandbox.dataset.coverages(sandbox.dataset.beneficiaries[0]!, 3).map((c) => c.id),
    );
  });
});

describe('a 100,000-claim beneficiary', () => {
  it('serves the last page, filtered or not, without building every claim', async () => {
    const sandbox = await sandboxWith({ beneficiaries: 1, eobsPerBeneficiary: 100_000 });
    const tokens = await obtainTokens(sandbox);
    const base = `${sandbox.url}/v2/fhir/ExplanationOfBenefit/`;
    const first = await bundleOf(await fhirGet(`${base}?_count=50`, tokens.access_token));
    expect(first.total).toBe(100_000);
    const lastUrl = linkOf(first, 'last') ?? '';
    expect(new URL(lastUrl).searchParams.get('startIndex')).toBe('99950');
    const last = await bundleOf(await fhirGet(lastUrl, tokens.access_token));
    expect(linkOf(last, 'next')).toBeUndefined();
    const bene = sandbox.dataset.beneficiaries[0]!;
    expect(last.entry?.map((e) => e.resource.id)).toEqual(
      Array.from({ length: 50 }, (_, i) => sandbox.dataset.claimHeader(bene, 99_950 + i).id),
    );
    const filtered = await bundleOf(await fhirGet(`${base}?type=pde&_count=50`, tokens.access_token));
    const filteredLast = await bundleOf(await fhirGet(linkOf(filtered, 'last') ?? '', tokens.access_token));
    expect(filteredLast.total).toBe(filtered.total);
    expect(linkOf(filteredLast, 'next')).toBeUndefined();
    expect(filteredLast.entry?.every((e) => e.resource.id.startsWith('pde--'))).toBe(true);
  });
});
